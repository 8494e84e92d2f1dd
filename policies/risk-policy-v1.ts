/**
 * Version 1 of the risk and strategy policy: every weight and threshold `assessRisk` reads, as data.
 * A change to any number here is a new version (a new file and a new `version`), never an edit:
 * cases store the version they were graded with and reassessment says when it moved.
 * policies/README.md explains each number and works one example through.
 */
import type { RiskPolicy } from './risk-policy-version.ts';

export const riskPolicyV1 = {
  version: 'risk-v1',
  /** Points each factor can give at most; they sum to 100. */
  weights: {
    capabilityExposure: 60,
    foreignDependency: 20,
    threatenedCapabilities: 10,
    keyDimension: 10,
  },
  /** Lowest score of each grade above LOW (a score at the threshold has that grade). */
  gradeThresholds: { MEDIUM: 20, HIGH: 45, CRITICAL: 70 },
  /**
   * The structural cap: a node grades above MEDIUM only when its capability exposure reaches this.
   * Exposure does not read the foreign share, so dependency alone can never pass the cap.
   */
  capabilityGate: 0.45,
  /** The highest grade a node may have while its capability exposure is below the gate. */
  gradeBelowGate: 'MEDIUM',
  /** Supplier scarcity = countWeight / √(effective suppliers) + (1 − countWeight) / √(countries). */
  scarcity: {
    countWeight: 0.5,
    /** With no current supply link the policy does not know the scarcity and assumes the middle. */
    withoutSupplyData: 0.5,
  },
  /** Emerging technologies are judged forward-looking: strategic value × (base + (1 − base) × scarcity). */
  emergingScarcityBase: 0.6,
  /** A node without a listed key technology is treated as not (known to be) general-purpose or strategic. */
  unlistedTechnology: { generality: 2, strategicValue: 2 },
  /** Share of `threatenedCapabilities` each threatened capability gives (all four make the whole). */
  capabilityShare: { INNOVATION: 0.25, MANUFACTURING: 0.25, SUPPORT: 0.25, REGULATORY: 0.25 },
  /**
   * Share of `keyDimension` by urgency (a product choice, not the paper's): a capability being
   * destroyed now is the most urgent, a shock the chain cannot answer next, a long-standing deficit last.
   */
  dimensionShare: {
    DIVISION_OF_LABOUR_LOCK_IN: 0.6,
    WEAK_BASIC_RESEARCH: 0.6,
    UNECONOMICAL_ENTRY: 0.6,
    INDUSTRY_TRANSFER: 1,
    TECHNOLOGY_ROUTE_SWITCH: 1,
    SUPPORT_CAPACITY: 0.8,
    MANAGEMENT_SYSTEM: 0.8,
  },
  /** An emerging technology points to leadership when its strategic value is at least this (1–5). */
  leadershipMinStrategicValue: 4,
  deficitSubStrategyFrom: 'COMMITTEE',
  /** Gradient cultivation by key dimension when no listed key technology names its class. */
  deficitSubStrategy: {
    DIVISION_OF_LABOUR_LOCK_IN: 'DOMESTIC_SUBSTITUTION',
    WEAK_BASIC_RESEARCH: 'DOMESTIC_SUBSTITUTION',
    UNECONOMICAL_ENTRY: 'ASYMMETRIC_ADVANTAGE',
  },
  /** Defence and reconstruction by key dimension (industry transfer depends on what moves, see the policy). */
  otherSubStrategy: {
    TECHNOLOGY_ROUTE_SWITCH: 'STANDARDS_LEADERSHIP',
    SUPPORT_CAPACITY: 'RESILIENCE',
    MANAGEMENT_SYSTEM: 'MANAGEMENT_SYSTEM_REFORM',
  },
  /** Suggested maturity of a case's technology when no listed key technology says otherwise. */
  defaultMaturity: 'MATURE',
  /** Subjects that move production abroad: industry transfer of these keeps a mother factory at home. */
  relocatingSubjects: ['RELOCATION'],
  /**
   * The classification suggested from a case's subject (the officer confirms or changes it): what
   * kind of event usually erodes which capability, in the paper's taxonomy.
   */
  subjectDefaults: {
    RELOCATION: { keyDimension: 'INDUSTRY_TRANSFER', capabilities: ['MANUFACTURING'] },
    ACQUISITION: { keyDimension: 'INDUSTRY_TRANSFER', capabilities: ['INNOVATION', 'MANUFACTURING'] },
    TECHNOLOGY_TRANSFER: { keyDimension: 'INDUSTRY_TRANSFER', capabilities: ['INNOVATION'] },
    TECHNOLOGY_ROUTE: { keyDimension: 'TECHNOLOGY_ROUTE_SWITCH', capabilities: ['INNOVATION'] },
    SUPPLY_DISRUPTION: { keyDimension: 'SUPPORT_CAPACITY', capabilities: ['MANUFACTURING', 'SUPPORT'] },
    DISRUPTION_EVENT: { keyDimension: 'SUPPORT_CAPACITY', capabilities: ['SUPPORT'] },
  },
} as const satisfies RiskPolicy;
