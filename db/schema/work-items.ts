/** Work items that run in parallel inside a review (design §3–4), each with its own lifecycle. */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';
import { createdAt, id, instant, lockVersion, updatedAt } from './columns.ts';
import { decisions } from './decisions.ts';
import {
  assessmentState,
  consultationOpinion,
  consultationState,
  informationRequestState,
  representationRequestState,
  strategy,
  subStrategy,
} from './enums.ts';
import { organizations, people } from './organizations.ts';

/** One per department and round: the department's opinion on the shared case file. */
export const consultations = pgTable(
  'consultations',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => organizations.id),
    /** A remitted case is consulted again: round 2, 3, … */
    round: integer('round').notNull().default(1),
    state: consultationState('state').notNull().default('REQUESTED'),
    question: text('question').notNull(),
    requestedById: uuid('requested_by_id')
      .notNull()
      .references(() => people.id),
    requestedAt: createdAt(),
    opinion: consultationOpinion('opinion'),
    rationale: text('rationale'),
    respondedById: uuid('responded_by_id').references(() => people.id),
    respondedAt: instant('responded_at'),
    /** The opinion was deemed by the regime's silence rule, not given. */
    deemed: boolean('deemed').notNull().default(false),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    uniqueIndex('consultations_case_department_round_key').on(t.caseId, t.departmentId, t.round),
    index('consultations_department_state_idx').on(t.departmentId, t.state),
    index('consultations_requested_by_idx').on(t.requestedById),
    index('consultations_responded_by_idx').on(t.respondedById),
    check('consultations_round_positive', sql`${t.round} >= 1`),
    check('consultations_responded_has_opinion', sql`${t.state} <> 'RESPONDED' or ${t.opinion} is not null`),
    check('consultations_opinion_has_rationale', sql`${t.opinion} is null or ${t.rationale} is not null`),
  ],
);

/** A third-party assessment commissioned from an institute (seed digest §5). */
export const assessments = pgTable(
  'assessments',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    instituteId: uuid('institute_id')
      .notNull()
      .references(() => organizations.id),
    state: assessmentState('state').notNull().default('INVITED'),
    termsOfReference: text('terms_of_reference').notNull(),
    invitedById: uuid('invited_by_id')
      .notNull()
      .references(() => people.id),
    invitedAt: createdAt(),
    respondedAt: instant('responded_at'),
    declineReason: text('decline_reason'),
    report: text('report'),
    /** Capability → score 0–5, e.g. { "INNOVATION": 2, "MANUFACTURING": 4 }. */
    capabilityScores: jsonb('capability_scores'),
    recommendedStrategy: strategy('recommended_strategy'),
    recommendedSubStrategy: subStrategy('recommended_sub_strategy'),
    submittedById: uuid('submitted_by_id').references(() => people.id),
    submittedAt: instant('submitted_at'),
    reviewedById: uuid('reviewed_by_id').references(() => people.id),
    reviewedAt: instant('reviewed_at'),
    returnReason: text('return_reason'),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    index('assessments_case_idx').on(t.caseId),
    index('assessments_institute_state_idx').on(t.instituteId, t.state),
    index('assessments_invited_by_idx').on(t.invitedById),
    index('assessments_submitted_by_idx').on(t.submittedById),
    index('assessments_reviewed_by_idx').on(t.reviewedById),
    check(
      'assessments_submitted_has_report',
      sql`${t.state} not in ('SUBMITTED', 'ENDORSED') or (${t.report} is not null and ${t.submittedAt} is not null)`,
    ),
  ],
);

/** Conflicts of interest are declared per person (design §1): a conflicted assessor cannot see the case. */
export const conflictDeclarations = pgTable(
  'conflict_declarations',
  {
    id: id(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    hasConflict: boolean('has_conflict').notNull(),
    statement: text('statement').notNull(),
    declaredAt: createdAt(),
  },
  (t) => [
    uniqueIndex('conflict_declarations_assessment_person_key').on(t.assessmentId, t.personId),
    index('conflict_declarations_person_idx').on(t.personId),
  ],
);

/** A request for information addressed to a party; under some regimes it pauses the phase clock. */
export const informationRequests = pgTable(
  'information_requests',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    addressedToOrganizationId: uuid('addressed_to_organization_id')
      .notNull()
      .references(() => organizations.id),
    state: informationRequestState('state').notNull().default('OPEN'),
    questions: text('questions').notNull(),
    answer: text('answer'),
    pausesPhaseClock: boolean('pauses_phase_clock').notNull(),
    requestedById: uuid('requested_by_id')
      .notNull()
      .references(() => people.id),
    requestedAt: createdAt(),
    answeredById: uuid('answered_by_id').references(() => people.id),
    answeredAt: instant('answered_at'),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    index('information_requests_case_idx').on(t.caseId),
    index('information_requests_addressee_state_idx').on(t.addressedToOrganizationId, t.state),
    index('information_requests_requested_by_idx').on(t.requestedById),
    index('information_requests_answered_by_idx').on(t.answeredById),
    check(
      'information_requests_answered',
      sql`${t.state} <> 'ANSWERED' or (${t.answer} is not null and ${t.answeredAt} is not null)`,
    ),
  ],
);

/** The right to be heard: a proposed prohibition or conditions disclosed to a party. */
export const representationRequests = pgTable(
  'representation_requests',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    addressedToOrganizationId: uuid('addressed_to_organization_id')
      .notNull()
      .references(() => organizations.id),
    state: representationRequestState('state').notNull().default('OPEN'),
    /** The part of the proposal disclosed to the party (never the internal reasons). */
    disclosedText: text('disclosed_text').notNull(),
    representation: text('representation'),
    requestedById: uuid('requested_by_id')
      .notNull()
      .references(() => people.id),
    requestedAt: createdAt(),
    submittedById: uuid('submitted_by_id').references(() => people.id),
    submittedAt: instant('submitted_at'),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    index('representation_requests_case_idx').on(t.caseId),
    index('representation_requests_decision_idx').on(t.decisionId),
    index('representation_requests_addressee_state_idx').on(t.addressedToOrganizationId, t.state),
    index('representation_requests_requested_by_idx').on(t.requestedById),
    index('representation_requests_submitted_by_idx').on(t.submittedById),
    check(
      'representation_requests_submitted',
      sql`${t.state} <> 'SUBMITTED' or (${t.representation} is not null and ${t.submittedAt} is not null)`,
    ),
  ],
);
