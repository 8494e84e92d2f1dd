/** Review cases, their parties, chain nodes and internal notes (design §3). */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clocks, regimes } from './clocks.ts';
import { createdAt, id, instant, lockVersion, updatedAt } from './columns.ts';
import {
  capability,
  caseOrigin,
  caseState,
  caseSubject,
  clearanceLevel,
  keyDimension,
  partyRole,
  riskGrade,
  securityType,
  strategy,
  subStrategy,
  technologyMaturity,
} from './enums.ts';
import { chainNodes } from './knowledge.ts';
import { organizations, people } from './organizations.ts';

/**
 * Reference numbers are gap-free per year: the counter row is incremented in the same
 * transaction that assigns the number, so a rollback gives the number back (a sequence would not).
 */
export const caseReferenceCounters = pgTable(
  'case_reference_counters',
  {
    year: integer('year').primaryKey(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [check('case_reference_counters_range', sql`${t.lastNumber} between 1 and 999999`)],
);

export const cases = pgTable(
  'cases',
  {
    id: id(),
    /** ICSR-YYYY-NNNNNN, assigned at submission or when the office opens the case; a draft has none. */
    reference: text('reference'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    origin: caseOrigin('origin').notNull(),
    subject: caseSubject('subject').notNull(),
    state: caseState('state').notNull(),
    confidentiality: clearanceLevel('confidentiality').notNull().default('CONFIDENTIAL'),
    /** The filing firm, or the referring department for a referral; null for an ex-officio case. */
    filerOrganizationId: uuid('filer_organization_id').references(() => organizations.id),
    caseOfficerId: uuid('case_officer_id').references(() => people.id),
    leadReviewerId: uuid('lead_reviewer_id').references(() => people.id),
    createdById: uuid('created_by_id').references(() => people.id),
    // Classification: the officer's facts (seed digest §2).
    securityType: securityType('security_type'),
    keyDimension: keyDimension('key_dimension'),
    capabilities: capability('capabilities').array().notNull().default(sql`'{}'::capability[]`),
    maturity: technologyMaturity('maturity'),
    strategy: strategy('strategy'),
    subStrategy: subStrategy('sub_strategy'),
    classificationReason: text('classification_reason'),
    // Risk: the policy's result, or the officer's override with a reason.
    riskScore: numeric('risk_score', { precision: 5, scale: 2, mode: 'number' }),
    riskGrade: riskGrade('risk_grade'),
    riskExplanation: jsonb('risk_explanation'),
    riskPolicyVersion: text('risk_policy_version'),
    riskOverrideReason: text('risk_override_reason'),
    // Versions the case started on and keeps (design §4).
    workflowVersion: integer('workflow_version').notNull(),
    regimeId: uuid('regime_id')
      .notNull()
      .references(() => regimes.id),
    refiledFromCaseId: uuid('refiled_from_case_id').references((): AnyPgColumn => cases.id),
    /** The running phase clock, if any; lists sort and filter on its due instant. */
    currentClockId: uuid('current_clock_id').references((): AnyPgColumn => clocks.id),
    nextDueAt: instant('next_due_at'),
    overdue: boolean('overdue').notNull().default(false),
    discardedAt: instant('discarded_at'),
    submittedAt: instant('submitted_at'),
    decidedAt: instant('decided_at'),
    closedAt: instant('closed_at'),
    lastActivityAt: instant('last_activity_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    uniqueIndex('cases_reference_key').on(t.reference),
    index('cases_state_idx').on(t.state, t.lastActivityAt),
    index('cases_case_officer_idx').on(t.caseOfficerId),
    index('cases_lead_reviewer_idx').on(t.leadReviewerId),
    index('cases_filer_idx').on(t.filerOrganizationId),
    index('cases_created_by_idx').on(t.createdById),
    index('cases_regime_idx').on(t.regimeId),
    index('cases_refiled_from_idx').on(t.refiledFromCaseId),
    index('cases_current_clock_idx').on(t.currentClockId),
    index('cases_next_due_idx').on(t.nextDueAt),
    index('cases_classification_idx').on(t.securityType, t.strategy),
    check('cases_reference_format', sql`${t.reference} is null or ${t.reference} ~ '^ICSR-[0-9]{4}-[0-9]{6}$'`),
    // A draft has no reference yet; every other case has one, except a draft that was discarded.
    check('cases_draft_has_no_reference', sql`${t.state} <> 'DRAFT' or ${t.reference} is null`),
    check(
      'cases_reference_after_draft',
      sql`${t.reference} is not null or ${t.state} = 'DRAFT' or ${t.discardedAt} is not null`,
    ),
    check('cases_filing_has_filer', sql`${t.origin} <> 'FIRM_FILING' or ${t.filerOrganizationId} is not null`),
    // The key dimension must sit under the security type, as in the paper's table.
    check(
      'cases_dimension_matches_type',
      sql`${t.keyDimension} is null or ${t.securityType} = case
        when ${t.keyDimension} in ('DIVISION_OF_LABOUR_LOCK_IN', 'WEAK_BASIC_RESEARCH', 'UNECONOMICAL_ENTRY') then 'CAPABILITY_DEFICIT'::security_type
        when ${t.keyDimension} in ('INDUSTRY_TRANSFER', 'TECHNOLOGY_ROUTE_SWITCH') then 'CAPABILITY_DESTRUCTION'::security_type
        else 'CAPABILITY_RESPONSE'::security_type end`,
    ),
    check(
      'cases_sub_strategy_matches_strategy',
      sql`${t.subStrategy} is null or ${t.strategy} = case
        when ${t.subStrategy} in ('LEADERSHIP', 'DOMESTIC_SUBSTITUTION', 'ASYMMETRIC_ADVANTAGE') then 'GRADIENT_CULTIVATION'::strategy
        when ${t.subStrategy} in ('INDUSTRIAL_COMMONS', 'STANDARDS_LEADERSHIP', 'MOTHER_FACTORY') then 'DEFENCE'::strategy
        else 'RECONSTRUCTION'::strategy end`,
    ),
    check('cases_risk_score_range', sql`${t.riskScore} is null or ${t.riskScore} between 0 and 100`),
    check('cases_risk_grade_with_score', sql`(${t.riskGrade} is null) = (${t.riskScore} is null)`),
    check('cases_version_positive', sql`${t.version} >= 1`),
  ],
);

/** Organisations taking part in a case: the filer and the subjects of the action. */
export const caseParties = pgTable(
  'case_parties',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    role: partyRole('role').notNull(),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.organizationId, t.role] }),
    index('case_parties_organization_idx').on(t.organizationId, t.caseId),
  ],
);

/** The chain nodes a case concerns; the risk policy reads their metrics. */
export const caseNodes = pgTable(
  'case_nodes',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    nodeId: uuid('node_id')
      .notNull()
      .references(() => chainNodes.id),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.nodeId] }), index('case_nodes_node_idx').on(t.nodeId)],
);

/** The office's internal notes on a case: never shown to firms (design §2). */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => people.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('case_notes_case_idx').on(t.caseId, t.createdAt),
    index('case_notes_author_idx').on(t.authorId),
    check('case_notes_body_not_empty', sql`length(trim(${t.body})) > 0`),
  ],
);
