/**
 * Labels of the taxonomy in both languages (issue 7 §7): every value has an English and a Chinese
 * label and a one-line description, so a client can show either. The Chinese terms are the source
 * paper's (seed digest §1–2); where the paper has none, the usual administrative term.
 * Typed as complete records over the vocabulary, so a value added there without a label here fails
 * to compile.
 */

import type { Label, Labels } from './label.ts';
import { processLabels } from './process-labels.ts';
import type {
  Capability,
  CaseOrigin,
  CaseState,
  CaseSubject,
  DecisionOutcome,
  KeyDimension,
  RiskFactorName,
  RiskGrade,
  SecurityType,
  Strategy,
  SubStrategy,
  TechnologyMaturity,
  TechnologyStrategyClass,
} from './terms.ts';
import * as v from './terms.ts';

export const securityTypeLabels: Labels<SecurityType> = {
  CAPABILITY_DEFICIT: {
    en: 'Capability deficit',
    zh: '能力缺失型',
    description: 'The chain lacks a capability it needs: locked in, held back by weak research, or entry does not pay.',
  },
  CAPABILITY_DESTRUCTION: {
    en: 'Capability destruction',
    zh: '能力破坏型',
    description:
      'A capability the chain has is being eroded: by industry transfer or a forced technology-route switch.',
  },
  CAPABILITY_RESPONSE: {
    en: 'Capability response',
    zh: '能力响应型',
    description: 'The chain or its management cannot respond in time to a shock.',
  },
};

export const keyDimensionLabels: Labels<KeyDimension> = {
  DIVISION_OF_LABOUR_LOCK_IN: {
    en: 'Lock-in through the division of labour',
    zh: '分工导致的能力锁定',
    description: 'The international division of labour keeps the chain at the low end (e.g. aero engines).',
  },
  WEAK_BASIC_RESEARCH: {
    en: 'Weak basic research and original innovation',
    zh: '基础研究能力不足',
    description: 'Basic research and original innovation are too weak to produce the technology (e.g. EDA software).',
  },
  UNECONOMICAL_ENTRY: {
    en: 'Uneconomical entry',
    zh: '进入不经济',
    description: 'A small market held by incumbents makes entry unprofitable (e.g. semiconductor photoresist).',
  },
  INDUSTRY_TRANSFER: {
    en: 'Industry transfer',
    zh: '产业转移',
    description:
      'Production or research moves abroad, by offshoring or reshoring elsewhere (e.g. plants moving to Vietnam).',
  },
  TECHNOLOGY_ROUTE_SWITCH: {
    en: 'Technology-route switch',
    zh: '技术路线转换',
    description: 'Non-market forces switch the technology route away from the chain’s strengths (e.g. 5G O-RAN).',
  },
  SUPPORT_CAPACITY: {
    en: 'Support capacity cannot respond',
    zh: '配套能力无法响应',
    description:
      'The chain’s own manufacturing and logistics cannot absorb a shock (e.g. the chip shortage stopping car plants).',
  },
  MANAGEMENT_SYSTEM: {
    en: 'Management system cannot respond',
    zh: '管理体制无法响应',
    description: 'Fragmented security management cannot respond in time to a change in the environment.',
  },
};

export const capabilityLabels: Labels<Capability> = {
  INNOVATION: {
    en: 'Innovation',
    zh: '创新能力',
    description: 'Research and development of new technologies, processes and products, and bringing them to industry.',
  },
  MANUFACTURING: {
    en: 'Manufacturing',
    zh: '制造能力',
    description: 'Organising labour and capital for volume production.',
  },
  SUPPORT: {
    en: 'Support',
    zh: '配套能力',
    description: 'Logistics, land, finance and the other services that support the chain.',
  },
  REGULATORY: {
    en: 'Regulatory',
    zh: '监管能力',
    description: 'The government’s capacity to oversee and manage the industry.',
  },
};

export const technologyMaturityLabels: Labels<TechnologyMaturity> = {
  MATURE: {
    en: 'Mature',
    zh: '成熟技术',
    description: 'Graded by generality, strategic value and the number of suppliers.',
  },
  EMERGING: {
    en: 'Emerging',
    zh: '新兴技术',
    description: 'Judged forward-looking and strategically, not by today’s suppliers.',
  },
};

export const strategyLabels: Labels<Strategy> = {
  GRADIENT_CULTIVATION: {
    en: 'Gradient cultivation',
    zh: '梯度培育战略',
    description: 'For a capability deficit: scope the key core technologies, set priorities, choose per technology.',
  },
  DEFENCE: {
    en: 'Defence',
    zh: '防御战略',
    description:
      'For capability destruction: keep the capability at home (industrial commons, standards, mother factory).',
  },
  RECONSTRUCTION: {
    en: 'Reconstruction',
    zh: '重构战略',
    description: 'For a failed response: rebuild the chain’s resilience and the management system.',
  },
};

