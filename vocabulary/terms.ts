/**
 * The product's vocabulary: every closed set of values the domain speaks in.
 *
 * These arrays are the single source for the PostgreSQL enums (db/schema/enums.ts), the GraphQL
 * enums and the workflow and policy code, so a value is added in one place only.
 * The taxonomy follows the source paper (shared/domain/seed-digest.md §1–2).
 */

/** Kinds of organisation that take part in a review (design §1). */
export const organizationKinds = ['REVIEW_OFFICE', 'DEPARTMENT', 'FIRM', 'INSTITUTE'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

/** Roles a person can hold in their organisation (design §1). */
export const roles = [
  'CASE_OFFICER',
  'LEAD_REVIEWER',
  'APPEALS_PANEL',
  'AUDITOR',
  'ADMIN',
  'LIAISON',
  'FIRM_REPRESENTATIVE',
  'ASSESSOR',
] as const;
export type Role = (typeof roles)[number];

/** Which organisation kind each role belongs to: a role outside its kind is refused. */
export const roleOrganizationKind: Record<Role, OrganizationKind> = {
  CASE_OFFICER: 'REVIEW_OFFICE',
  LEAD_REVIEWER: 'REVIEW_OFFICE',
  APPEALS_PANEL: 'REVIEW_OFFICE',
  AUDITOR: 'REVIEW_OFFICE',
  ADMIN: 'REVIEW_OFFICE',
  LIAISON: 'DEPARTMENT',
  FIRM_REPRESENTATIVE: 'FIRM',
  ASSESSOR: 'INSTITUTE',
};

/** Clearance levels, lowest first; also the classification of documents and cases. */
export const clearanceLevels = ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'SECRET'] as const;
export type ClearanceLevel = (typeof clearanceLevels)[number];

export const personStatuses = ['INVITED', 'ACTIVE', 'DEACTIVATED'] as const;
export type PersonStatus = (typeof personStatuses)[number];

/** The case lifecycle states, exactly as design §4 names them. */
export const caseStates = [
  'DRAFT',
  'SUBMITTED',
  'RETURNED',
  'SCREENING',
  'REVIEW',
  'IN_DEPTH',
  'DECISION_PROPOSED',
  'DECIDED',
  'APPEALED',
  'MONITORING',
  'WITHDRAWN',
  'CLOSED',
] as const;
export type CaseState = (typeof caseStates)[number];

/** How a case reached the office (design §3). */
export const caseOrigins = ['FIRM_FILING', 'DEPARTMENT_REFERRAL', 'EX_OFFICIO', 'MONITORING'] as const;
export type CaseOrigin = (typeof caseOrigins)[number];

/** The event or action a case is about (design §3). */
export const caseSubjects = [
  'RELOCATION',
  'ACQUISITION',
  'SUPPLY_DISRUPTION',
  'TECHNOLOGY_ROUTE',
  'TECHNOLOGY_TRANSFER',
  'DISRUPTION_EVENT',
  /** A long-standing capability gap or dependence (the paper's capability deficit: aero engines, EDA, photoresist). */
  'CAPABILITY_GAP',
] as const;
export type CaseSubject = (typeof caseSubjects)[number];

/** How an organisation takes part in a case. */
export const partyRoles = ['FILER', 'SUBJECT', 'ACQUIRER', 'TARGET', 'SUPPLIER', 'CUSTOMER'] as const;
export type PartyRole = (typeof partyRoles)[number];

/** The paper's three security types (seed digest §2). */
export const securityTypes = ['CAPABILITY_DEFICIT', 'CAPABILITY_DESTRUCTION', 'CAPABILITY_RESPONSE'] as const;
export type SecurityType = (typeof securityTypes)[number];

/** The paper's seven key dimensions, each under one security type (seed digest §2). */
export const keyDimensions = [
  'DIVISION_OF_LABOUR_LOCK_IN',
  'WEAK_BASIC_RESEARCH',
  'UNECONOMICAL_ENTRY',
  'INDUSTRY_TRANSFER',
  'TECHNOLOGY_ROUTE_SWITCH',
  'SUPPORT_CAPACITY',
  'MANAGEMENT_SYSTEM',
] as const;
export type KeyDimension = (typeof keyDimensions)[number];

