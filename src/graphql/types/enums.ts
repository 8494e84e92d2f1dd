/** GraphQL enums, built from the domain vocabulary so that the API names match the domain's words. */

import * as v from '../../../vocabulary/terms.ts';
import { blockedReasonDescriptions, blockedReasons } from '../../../workflows/guards.ts';
import { builder } from '../builder.ts';

const caseStateDescriptions: Record<v.CaseState, string> = {
  DRAFT: 'A firm is preparing a filing; confidential and without a reference number.',
  SUBMITTED: 'Filed and awaiting acceptance by the office (acceptance clock).',
  RETURNED: 'Returned to the filer with written reasons of what is missing (resubmission window).',
  SCREENING: 'Accepted, or opened by the office: classification, grading and the decision whether to review.',
  REVIEW: 'General review with department consultations, assessments and information requests.',
  IN_DEPTH: 'Special (in-depth) review, required after an objection or a HIGH/CRITICAL grade.',
  DECISION_PROPOSED: 'A decision is proposed and awaits approval by another lead reviewer; representations may run.',
  DECIDED: 'Decided; the appeal window runs.',
  APPEALED: 'The firm appealed; the appeals panel decides admissibility and then the appeal.',
  MONITORING: 'Conditions of the decision are monitored until all are met.',
  WITHDRAWN: 'Withdrawn by the filer before a decision; terminal. Refiling creates a new, linked case.',
  CLOSED: 'Closed; terminal.',
};

export const CaseStateEnum = builder.enumType('CaseState', {
  description: 'The lifecycle state of a review case (design §4).',
  values: Object.fromEntries(v.caseStates.map((s) => [s, { description: caseStateDescriptions[s] }])),
});

const plain = <const T extends readonly string[]>(name: string, values: T, description: string) =>
  builder.enumType(name, { description, values });

export const OrganizationKindEnum = plain(
  'OrganizationKind',
  v.organizationKinds,
  'The kind of organisation: the review office, a member department, a firm or a research institute.',
);
export const RoleEnum = plain('Role', v.roles, 'A role a person holds in their organisation.');
export const ClearanceLevelEnum = plain(
  'ClearanceLevel',
  v.clearanceLevels,
  'Clearance of a person, and classification of a case or document: PUBLIC < INTERNAL < CONFIDENTIAL < SECRET.',
);
export const PersonStatusEnum = plain(
  'PersonStatus',
  v.personStatuses,
  'Whether an account is invited, active or deactivated.',
);
export const CaseOriginEnum = plain('CaseOrigin', v.caseOrigins, 'How a case reached the office.');
export const CaseSubjectEnum = plain('CaseSubject', v.caseSubjects, 'The event or action a case is about.');
export const PartyRoleEnum = plain('PartyRole', v.partyRoles, 'How an organisation takes part in a case.');
export const SecurityTypeEnum = plain(
  'SecurityType',
  v.securityTypes,
  'The paper’s security types: capability deficit 能力缺失型, destruction 能力破坏型, response 能力响应型.',
);
export const KeyDimensionEnum = plain(
  'KeyDimension',
  v.keyDimensions,
  'The paper’s seven key dimensions, each under one security type.',
);
export const CapabilityEnum = plain(
  'Capability',
  v.capabilities,
  'A capability of an industry chain: innovation, manufacturing, support or regulatory.',
);
export const TechnologyMaturityEnum = plain(
  'TechnologyMaturity',
  v.technologyMaturities,
  'Mature and emerging technologies are graded differently.',
);
export const StrategyEnum = plain(
  'Strategy',
  v.strategies,
  'Governance strategy: gradient cultivation 梯度培育, defence 防御 or reconstruction 重构.',
);
export const SubStrategyEnum = plain(
  'SubStrategy',
  v.subStrategies,
  'A sub-strategy the paper names under a strategy.',
);
export const TechnologyStrategyClassEnum = plain(
  'TechnologyStrategyClass',
  v.technologyStrategyClasses,
  'Strategy class of a key core technology under gradient cultivation.',
);
export const RiskGradeEnum = plain('RiskGrade', v.riskGrades, 'Risk grade of a case.');

export const BlockedReasonEnum = builder.enumType('BlockedReason', {
  description: 'Why the workflow refuses an action now: the rule that blocks it (a client words it in its language).',
  values: Object.fromEntries(blockedReasons.map((code) => [code, { description: blockedReasonDescriptions[code] }])),
});