const gradientCultivationLabels = {
  LEADERSHIP: {
    en: 'Leadership',
    zh: '领先战略',
    description: 'Emerging, strategic technologies (5G, AI, quantum): aim to lead.',
  },
  DOMESTIC_SUBSTITUTION: {
    en: 'Domestic substitution',
    zh: '国产化替代',
    description:
      'Core technologies (industrial software, integrated circuits, aero engines): build domestic alternatives.',
  },
  ASYMMETRIC_ADVANTAGE: {
    en: 'Asymmetric advantage',
    zh: '非对称竞争优势',
    description:
      'Base parts and materials where entry is uneconomical: build “long boards” that give counter-leverage.',
  },
} as const satisfies Labels<TechnologyStrategyClass>;

export const subStrategyLabels: Labels<SubStrategy> = {
  ...gradientCultivationLabels,
  INDUSTRIAL_COMMONS: {
    en: 'Industrial commons',
    zh: '厚筑产业公地',
    description: 'Build the shared research, technology and skills a chain draws on.',
  },
  STANDARDS_LEADERSHIP: {
    en: 'Standards leadership',
    zh: '提升标准主导权',
    description: 'Lead on standards so that a technology route cannot be switched away from the chain.',
  },
  MOTHER_FACTORY: {
    en: 'Mother factory',
    zh: '母工厂',
    description: 'Keep core manufacturing know-how at home while production moves abroad.',
  },
  RESILIENCE: {
    en: 'Resilience',
    zh: '产业链韧性',
    description: 'Information sharing and a supplier database built with chain-leader firms.',
  },
  MANAGEMENT_SYSTEM_REFORM: {
    en: 'Management-system reform',
    zh: '管理体制改革',
    description: 'Reform security management around a relatively independent review body.',
  },
};

export const technologyStrategyClassLabels: Labels<TechnologyStrategyClass> = gradientCultivationLabels;

export const riskGradeLabels: Labels<RiskGrade> = {
  LOW: { en: 'Low', zh: '低风险', description: 'Leave it to the market; no in-depth review on the grade.' },
  MEDIUM: {
    en: 'Medium',
    zh: '中风险',
    description: 'Watch and review; the highest grade foreign dependency alone can reach.',
  },
  HIGH: {
    en: 'High',
    zh: '高风险',
    description: 'A capability at stake: in-depth review, and government-led action is likely.',
  },
  CRITICAL: {
    en: 'Critical',
    zh: '重大风险',
    description: 'A general-purpose, strategic capability with almost no alternative: in-depth review with priority.',
  },
};

export const riskFactorLabels: Labels<RiskFactorName> = {
  CAPABILITY_EXPOSURE: {
    en: 'Capability exposure',
    zh: '能力暴露度',
    description:
      'Generality × strategic value × supplier scarcity for mature technologies; strategic value for emerging ones.',
  },
  FOREIGN_DEPENDENCY: {
    en: 'Foreign dependency',
    zh: '对外依存度',
    description: 'Share of supply from abroad: one input, never enough on its own to grade above MEDIUM.',
  },
  THREATENED_CAPABILITIES: {
    en: 'Threatened capabilities',
    zh: '受威胁能力',
    description: 'How many of the chain’s four capabilities the case threatens.',
  },
  KEY_DIMENSION: {
    en: 'Key dimension',
    zh: '关键维度',
    description: 'How urgent the case’s key dimension is: erosion now, a shock, or a long-standing gap.',
  },
};

export const caseStateLabels: Labels<CaseState> = {
  DRAFT: { en: 'Draft', zh: '草稿', description: 'A firm is preparing a filing.' },
  SUBMITTED: { en: 'Submitted', zh: '已申报', description: 'Filed and awaiting acceptance by the office.' },
  RETURNED: { en: 'Returned', zh: '已退回补正', description: 'Returned to the filer with reasons of what is missing.' },
  SCREENING: {
    en: 'Screening',
    zh: '初步审查',
    description: 'Classification, grading and the decision whether to review.',
  },
  REVIEW: {
    en: 'General review',
    zh: '一般审查',
    description: 'Review with department consultations and assessments.',
  },
  IN_DEPTH: {
    en: 'In-depth review',
    zh: '特别审查',
    description: 'Required after an objection or a HIGH or CRITICAL grade.',
  },
  DECISION_PROPOSED: {
    en: 'Decision proposed',
    zh: '拟作决定',
    description: 'A proposed decision awaits approval by another lead reviewer.',
  },
  DECIDED: { en: 'Decided', zh: '已决定', description: 'Decided; the appeal window runs.' },
  APPEALED: { en: 'Appealed', zh: '申述中', description: 'The firm appealed to the appeals panel.' },
  MONITORING: { en: 'Monitoring', zh: '事后监督', description: 'The decision’s conditions are monitored.' },
  WITHDRAWN: { en: 'Withdrawn', zh: '已撤回', description: 'Withdrawn by the filer before a decision.' },
  CLOSED: { en: 'Closed', zh: '已结案', description: 'Closed for good: nothing further happens on the case.' },
};

