/**
 * The risk and strategy policy (issue 7 §4; seed digest §1–3): a pure function from a case's
 * classification facts, its chain nodes' supply metrics and the key-technology list to a score, a
 * grade, each factor's contribution with a sentence of explanation, and a governance strategy.
 *
 * The paper's rules, as encoded here:
 * - a mature technology's risk is generality × strategic value × scarcity of suppliers;
 * - an emerging technology is judged forward-looking, by its strategic value;
 * - foreign dependency is one input and never enough: a node grades above MEDIUM only when its
 *   capability exposure (which does not read the foreign share) reaches the policy's gate;
 * - the strategy follows the security type, the sub-strategy the paper's table (see `proposeStrategy`).
 *
 * No I/O, no clock: the same input and policy version give the same result, so a stored result can
 * be recomputed and compared. Every number lives in a versioned policy object (risk-policy-version.ts
 * describes its shape; risk-policy-v1.ts and -v2.ts are the versions).
 */

import {
  capabilityLabels,
  keyDimensionLabels,
  securityTypeLabels,
  subStrategyLabels,
  technologyMaturityLabels,
} from '../vocabulary/labels.ts';
import {
  capabilities as allCapabilities,
  type Capability,
  type CaseSubject,
  type KeyDimension,
  keyDimensionSecurityType,
  type RiskFactorName,
  type RiskGrade,
  riskFactors,
  riskGrades,
  type SecurityType,
  type Strategy,
  type SubStrategy,
  securityTypeStrategy,
  type TechnologyMaturity,
  type TechnologyStrategyClass,
} from '../vocabulary/terms.ts';
import type { NodeMetrics } from './node-metrics.ts';
import { riskPolicyV1 } from './risk-policy-v1.ts';
import { riskPolicyV2 } from './risk-policy-v2.ts';
import type { RiskPolicy } from './risk-policy-version.ts';

/** The version new classifications (and reassessments) use; a case keeps the result it was graded with. */
export const currentRiskPolicy: RiskPolicy = riskPolicyV2;

/** Every version ever shipped, by name: a stored result names the version that made it. */
export const riskPolicies: Readonly<Record<string, RiskPolicy>> = {
  [riskPolicyV1.version]: riskPolicyV1,
  [riskPolicyV2.version]: riskPolicyV2,
};

/** The officer's classification facts (seed digest §2), plus the subject the case is about. */
export interface ClassificationFacts {
  readonly securityType: SecurityType;
  readonly keyDimension: KeyDimension;
  readonly capabilities: readonly Capability[];
  readonly maturity: TechnologyMaturity;
  readonly subject?: CaseSubject | null;
}

/** A key core technology on one of the case's nodes, as the committee listed it. */
export interface KeyTechnologyFacts {
  readonly nodeId: string;
  readonly name: string;
  readonly maturity: TechnologyMaturity;
  /** 1 (specialised) – 5 (general-purpose). */
  readonly generality: number;
  /** 1 – 5. */
  readonly strategicValue: number;
  /** 1 is the highest priority. */
  readonly priority: number;
  readonly strategyClass: TechnologyStrategyClass;
}

/** A chain node of the case with what the knowledge base knows of its supply (null: nothing). */
export interface RiskNodeInput {
  readonly nodeId: string;
  readonly name: string;
  readonly metrics: NodeMetrics | null;
}

export interface RiskInput {
  readonly facts: ClassificationFacts;
  readonly nodes: readonly RiskNodeInput[];
  readonly keyTechnologies: readonly KeyTechnologyFacts[];
  /** The deployment's home country, only for the wording of the explanation. */
  readonly homeCountry?: string;
}

/** One factor's contribution: its normalised value (0–1), its points out of its weight, and why. */
export interface RiskFactor {
  readonly factor: RiskFactorName;
  readonly value: number;
  readonly points: number;
  readonly maxPoints: number;
  readonly explanation: string;
}

