/** Decisions, their conditions and compliance reports, and appeals (design §3). */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';
import { createdAt, id, instant, lockVersion, updatedAt } from './columns.ts';
import {
  appealState,
  complianceVerdict,
  conditionState,
  decisionOutcome,
  decisionState,
  strategy,
  subStrategy,
} from './enums.ts';
import { organizations, people } from './organizations.ts';

export const decisions = pgTable(
  'decisions',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    state: decisionState('state').notNull().default('PROPOSED'),
    outcome: decisionOutcome('outcome').notNull(),
    strategy: strategy('strategy'),
    subStrategy: subStrategy('sub_strategy'),
    /** Internal reasons: office, auditors, panel. */
    reasons: text('reasons').notNull(),
    /** Notice text for the parties. */
    noticeText: text('notice_text').notNull(),
    /** Why the proposal went ahead with work still open (design §4), if it did. */
    openWorkReason: text('open_work_reason'),
    proposedById: uuid('proposed_by_id')
      .notNull()
      .references(() => people.id),
    proposedAt: createdAt(),
    approvedById: uuid('approved_by_id').references(() => people.id),
    approvedAt: instant('approved_at'),
    sentBackReason: text('sent_back_reason'),
    /** Set when an appeals panel varied an earlier decision into this one. */
    variesDecisionId: uuid('varies_decision_id').references((): AnyPgColumn => decisions.id),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    index('decisions_case_idx').on(t.caseId, t.proposedAt),
    index('decisions_proposed_by_idx').on(t.proposedById),
    index('decisions_approved_by_idx').on(t.approvedById),
    index('decisions_varies_idx').on(t.variesDecisionId),
    // Separation of duties: who proposes a decision cannot approve it (design §1).
    check('decisions_four_eyes', sql`${t.approvedById} is null or ${t.approvedById} <> ${t.proposedById}`),
    check(
      'decisions_approved',
      // A decision the appeals panel issued when varying another is approved by the panel's ruling itself.
      sql`${t.variesDecisionId} is not null or (${t.state}::text in ('APPROVED', 'SET_ASIDE', 'SUPERSEDED')) = (${t.approvedById} is not null and ${t.approvedAt} is not null)`,
    ),
    check('decisions_sent_back_reason', sql`${t.state} <> 'SENT_BACK' or ${t.sentBackReason} is not null`),
  ],
);

/** A condition of a decision, owned by a party, monitored after the decision. */
export const conditions = pgTable(
  'conditions',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    description: text('description').notNull(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    state: conditionState('state').notNull().default('OPEN'),
    /** The condition's own deadline, as a local date of the regime's calendar. */
    dueOn: date('due_on', { mode: 'string' }),
    /** How often compliance is reported, in calendar days; null for a single report. */
    reportEveryDays: integer('report_every_days'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    index('conditions_case_idx').on(t.caseId),
    index('conditions_decision_idx').on(t.decisionId),
    index('conditions_owner_state_idx').on(t.ownerOrganizationId, t.state),
    check('conditions_report_every_positive', sql`${t.reportEveryDays} is null or ${t.reportEveryDays} > 0`),
  ],
);

export const complianceReports = pgTable(
  'compliance_reports',
  {
    id: id(),
    conditionId: uuid('condition_id')
      .notNull()
      .references(() => conditions.id),
    submittedById: uuid('submitted_by_id')
      .notNull()
      .references(() => people.id),
    submittedAt: createdAt(),
    body: text('body').notNull(),
    verdict: complianceVerdict('verdict').notNull().default('PENDING_REVIEW'),
    reviewedById: uuid('reviewed_by_id').references(() => people.id),
    reviewedAt: instant('reviewed_at'),
  },
  (t) => [
    index('compliance_reports_condition_idx').on(t.conditionId, t.submittedAt),
    index('compliance_reports_submitted_by_idx').on(t.submittedById),
    index('compliance_reports_reviewed_by_idx').on(t.reviewedById),
  ],
);

/** An appeal to a panel that did not take the decision (design §1, §3). */
export const appeals = pgTable(
  'appeals',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    appellantOrganizationId: uuid('appellant_organization_id')
      .notNull()
      .references(() => organizations.id),
    filedById: uuid('filed_by_id')
      .notNull()
      .references(() => people.id),
    grounds: text('grounds').notNull(),
    state: appealState('state').notNull().default('FILED'),
    filedAt: createdAt(),
    admittedAt: instant('admitted_at'),
    decidedAt: instant('decided_at'),
    /** The panel's reasons for admissibility or its decision. */
    panelReasons: text('panel_reasons'),
    /** For VARIED: the decision the panel put in place of the appealed one. */
    variedDecisionId: uuid('varied_decision_id').references(() => decisions.id),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    index('appeals_case_idx').on(t.caseId),
    index('appeals_decision_idx').on(t.decisionId),
    index('appeals_appellant_idx').on(t.appellantOrganizationId),
    index('appeals_filed_by_idx').on(t.filedById),
    index('appeals_varied_decision_idx').on(t.variedDecisionId),
    check('appeals_grounds_not_empty', sql`length(trim(${t.grounds})) > 0`),
    check('appeals_varied_has_decision', sql`${t.state} <> 'VARIED' or ${t.variedDecisionId} is not null`),
  ],
);

/** The panel sitting on an appeal: at least two, none of whom took part in the decision. */
export const appealPanelMembers = pgTable(
  'appeal_panel_members',
  {
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    assignedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.appealId, t.personId] }), index('appeal_panel_members_person_idx').on(t.personId)],
);