export const caseSubjectLabels: Labels<CaseSubject> = {
  RELOCATION: { en: 'Relocation', zh: '产能转移', description: 'Production capacity moves abroad.' },
  ACQUISITION: { en: 'Acquisition', zh: '并购', description: 'A firm of the chain is to be acquired.' },
  SUPPLY_DISRUPTION: {
    en: 'Supply disruption',
    zh: '供应中断',
    description: 'A supplier cuts off or may cut off supply.',
  },
  TECHNOLOGY_ROUTE: {
    en: 'Technology route',
    zh: '技术路线转换',
    description: 'A technology route is being switched by non-market forces.',
  },
  TECHNOLOGY_TRANSFER: {
    en: 'Technology transfer',
    zh: '技术转让',
    description: 'Technology or know-how is licensed or transferred abroad.',
  },
  DISRUPTION_EVENT: { en: 'Disruption event', zh: '突发冲击', description: 'A shock disrupts the chain.' },
  CAPABILITY_GAP: {
    en: 'Capability gap',
    zh: '能力缺失',
    description: 'A long-standing gap or dependence in a key capability (aero engines, EDA, base materials).',
  },
};

export const caseOriginLabels: Labels<CaseOrigin> = {
  FIRM_FILING: { en: 'Firm filing', zh: '企业申报', description: 'A firm filed the case.' },
  DEPARTMENT_REFERRAL: { en: 'Department referral', zh: '部门移送', description: 'A member department referred it.' },
  EX_OFFICIO: { en: 'Ex officio', zh: '依职权审查', description: 'The office opened it on its own motion.' },
  MONITORING: { en: 'Monitoring', zh: '监测发现', description: 'Ex-post monitoring gave rise to it.' },
};

export const decisionOutcomeLabels: Labels<DecisionOutcome> = {
  CLEARED: { en: 'Cleared', zh: '准予通过', description: 'The action may proceed.' },
  CLEARED_WITH_CONDITIONS: {
    en: 'Cleared with conditions',
    zh: '附条件通过',
    description: 'The action may proceed under conditions that are monitored.',
  },
  PROHIBITED: { en: 'Prohibited', zh: '禁止', description: 'The action may not proceed.' },
  NO_ACTION: { en: 'No action', zh: '不予处理', description: 'The office takes no action on the case.' },
};

/** Every labelled enum, by the name the API uses, with its values in the vocabulary's order. */
export const taxonomyLabels = {
  SECURITY_TYPE: { values: v.securityTypes, labels: securityTypeLabels },
  KEY_DIMENSION: { values: v.keyDimensions, labels: keyDimensionLabels },
  CAPABILITY: { values: v.capabilities, labels: capabilityLabels },
  TECHNOLOGY_MATURITY: { values: v.technologyMaturities, labels: technologyMaturityLabels },
  STRATEGY: { values: v.strategies, labels: strategyLabels },
  SUB_STRATEGY: { values: v.subStrategies, labels: subStrategyLabels },
  TECHNOLOGY_STRATEGY_CLASS: { values: v.technologyStrategyClasses, labels: technologyStrategyClassLabels },
  RISK_GRADE: { values: v.riskGrades, labels: riskGradeLabels },
  RISK_FACTOR: { values: v.riskFactors, labels: riskFactorLabels },
  CASE_STATE: { values: v.caseStates, labels: caseStateLabels },
  CASE_SUBJECT: { values: v.caseSubjects, labels: caseSubjectLabels },
  CASE_ORIGIN: { values: v.caseOrigins, labels: caseOriginLabels },
  DECISION_OUTCOME: { values: v.decisionOutcomes, labels: decisionOutcomeLabels },
  ...processLabels,
} as const;

export type TaxonomyName = keyof typeof taxonomyLabels;
export const taxonomyNames = Object.keys(taxonomyLabels) as TaxonomyName[];

/** Where a value sits in the paper's table: a key dimension's security type, a sub-strategy's strategy. */
export function parentValue(taxonomy: TaxonomyName, value: string): string | null {
  if (taxonomy === 'KEY_DIMENSION') return v.keyDimensionSecurityType[value as KeyDimension];
  if (taxonomy === 'SUB_STRATEGY') return v.subStrategyStrategy[value as SubStrategy];
  if (taxonomy === 'SECURITY_TYPE') return v.securityTypeStrategy[value as SecurityType];
  return null;
}

/** The labelled values of one enum, in order. */
export function labelsOf(taxonomy: TaxonomyName) {
  const { values, labels } = taxonomyLabels[taxonomy];
  return values.map((value) => ({
    value,
    ...(labels as Record<string, Label>)[value]!,
    parent: parentValue(taxonomy, value),
  }));
}