/** How one node grades; the case takes its riskiest node. */
export interface NodeAssessment {
  readonly nodeId: string;
  readonly nodeName: string;
  readonly score: number;
  readonly grade: RiskGrade;
  /** Whether the capability gate held the grade down (the structural cap on dependency). */
  readonly capped: boolean;
  readonly capabilityExposure: number;
  /** The key technology that drives the exposure, or null when the node has none listed. */
  readonly technology: string | null;
  readonly maturity: TechnologyMaturity;
  readonly generality: number;
  readonly strategicValue: number;
  readonly supplierScarcity: number;
  readonly effectiveSuppliers: number | null;
  readonly foreignShare: number | null;
  readonly factors: readonly RiskFactor[];
}

export interface StrategyProposal {
  readonly strategy: Strategy;
  readonly subStrategy: SubStrategy;
  readonly explanation: string;
  /**
   * The industry committee's class for the lead key technology on the case's nodes (null: none
   * listed, or not a capability deficit). Absent in results stored before risk-v2.
   */
  readonly committeeSubStrategy?: SubStrategy | null;
  /** Whether the committee's class differs from the proposed sub-strategy. */
  readonly disagreesWithCommittee?: boolean;
}

export interface RiskAssessment {
  readonly policyVersion: string;
  /** 0–100, two decimals: the sum of the factors' points of the riskiest node. */
  readonly score: number;
  readonly grade: RiskGrade;
  readonly factors: readonly RiskFactor[];
  /** Whether the grade was held at the gate grade because the capability exposure is below the gate. */
  readonly capped: boolean;
  /** One sentence on the grade: which node drives it and whether the cap applied. */
  readonly gradeExplanation: string;
  /** The node whose assessment is the case's, or null when the case names no node. */
  readonly drivingNodeId: string | null;
  readonly nodes: readonly NodeAssessment[];
  readonly proposal: StrategyProposal;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const fmt = (x: number) => x.toFixed(2);
const rank = (g: RiskGrade) => riskGrades.indexOf(g);
const pct = (x: number) => `${x.toFixed(1)}%`;
const lower = (label: { en: string }) => label.en.toLowerCase();

/** The grade of a score under the policy's thresholds. */
export function gradeOfScore(score: number, policy: RiskPolicy = currentRiskPolicy): RiskGrade {
  const t = policy.gradeThresholds;
  if (score >= t.CRITICAL) return 'CRITICAL';
  if (score >= t.HIGH) return 'HIGH';
  if (score >= t.MEDIUM) return 'MEDIUM';
  return 'LOW';
}

/** Whether `grade` is at least `floor` (LOW < MEDIUM < HIGH < CRITICAL). */
export function gradeAtLeast(grade: RiskGrade, floor: RiskGrade) {
  return rank(grade) >= rank(floor);
}

/**
 * Scarcity of supply, 0–1: few effective suppliers in few countries is scarce. Effective suppliers
 * are the supplier count, or fewer when the supply is concentrated (10,000 / HHI). Adding suppliers
 * or countries without concentrating the supply never raises it.
 */
export function supplierScarcity(metrics: NodeMetrics | null, policy: RiskPolicy = currentRiskPolicy) {
  if (!metrics || metrics.supplierCount === 0) {
    return { scarcity: policy.scarcity.withoutSupplyData, effectiveSuppliers: null, countries: 0 };
  }
  const byConcentration = metrics.concentration ? 10_000 / metrics.concentration : metrics.supplierCount;
  const effectiveSuppliers = Math.min(metrics.supplierCount, byConcentration);
  const countries = Math.max(1, metrics.countries.length);
  const w = policy.scarcity.countWeight;
  const few = policy.scarcity.fewSuppliers;
  const n = Math.max(1, effectiveSuppliers);
  const countTerm = few === undefined ? 1 / Math.sqrt(n) : Math.min(1, few / n);
  return {
    scarcity: w * countTerm + (1 - w) / Math.sqrt(countries),
    effectiveSuppliers,
    countries,
  };
}

interface Exposure {
  readonly value: number;
  readonly technology: string | null;
  readonly maturity: TechnologyMaturity;
  readonly generality: number;
  readonly strategicValue: number;
}

/** generality × strategic value × scarcity for a mature technology; strategic value for an emerging one. */
function exposureOf(
  technology: string | null,
  maturity: TechnologyMaturity,
  generality: number,
  strategicValue: number,
  scarcity: number,
  policy: RiskPolicy,
): Exposure {
  const base = policy.emergingScarcityBase;
  const value =
    maturity === 'MATURE'
      ? (generality / 5) * (strategicValue / 5) * scarcity
      : (strategicValue / 5) * (base + (1 - base) * scarcity);
  return { value, technology, maturity, generality, strategicValue };
}

function caseLevelFactors(facts: ClassificationFacts, policy: RiskPolicy): RiskFactor[] {
  const threatened = [...new Set(facts.capabilities)].sort(
    (a, b) => allCapabilities.indexOf(a) - allCapabilities.indexOf(b),
  );
  const capabilityValue = Math.min(
    1,
    threatened.reduce((sum, c) => sum + policy.capabilityShare[c], 0),
  );
  const dimensionValue = policy.dimensionShare[facts.keyDimension];
  const securityType = keyDimensionSecurityType[facts.keyDimension];
  const capabilityPoints = round2(policy.weights.threatenedCapabilities * capabilityValue);
  const dimensionPoints = round2(policy.weights.keyDimension * dimensionValue);
  return [
    {
      factor: 'THREATENED_CAPABILITIES',
      value: capabilityValue,
      points: capabilityPoints,
      maxPoints: policy.weights.threatenedCapabilities,
      explanation:
        threatened.length === 0
          ? `No chain capability is named as threatened: 0 of ${policy.weights.threatenedCapabilities} points.`
          : `The case threatens ${threatened.length} of ${allCapabilities.length} chain capabilities ` +
            `(${threatened.map((c) => lower(capabilityLabels[c])).join(', ')}): ${fmt(capabilityPoints)} of ${policy.weights.threatenedCapabilities} points.`,
    },
    {
      factor: 'KEY_DIMENSION',
      value: dimensionValue,
      points: dimensionPoints,
      maxPoints: policy.weights.keyDimension,
      explanation:
        `${keyDimensionLabels[facts.keyDimension].en} is a dimension of ${lower(securityTypeLabels[securityType])}, ` +
        `${urgency[securityType]}: ${fmt(dimensionPoints)} of ${policy.weights.keyDimension} points.`,
    },
  ];
}

const urgency: Record<SecurityType, string> = {
  CAPABILITY_DESTRUCTION: 'a capability being eroded now',
  CAPABILITY_RESPONSE: 'a shock the chain cannot answer in time',
  CAPABILITY_DEFICIT: 'a long-standing gap',
};

function assessNode(
  node: RiskNodeInput | null,
  input: RiskInput,
  caseFactors: readonly RiskFactor[],
  policy: RiskPolicy,
): NodeAssessment {
  const metrics = node?.metrics ?? null;
  const supply = supplierScarcity(metrics, policy);
  const listed = node ? input.keyTechnologies.filter((t) => t.nodeId === node.nodeId) : [];
  const candidates: Exposure[] = listed.map((t) =>
    exposureOf(t.name, t.maturity, t.generality, t.strategicValue, supply.scarcity, policy),
  );
  if (candidates.length === 0) {
    const u = policy.unlistedTechnology;
    candidates.push(
      exposureOf(null, input.facts.maturity, u.generality, u.strategicValue, node ? supply.scarcity : 0, policy),
    );
  }
  // The node's most exposed technology speaks for it (ties: the first listed).
  const exposure = candidates.reduce((best, c) => (c.value > best.value ? c : best));
  const exposureValue = node ? exposure.value : 0;
  const exposurePoints = round2(policy.weights.capabilityExposure * exposureValue);
  const foreignShare = metrics && metrics.supplierCount > 0 ? metrics.foreignShare : null;
  const dependencyValue = (foreignShare ?? 0) / 100;
  const dependencyPoints = round2(policy.weights.foreignDependency * dependencyValue);
  const home = input.homeCountry ?? 'the home country';
  const name = node?.name ?? '';

  const exposureExplanation = !node
    ? 'The case names no chain node, so no capability exposure can be assessed: 0 points.'
    : (exposure.technology
        ? `${exposure.technology} (${lower(technologyMaturityLabels[exposure.maturity])}) on ${name}`
        : `${name} has no listed key technology, so it counts as generality ${exposure.generality}/5 and strategic value ${exposure.strategicValue}/5 (${lower(technologyMaturityLabels[exposure.maturity])})`) +
      (exposure.maturity === 'MATURE'
        ? `: generality ${exposure.generality}/5 × strategic value ${exposure.strategicValue}/5 × supplier scarcity ${fmt(supply.scarcity)}`
        : `: emerging, judged by strategic value ${exposure.strategicValue}/5 with supplier scarcity ${fmt(supply.scarcity)}`) +
      (supply.effectiveSuppliers === null
        ? ' (no current supply data)'
        : ` (${fmt(supply.effectiveSuppliers)} effective suppliers in ${supply.countries} ${supply.countries === 1 ? 'country' : 'countries'})`) +
      ` = exposure ${fmt(exposureValue)}: ${fmt(exposurePoints)} of ${policy.weights.capabilityExposure} points.`;
  const dependencyExplanation =
    foreignShare === null
      ? `${node ? `${name} has no current supply data` : 'No chain node'}, so no foreign dependency counts: 0 points.`
      : `${pct(foreignShare)} of the supply of ${name} comes from outside ${home}: ${fmt(dependencyPoints)} of ` +
        `${policy.weights.foreignDependency} points; dependency alone never raises the grade above ${policy.gradeBelowGate}.`;

  const factors: RiskFactor[] = [
    {
      factor: 'CAPABILITY_EXPOSURE',
      value: exposureValue,
      points: exposurePoints,
      maxPoints: policy.weights.capabilityExposure,
      explanation: exposureExplanation,
    },
    {
      factor: 'FOREIGN_DEPENDENCY',
      value: dependencyValue,
      points: dependencyPoints,
      maxPoints: policy.weights.foreignDependency,
      explanation: dependencyExplanation,
    },
    ...caseFactors,
  ];
  const score = round2(factors.reduce((sum, f) => sum + f.points, 0));
  const uncapped = gradeOfScore(score, policy);
  const capped = exposureValue < policy.capabilityGate && rank(uncapped) > rank(policy.gradeBelowGate);
  return {
    nodeId: node?.nodeId ?? '',
    nodeName: name,
    score,
    grade: capped ? policy.gradeBelowGate : uncapped,
    capped,
    capabilityExposure: exposureValue,
    technology: node ? exposure.technology : null,
    maturity: exposure.maturity,
    generality: exposure.generality,
    strategicValue: exposure.strategicValue,
    supplierScarcity: supply.scarcity,
    effectiveSuppliers: supply.effectiveSuppliers,
    foreignShare,
    factors,
  };
}

/**
 * The governance strategy from the paper's table (seed digest §2): the security type gives the
 * strategy; the sub-strategy follows the technology and the key dimension.
 */
export function proposeStrategy(input: RiskInput, policy: RiskPolicy = currentRiskPolicy): StrategyProposal {
  const { facts } = input;
  const securityType = keyDimensionSecurityType[facts.keyDimension];
  const strategy = securityTypeStrategy[securityType];
  const dimension = facts.keyDimension;
  switch (dimension) {
    case 'DIVISION_OF_LABOUR_LOCK_IN':
    case 'WEAK_BASIC_RESEARCH':
    case 'UNECONOMICAL_ENTRY': {
      const nodeIds = new Set(input.nodes.map((n) => n.nodeId));
      // The committee's highest-priority technology on the case's nodes leads (ties: most strategic).
      const lead = [...input.keyTechnologies]
        .filter((t) => nodeIds.has(t.nodeId))
        .sort((a, b) => a.priority - b.priority || b.strategicValue - a.strategicValue)[0];
      const derived =
        policy.deficitSubStrategyFrom === 'FACTS'
          ? deficitSubStrategyFromFacts(dimension, facts.maturity, lead, policy)
          : deficitSubStrategyFromCommittee(dimension, facts.maturity, lead, policy);
      const committeeSubStrategy = lead?.strategyClass ?? null;
      const disagreesWithCommittee = committeeSubStrategy !== null && committeeSubStrategy !== derived.subStrategy;
      const beside =
        lead && policy.deficitSubStrategyFrom === 'FACTS'
          ? disagreesWithCommittee
            ? ` The industry committee lists ${lead.name} (priority ${lead.priority}) for ${lower(subStrategyLabels[lead.strategyClass])} instead: the difference needs a reviewer's judgement.`
            : ` The industry committee lists ${lead.name} (priority ${lead.priority}) for the same.`
          : '';
      return {
        strategy,
        subStrategy: derived.subStrategy,
        explanation: derived.explanation + beside,
        committeeSubStrategy,
        disagreesWithCommittee,
      };
    }
    case 'INDUSTRY_TRANSFER': {
      const relocating =
        (facts.subject != null && policy.relocatingSubjects.includes(facts.subject)) ||
        facts.capabilities.includes('MANUFACTURING');
      return relocating
        ? {
            strategy,
            subStrategy: 'MOTHER_FACTORY',
            explanation: 'Production moving abroad: keep the core manufacturing know-how at home in a mother factory.',
          }
        : {
            strategy,
            subStrategy: 'INDUSTRIAL_COMMONS',
            explanation: 'Research, shared technology and skills leaving: build the industrial commons.',
          };
    }
    case 'TECHNOLOGY_ROUTE_SWITCH':
    case 'SUPPORT_CAPACITY':
    case 'MANAGEMENT_SYSTEM':
      return { strategy, subStrategy: policy.otherSubStrategy[dimension], explanation: otherExplanations[dimension] };
  }
}

/**
 * The paper's rule for a capability deficit (seed digest §2): an emerging, strategic technology calls
 * for leadership; base parts and materials whose entry is uneconomical for an asymmetric advantage;
 * a core technology held back by the division of labour or weak basic research for domestic
 * substitution. The strategic value is the lead key technology's (else the policy's unlisted value).
 */
function deficitSubStrategyFromFacts(
  dimension: 'DIVISION_OF_LABOUR_LOCK_IN' | 'WEAK_BASIC_RESEARCH' | 'UNECONOMICAL_ENTRY',
  maturity: TechnologyMaturity,
  lead: KeyTechnologyFacts | undefined,
  policy: RiskPolicy,
): { subStrategy: SubStrategy; explanation: string } {
  const strategicValue = lead?.strategicValue ?? policy.unlistedTechnology.strategicValue;
  if (maturity === 'EMERGING' && strategicValue >= policy.leadershipMinStrategicValue) {
    return {
      subStrategy: 'LEADERSHIP',
      explanation: `An emerging technology of strategic value ${strategicValue}/5 points to leadership.`,
    };
  }
  return dimension === 'UNECONOMICAL_ENTRY'
    ? {
        subStrategy: 'ASYMMETRIC_ADVANTAGE',
        explanation: 'Base parts and materials where entry is uneconomical call for an asymmetric advantage.',
      }
    : {
        subStrategy: 'DOMESTIC_SUBSTITUTION',
        explanation:
          'A core technology held back by the division of labour or weak basic research calls for domestic substitution.',
      };
}

/** risk-v1: leadership for an emerging strategic technology, else the committee's class, else the dimension's default. */
function deficitSubStrategyFromCommittee(
  dimension: 'DIVISION_OF_LABOUR_LOCK_IN' | 'WEAK_BASIC_RESEARCH' | 'UNECONOMICAL_ENTRY',
  maturity: TechnologyMaturity,
  lead: KeyTechnologyFacts | undefined,
  policy: RiskPolicy,
): { subStrategy: SubStrategy; explanation: string } {
  if (maturity === 'EMERGING' && (!lead || lead.strategicValue >= policy.leadershipMinStrategicValue)) {
    return {
      subStrategy: 'LEADERSHIP',
      explanation: lead
        ? `An emerging technology of strategic value ${lead.strategicValue}/5 (${lead.name}) points to leadership.`
        : 'An emerging technology points to leadership: judged forward-looking, not by today’s suppliers.',
    };
  }
  if (lead) {
    return {
      subStrategy: lead.strategyClass,
      explanation: `The industry committee lists ${lead.name} (priority ${lead.priority}) for ${lower(subStrategyLabels[lead.strategyClass])}.`,
    };
  }
  return {
    subStrategy: policy.deficitSubStrategy[dimension],
    explanation:
      dimension === 'UNECONOMICAL_ENTRY'
        ? 'Base parts and materials where entry is uneconomical call for an asymmetric advantage.'
        : 'A core technology held back by the division of labour or weak basic research calls for domestic substitution.',
  };
}

const otherExplanations = {
  TECHNOLOGY_ROUTE_SWITCH: 'A technology route switched by non-market forces is defended by leading on standards.',
  SUPPORT_CAPACITY:
    'A chain that cannot answer a shock is rebuilt for resilience (information sharing, a supplier database).',
  MANAGEMENT_SYSTEM: 'A management system that cannot respond in time is reformed (an independent review body).',
} as const;

/** Runs the policy: the riskiest node's score, grade and factors, and the proposed strategy. */
export function assessRisk(input: RiskInput, policy: RiskPolicy = currentRiskPolicy): RiskAssessment {
  const caseFactors = caseLevelFactors(input.facts, policy);
  const nodes = input.nodes.map((node) => assessNode(node, input, caseFactors, policy));
  const assessed = nodes.length > 0 ? nodes : [assessNode(null, input, caseFactors, policy)];
  // The riskiest node decides: highest grade, then highest score, then the first named.
  const driving = assessed.reduce((best, n) =>
    rank(n.grade) > rank(best.grade) || (n.grade === best.grade && n.score > best.score) ? n : best,
  );
  const where = driving.nodeName ? `${driving.nodeName} is the riskiest node` : 'The case names no node';
  return {
    policyVersion: policy.version,
    score: driving.score,
    grade: driving.grade,
    factors: driving.factors,
    capped: driving.capped,
    gradeExplanation: driving.capped
      ? `${where}: its score ${fmt(driving.score)} would grade ${gradeOfScore(driving.score, policy)}, but its capability exposure ` +
        `${fmt(driving.capabilityExposure)} is below the gate ${fmt(policy.capabilityGate)}, so the grade stays ${driving.grade}.`
      : `${where}: score ${fmt(driving.score)} grades ${driving.grade}.`,
    drivingNodeId: driving.nodeId || null,
    nodes,
    proposal: proposeStrategy(input, policy),
  };
}

export interface SuggestedClassification {
  readonly securityType: SecurityType;
  readonly keyDimension: KeyDimension;
  readonly capabilities: readonly Capability[];
  readonly maturity: TechnologyMaturity;
  readonly explanation: string;
}

/**
 * The classification suggested from what the case is about (its subject) and, for the maturity, the
 * key technologies listed on its nodes; the officer confirms or changes it.
 */
export function suggestClassification(
  subject: CaseSubject,
  keyTechnologies: readonly Pick<KeyTechnologyFacts, 'maturity' | 'priority' | 'name'>[] = [],
  policy: RiskPolicy = currentRiskPolicy,
): SuggestedClassification {
  const { keyDimension, capabilities } = policy.subjectDefaults[subject] ?? currentRiskPolicy.subjectDefaults[subject]!;
  const lead = [...keyTechnologies].sort((a, b) => a.priority - b.priority)[0];
  const maturity = lead?.maturity ?? (subject === 'TECHNOLOGY_ROUTE' ? 'EMERGING' : policy.defaultMaturity);
  const securityType = keyDimensionSecurityType[keyDimension];
  return {
    securityType,
    keyDimension,
    capabilities,
    maturity,
    explanation:
      `A case about ${subject.toLowerCase().replaceAll('_', ' ')} usually threatens the ` +
      `${capabilities.map((c) => lower(capabilityLabels[c])).join(' and ')} capability: ` +
      `${lower(securityTypeLabels[securityType])}, ${lower(keyDimensionLabels[keyDimension])}` +
      (lead ? `; ${lead.name} on its nodes is ${lower(technologyMaturityLabels[lead.maturity])}.` : '.'),
  };
}

/** A node-level change between two runs: which measure of which node moved, as text. */
export interface RiskNodeChange {
  readonly nodeId: string;
  readonly nodeName: string;
  readonly measure: (typeof nodeMeasures)[number] | 'node';
  readonly before: string | null;
  readonly after: string | null;
}

/** What moved between a stored result and a fresh run of the policy. */
export interface RiskDifference {
  readonly policyVersionChanged: boolean;
  readonly gradeChanged: boolean;
  readonly scoreDelta: number;
  readonly strategyChanged: boolean;
  readonly factors: readonly { readonly factor: RiskFactorName; readonly before: number; readonly after: number }[];
  readonly nodes: readonly RiskNodeChange[];
}

const nodeMeasures = [
  'grade',
  'score',
  'capabilityExposure',
  'supplierScarcity',
  'effectiveSuppliers',
  'foreignShare',
  'technology',
  'generality',
  'strategicValue',
] as const;

function measureText(node: NodeAssessment, measure: (typeof nodeMeasures)[number]): string | null {
  const value = node[measure];
  if (value === null) return null;
  return typeof value === 'number' ? fmt(value) : value;
}

export function compareAssessments(before: RiskAssessment, after: RiskAssessment): RiskDifference {
  const points = (a: RiskAssessment, f: RiskFactorName) => a.factors.find((x) => x.factor === f)?.points ?? 0;
  const nodes: RiskNodeChange[] = [];
  const earlier = new Map(before.nodes.map((n) => [n.nodeId, n]));
  const later = new Map(after.nodes.map((n) => [n.nodeId, n]));
  for (const [nodeId, was] of earlier) {
    const now = later.get(nodeId);
    if (!now) {
      nodes.push({ nodeId, nodeName: was.nodeName, measure: 'node', before: was.nodeName, after: null });
      continue;
    }
    for (const measure of nodeMeasures) {
      const [b, a] = [measureText(was, measure), measureText(now, measure)];
      if (b !== a) nodes.push({ nodeId, nodeName: now.nodeName, measure, before: b, after: a });
    }
  }
  for (const [nodeId, now] of later) {
    if (!earlier.has(nodeId)) {
      nodes.push({ nodeId, nodeName: now.nodeName, measure: 'node', before: null, after: now.nodeName });
    }
  }
  return {
    policyVersionChanged: before.policyVersion !== after.policyVersion,
    gradeChanged: before.grade !== after.grade,
    scoreDelta: round2(after.score - before.score),
    strategyChanged:
      before.proposal.strategy !== after.proposal.strategy ||
      before.proposal.subStrategy !== after.proposal.subStrategy,
    factors: riskFactors
      .map((factor) => ({ factor, before: points(before, factor), after: points(after, factor) }))
      .filter((f) => f.before !== f.after),
    nodes,
  };
}