export const keyDimensionSecurityType: Record<KeyDimension, SecurityType> = {
  DIVISION_OF_LABOUR_LOCK_IN: 'CAPABILITY_DEFICIT',
  WEAK_BASIC_RESEARCH: 'CAPABILITY_DEFICIT',
  UNECONOMICAL_ENTRY: 'CAPABILITY_DEFICIT',
  INDUSTRY_TRANSFER: 'CAPABILITY_DESTRUCTION',
  TECHNOLOGY_ROUTE_SWITCH: 'CAPABILITY_DESTRUCTION',
  SUPPORT_CAPACITY: 'CAPABILITY_RESPONSE',
  MANAGEMENT_SYSTEM: 'CAPABILITY_RESPONSE',
};

/** Capabilities of an industry chain (seed digest §1). */
export const capabilities = ['INNOVATION', 'MANUFACTURING', 'SUPPORT', 'REGULATORY'] as const;
export type Capability = (typeof capabilities)[number];

/** Mature and emerging technologies are graded differently (seed digest §3). */
export const technologyMaturities = ['MATURE', 'EMERGING'] as const;
export type TechnologyMaturity = (typeof technologyMaturities)[number];

/** The paper's three governance strategies, one per security type (seed digest §2). */
export const strategies = ['GRADIENT_CULTIVATION', 'DEFENCE', 'RECONSTRUCTION'] as const;
export type Strategy = (typeof strategies)[number];

export const securityTypeStrategy: Record<SecurityType, Strategy> = {
  CAPABILITY_DEFICIT: 'GRADIENT_CULTIVATION',
  CAPABILITY_DESTRUCTION: 'DEFENCE',
  CAPABILITY_RESPONSE: 'RECONSTRUCTION',
};

/** Sub-strategies the paper names under each strategy (seed digest §2). */
export const subStrategies = [
  'LEADERSHIP',
  'DOMESTIC_SUBSTITUTION',
  'ASYMMETRIC_ADVANTAGE',
  'INDUSTRIAL_COMMONS',
  'STANDARDS_LEADERSHIP',
  'MOTHER_FACTORY',
  'RESILIENCE',
  'MANAGEMENT_SYSTEM_REFORM',
] as const;
export type SubStrategy = (typeof subStrategies)[number];

export const subStrategyStrategy: Record<SubStrategy, Strategy> = {
  LEADERSHIP: 'GRADIENT_CULTIVATION',
  DOMESTIC_SUBSTITUTION: 'GRADIENT_CULTIVATION',
  ASYMMETRIC_ADVANTAGE: 'GRADIENT_CULTIVATION',
  INDUSTRIAL_COMMONS: 'DEFENCE',
  STANDARDS_LEADERSHIP: 'DEFENCE',
  MOTHER_FACTORY: 'DEFENCE',
  RESILIENCE: 'RECONSTRUCTION',
  MANAGEMENT_SYSTEM_REFORM: 'RECONSTRUCTION',
};

/** Key-technology strategy classes of gradient cultivation (seed digest §2). */
export const technologyStrategyClasses = ['LEADERSHIP', 'DOMESTIC_SUBSTITUTION', 'ASYMMETRIC_ADVANTAGE'] as const;
export type TechnologyStrategyClass = (typeof technologyStrategyClasses)[number];

export const riskGrades = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskGrade = (typeof riskGrades)[number];

/** The factors the risk policy scores (policies/risk-policy.ts; policies/README.md). */
export const riskFactors = [
  'CAPABILITY_EXPOSURE',
  'FOREIGN_DEPENDENCY',
  'THREATENED_CAPABILITIES',
  'KEY_DIMENSION',
] as const;
export type RiskFactorName = (typeof riskFactors)[number];

/** Department opinions on a consultation (design §3). */
export const consultationOpinions = ['CONCUR', 'CONCUR_WITH_CONDITIONS', 'OBJECT', 'NO_VIEW'] as const;
export type ConsultationOpinion = (typeof consultationOpinions)[number];

