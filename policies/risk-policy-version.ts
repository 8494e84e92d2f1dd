/**
 * The shape of a risk policy version: every number the policy function (risk-policy.ts) reads. The
 * versions (risk-policy-v1.ts, risk-policy-v2.ts) are values of this type, so they import only it.
 */
import type {
  Capability,
  CaseSubject,
  KeyDimension,
  RiskGrade,
  SubStrategy,
  TechnologyMaturity,
} from '../vocabulary/terms.ts';

/** The shape every policy version has; the numbers are explained in policies/README.md. */
export interface RiskPolicy {
  readonly version: string;
  readonly weights: {
    readonly capabilityExposure: number;
    readonly foreignDependency: number;
    readonly threatenedCapabilities: number;
    readonly keyDimension: number;
  };
  readonly gradeThresholds: { readonly MEDIUM: number; readonly HIGH: number; readonly CRITICAL: number };
  readonly capabilityGate: number;
  readonly gradeBelowGate: RiskGrade;
  readonly scarcity: {
    readonly countWeight: number;
    readonly withoutSupplyData: number;
    /**
     * Up to this many effective suppliers the supply counts as "few" (the paper's 技术供给方数量): the
     * count term is then at its full value 1, and falls as few / n beyond. Absent (risk-v1): 1 / √n.
     */
    readonly fewSuppliers?: number;
  };
  readonly emergingScarcityBase: number;
  readonly unlistedTechnology: { readonly generality: number; readonly strategicValue: number };
  readonly capabilityShare: Readonly<Record<Capability, number>>;
  readonly dimensionShare: Readonly<Record<KeyDimension, number>>;
  readonly leadershipMinStrategicValue: number;
  /**
   * Where a capability deficit's sub-strategy comes from. `COMMITTEE` (risk-v1): the industry
   * committee's class for the lead key technology, when one is listed. `FACTS`: the paper's rule on
   * maturity, strategic value and entry economics, with the committee's class shown beside it.
   */
  readonly deficitSubStrategyFrom: 'COMMITTEE' | 'FACTS';
  readonly deficitSubStrategy: Readonly<
    Record<'DIVISION_OF_LABOUR_LOCK_IN' | 'WEAK_BASIC_RESEARCH' | 'UNECONOMICAL_ENTRY', SubStrategy>
  >;
  readonly otherSubStrategy: Readonly<
    Record<'TECHNOLOGY_ROUTE_SWITCH' | 'SUPPORT_CAPACITY' | 'MANAGEMENT_SYSTEM', SubStrategy>
  >;
  readonly defaultMaturity: TechnologyMaturity;
  readonly relocatingSubjects: readonly CaseSubject[];
  /** Versions before a subject existed do not name it; the version in force names every subject (tested). */
  readonly subjectDefaults: Readonly<
    Partial<Record<CaseSubject, { readonly keyDimension: KeyDimension; readonly capabilities: readonly Capability[] }>>
  >;
}