export const consultationStates = ['REQUESTED', 'RESPONDED', 'OVERDUE'] as const;
export const assessmentStates = [
  'INVITED',
  'ACCEPTED',
  'DECLINED',
  'SUBMITTED',
  'ENDORSED',
  'RETURNED',
  'WITHDRAWN',
] as const;
export const informationRequestStates = ['OPEN', 'ANSWERED', 'EXPIRED'] as const;
export const representationRequestStates = ['OPEN', 'SUBMITTED', 'EXPIRED', 'CANCELLED'] as const;
/**
 * `SET_ASIDE`: an approved decision the appeals panel remitted; `SUPERSEDED`: one the panel varied into a
 * new decision (which the panel itself issues, so it has no separate approver).
 */
export const decisionStates = ['PROPOSED', 'APPROVED', 'SENT_BACK', 'SET_ASIDE', 'SUPERSEDED'] as const;
export const decisionOutcomes = ['CLEARED', 'CLEARED_WITH_CONDITIONS', 'PROHIBITED', 'NO_ACTION'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];
export const conditionStates = ['OPEN', 'MET', 'BREACHED', 'WAIVED'] as const;
export const complianceVerdicts = ['COMPLIANT', 'NON_COMPLIANT', 'PENDING_REVIEW'] as const;
export const appealStates = ['FILED', 'ADMITTED', 'INADMISSIBLE', 'UPHELD', 'VARIED', 'REMITTED'] as const;

/** Which clock is running: a case phase or a work item's deadline (design §4–5). */
export const clockPhases = [
  'ACCEPTANCE',
  'RESUBMISSION',
  'SCREENING',
  'REVIEW',
  'IN_DEPTH',
  'CONSULTATION',
  'ASSESSMENT',
  'INFORMATION_REQUEST',
  'REPRESENTATIONS',
  'APPEAL_WINDOW',
  'APPEAL_DECISION',
  'CONDITION',
] as const;
export type ClockPhase = (typeof clockPhases)[number];

/** What a clock belongs to: the case itself or one of its work items. */
export const clockOwnerKinds = [
  'CASE',
  'CONSULTATION',
  'ASSESSMENT',
  'INFORMATION_REQUEST',
  'REPRESENTATION_REQUEST',
  'APPEAL',
  'CONDITION',
] as const;
export type ClockOwnerKind = (typeof clockOwnerKinds)[number];

export const dayUnits = ['WORKING_DAYS', 'CALENDAR_DAYS'] as const;
export type DayUnit = (typeof dayUnits)[number];

/** Special days on a calendar: a day off on a weekday, or a weekend day worked (调休). */
export const calendarDayKinds = ['HOLIDAY', 'MAKEUP_WORKDAY'] as const;

export const actorKinds = ['PERSON', 'SERVICE_ACCOUNT', 'SYSTEM'] as const;
export type ActorKind = (typeof actorKinds)[number];

export const oneTimeTokenPurposes = ['ACTIVATION', 'PASSWORD_RESET'] as const;
export const notificationChannels = ['IN_APP', 'EMAIL', 'WEBHOOK'] as const;
export const deliveryStatuses = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export const outboxStatuses = ['PENDING', 'RELAYED', 'DONE', 'DEAD'] as const;

/** Events a case accepts, named for what the sender does. */
export const caseEvents = [
  'SUBMIT',
  'DISCARD',
  'RETURN_FOR_COMPLETION',
  'RESUBMISSION_WINDOW_EXPIRED',
  'ACCEPT',
  'OPEN_EX_OFFICIO',
  'REFER',
  'CLOSE_AFTER_SCREENING',
  'START_REVIEW',
  'ESCALATE_TO_IN_DEPTH',
  'EXTEND_PHASE',
  'PROPOSE_DECISION',
  'APPROVE_DECISION',
  'SEND_BACK_DECISION',
  'APPEAL_WINDOW_EXPIRED',
  'FILE_APPEAL',
  'ADMIT_APPEAL',
  'DISMISS_APPEAL',
  'DECIDE_APPEAL_UPHELD',
  'DECIDE_APPEAL_VARIED',
  'DECIDE_APPEAL_REMITTED',
  'CONDITION_BREACHED',
  'ALL_CONDITIONS_MET',
  'WITHDRAW',
] as const;
export type CaseEvent = (typeof caseEvents)[number];
