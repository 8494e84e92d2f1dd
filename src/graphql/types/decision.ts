/**
 * Decisions (design §3–4): proposed by an officer, disclosed to the parties for representations,
 * approved by another lead reviewer or sent back. Reads: `Case.decisions` (a party sees only the
 * approved decision, and never its internal reasons — field rules in policies/ability.ts).
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, asc, desc, eq } from 'drizzle-orm';
import { conditions, decisions } from '../../../db/schema/decisions.ts';
import {
  complianceVerdicts,
  conditionStates,
  decisionOutcomes,
  decisionStates,
  representationRequestStates,
} from '../../../vocabulary/terms.ts';
import { accessibleWhere } from '../../domain/access/authorize.ts';
import { conditionSubjectFields, decisionSubjectFields } from '../../domain/access/subject-fields.ts';
import {
  type ComplianceReportRow,
  closeMonitoring,
  confirmConditionMet,
  listComplianceReports,
  recordConditionBreach,
  reportCompliance,
  waiveCondition,
} from '../../domain/conditions/conditions.ts';
import { approveDecision, sendBackDecision } from '../../domain/decisions/approve-decision.ts';
import { proposeDecision } from '../../domain/decisions/propose-decision.ts';
import {
  listRepresentationRequests,
  type RepresentationRequestRow,
  requestRepresentations,
  submitRepresentation,
} from '../../domain/decisions/representations.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { idempotencyKeyField, runMutation } from '../mutation.ts';
import { CaseRef } from './case.ts';
import { StrategyEnum, SubStrategyEnum } from './enums.ts';
import { mutationErrorTypes } from './errors.ts';
import { PersonRef } from './person.ts';

export const DecisionOutcomeEnum = builder.enumType('DecisionOutcome', {
  description: 'What a decision decides (NO_ACTION only for a monitoring case).',
  values: decisionOutcomes,
});
export const DecisionStateEnum = builder.enumType('DecisionState', {
  description:
    'Where a decision stands: proposed, approved (in force), sent back, set aside on appeal (remitted) or superseded by the decision the appeals panel varied it into.',
  values: decisionStates,
});
const ConditionStateEnum = builder.enumType('ConditionState', {
  description: 'Where a condition of a decision stands.',
  values: conditionStates,
});
const RepresentationRequestStateEnum = builder.enumType('RepresentationRequestState', {
  description: "Where a party's chance to answer a proposal stands.",
  values: representationRequestStates,
});

type ConditionRow = typeof conditions.$inferSelect;

const ComplianceVerdictEnum = builder.enumType('ComplianceVerdict', {
  description: "The office's view of a compliance report.",
  values: complianceVerdicts,
});

const ComplianceReportRef = builder.objectRef<ComplianceReportRow>('ComplianceReport').implement({
  description: 'What the answerable party reported on a monitored condition.',
  fields: (t) => ({
    id: t.id({ description: 'Global ID of the report.', resolve: (r) => encodeGlobalID('ComplianceReport', r.id) }),
    body: t.exposeString('body', { description: 'What was done to comply.' }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', description: 'When it was reported.' }),
    submittedBy: t.field({
      type: PersonRef,
      description: 'Who reported it.',
      resolve: async (r, _args, ctx) => (await ctx.db.query.people.findFirst({ where: { id: r.submittedById } }))!,
    }),
    verdict: t.field({
      type: ComplianceVerdictEnum,
      description: "The office's view of it (PENDING_REVIEW until the office rules on the condition).",
      resolve: (r) => r.verdict,
    }),
  }),
});

const ConditionRef = builder.objectRef<ConditionRow>('Condition').implement({
  description: 'A condition of a decision: owned by a party, due on a date, monitored after the decision.',
  fields: (t) => ({
    id: t.id({ description: 'Global ID of the condition.', resolve: (c) => encodeGlobalID('Condition', c.id) }),
    description: t.exposeString('description', { description: 'What the owner must do.' }),
    ownerOrganizationId: t.id({
      description: 'Global ID of the party answerable for the condition.',
      resolve: (c) => encodeGlobalID('Organization', c.ownerOrganizationId),
    }),
    state: t.field({ type: ConditionStateEnum, description: 'Where it stands.', resolve: (c) => c.state }),
    version: t.exposeInt('version', { description: 'Optimistic-lock version: send it back with a ruling on it.' }),
    dueOn: t.field({
      type: 'Date',
      nullable: true,
      description: "The condition's deadline, in the case's calendar.",
      resolve: (c) => c.dueOn,
    }),
    complianceReports: t.field({
      type: [ComplianceReportRef],
      description:
        'Reports on it, oldest first: the office reads all; outside it, only the party answerable for the ' +
        'condition reads them.',
      resolve: (c, _args, ctx) => listComplianceReports(ctx.db, ctx.actor, c),
    }),
  }),
});

const RepresentationRequestRef = builder.objectRef<RepresentationRequestRow>('RepresentationRequest').implement({
  description: 'A proposal disclosed to one party for its representations (the right to be heard).',
  fields: (t) => ({
    id: t.id({
      description: 'Global ID of the request.',
      resolve: (r) => encodeGlobalID('RepresentationRequest', r.id),
    }),
    addressedToOrganizationId: t.id({
      description: 'Global ID of the party asked.',
      resolve: (r) => encodeGlobalID('Organization', r.addressedToOrganizationId),
    }),
    state: t.field({ type: RepresentationRequestStateEnum, description: 'Where it stands.', resolve: (r) => r.state }),
    disclosedText: t.exposeString('disclosedText', { description: 'What the party was shown: the notice text.' }),
    representation: t.exposeString('representation', { nullable: true, description: "The party's answer." }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime', description: 'When the party was asked.' }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true, description: 'When it answered.' }),
    version: t.exposeInt('version', { description: 'Optimistic-lock version: send it back with the answer.' }),
  }),
});

export const DecisionRef = builder.drizzleNode('decisions', {
  name: 'Decision',
  description: 'A decision on a case: proposed by one person, approved by another (design §3).',
  id: { column: (d) => d.id, description: 'Global ID of the decision.' },
  fields: (t) => ({
    state: t.expose('state', {
      type: DecisionStateEnum,
      description: 'Proposed, approved, sent back, set aside or superseded.',
    }),
    variesDecisionId: t.id({
      nullable: true,
      description: 'For a decision the appeals panel issued: global ID of the decision it varied.',
      resolve: (d) => (d.variesDecisionId ? encodeGlobalID('Decision', d.variesDecisionId) : null),
    }),
    outcome: t.expose('outcome', { type: DecisionOutcomeEnum, description: 'What is decided.' }),
    strategy: t.expose('strategy', { type: StrategyEnum, nullable: true, description: 'Governance strategy.' }),
    subStrategy: t.expose('subStrategy', {
      type: SubStrategyEnum,
      nullable: true,
      description: 'Sub-strategy under the strategy.',
    }),
    reasons: t.exposeString('reasons', {
      nullable: true,
      description: 'Internal reasons; null unless you are in the office, an auditor or the panel.',
    }),
    noticeText: t.exposeString('noticeText', { description: 'The notice text for the parties.' }),
    openWorkReason: t.exposeString('openWorkReason', {
      nullable: true,
      description: 'Why it was proposed with consultations or assessments still open; internal.',
    }),
    sentBackReason: t.exposeString('sentBackReason', {
      nullable: true,
      description: 'Why the approver sent it back; internal.',
    }),
    proposedAt: t.expose('proposedAt', { type: 'DateTime', description: 'When it was proposed.' }),
    approvedAt: t.expose('approvedAt', { type: 'DateTime', nullable: true, description: 'When it was approved.' }),
    version: t.exposeInt('version', { description: 'Optimistic-lock version of the decision.' }),
    conditions: t.field({
      type: [ConditionRef],
      description: 'Its conditions, in the order they were set.',
      resolve: (d, _args, ctx) =>
        ctx.db
          .select()
          .from(conditions)
          .where(
            and(
              eq(conditions.decisionId, d.id),
              accessibleWhere(ctx.actor, 'read', 'Condition', conditionSubjectFields(conditions)),
            ),
          )
          .orderBy(asc(conditions.createdAt), asc(conditions.id)),
    }),
    representationRequests: t.field({
      type: [RepresentationRequestRef],
      description: 'The parties asked for representations on it (outside the office: only your own).',
      resolve: (d, _args, ctx) => listRepresentationRequests(ctx.db, ctx.actor, { decisionId: d.id }),
    }),
  }),
});

builder.drizzleObjectField(CaseRef, 'decisions', (t) =>
  t.relation('decisions', {
    description: 'Decisions on the case, newest first (a party sees only the one approved, without its reasons).',
    query: (_args, ctx) => ({
      where: {
        RAW: (table) =>
          accessibleWhere(ctx.actor, 'read', 'Decision', decisionSubjectFields(table as typeof decisions)),
      },
      orderBy: { proposedAt: 'desc' },
    }),
  }),
);

builder.drizzleObjectField(CaseRef, 'representationRequests', (t) =>
  t.field({
    type: [RepresentationRequestRef],
    description: 'Requests for representations on the case, oldest first (outside the office: those addressed to you).',
    select: { columns: { id: true } },
    resolve: (row, _args, ctx) => listRepresentationRequests(ctx.db, ctx.actor, { caseId: row.id }),
  }),
);

const DecisionActionRef = builder.objectRef<{ caseId: string; decisionId: string }>('DecisionAction').implement({
  description: 'A decision was proposed, approved or sent back.',
  fields: (t) => ({
    case: t.drizzleField({
      type: 'cases',
      description: 'The case after the action.',
      resolve: async (query, p, _args, ctx) =>
        (await ctx.db.query.cases.findFirst(query({ where: { id: p.caseId } })))!,
    }),
    decision: t.drizzleField({
      type: 'decisions',
      description: 'The decision after the action.',
      resolve: async (query, p, _args, ctx) =>
        (await ctx.db.query.decisions.findFirst(query({ where: { id: p.decisionId } })))!,
    }),
  }),
});

const ConditionInput = builder.inputType('DecisionConditionInput', {
  description: 'A condition of a proposed clearance.',
  fields: (t) => ({
    description: t.string({ required: true, description: 'What the owner must do.' }),
    ownerOrganizationId: t.id({ required: true, description: 'Global ID of the party answerable for it.' }),
    dueOn: t.field({ type: 'Date', required: false, description: 'Its deadline, in the case calendar.' }),
  }),
});

/** What a decision says; shared by the officer's proposal and the panel's varied decision. */
const decisionContentFields = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => ({
  outcome: t.field({ type: DecisionOutcomeEnum, required: true, description: 'What is decided.' }),
  strategy: t.field({ type: StrategyEnum, required: false, description: 'Governance strategy.' }),
  subStrategy: t.field({ type: SubStrategyEnum, required: false, description: 'Sub-strategy.' }),
  reasons: t.string({ required: true, description: 'Internal reasons (never shown to the parties).' }),
  noticeText: t.string({ required: true, description: 'The notice text for the parties.' }),
  conditions: t.field({
    type: [ConditionInput],
    required: false,
    description: 'Conditions (only for CLEARED_WITH_CONDITIONS).',
  }),
});

const ProposeDecisionInput = builder.inputType('ProposeDecisionInput', {
  description: 'A proposed decision: outcome, strategy, internal reasons, notice text and conditions.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the case.' }),
    expectedVersion: t.int({ required: true, description: 'The case version you read.' }),
    ...decisionContentFields(t),
    reason: t.string({
      required: false,
      description:
        'Why you propose while work items are open — any consultation or assessment not in a final state, whatever ' +
        'keeps it open (required then; `availableActions` says so with `reasonRequired`).',
    }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

/** The decision an appeals panel puts in place of the one it varies. */
export const VariedDecisionInput = builder.inputType('VariedDecisionInput', {
  description: 'The decision the appeals panel records when it varies the decision appealed.',
  fields: (t) => decisionContentFields(t),
});

type DecisionContentInput = typeof VariedDecisionInput.$inferInput;

/** Decodes a decision's content; field names in errors start with `prefix` (e.g. `variedDecision.`). */
export function decisionContentRequest(input: DecisionContentInput, prefix = '') {
  return {
    outcome: input.outcome,
    strategy: input.strategy ?? undefined,
    subStrategy: input.subStrategy ?? undefined,
    reasons: input.reasons,
    noticeText: input.noticeText,
    conditions: (input.conditions ?? []).map((c, i) => ({
      description: c.description,
      ownerOrganizationId: decodeId(
        c.ownerOrganizationId,
        'Organization',
        `${prefix}conditions.${i}.ownerOrganizationId`,
      ),
      dueOn: c.dueOn ?? undefined,
    })),
  };
}

const DecisionCaseInput = builder.inputType('DecisionCaseInput', {
  description: 'The case whose pending proposal you act on, and the version you read.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the case.' }),
    expectedVersion: t.int({ required: true, description: 'The case version you read.' }),
    reason: t.string({ required: false, description: 'Written reasons (required to send back).' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('proposeDecision', (t) =>
  t.field({
    type: DecisionActionRef,
    description: 'The case officer proposes a decision; the case moves to DECISION_PROPOSED.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: ProposeDecisionInput, required: true, description: 'The proposal.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        caseId: decodeId(input.caseId, 'Case', 'caseId'),
        expectedVersion: input.expectedVersion,
        ...decisionContentRequest(input),
        reason: input.reason ?? undefined,
      };
      return runMutation(
        ctx,
        { operation: 'proposeDecision', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => {
          const { decision } = await proposeDecision(tx, ctx.actor!, request, ctx.now);
          return { caseId: decision.caseId, decisionId: decision.id };
        },
      );
    },
  }),
);

const caseActions = [
  {
    field: 'approveDecision',
    description: 'A lead reviewer other than the proposer approves the pending proposal; the appeal window opens.',
    run: approveDecision,
  },
  {
    field: 'sendBackDecision',
    description: 'A lead reviewer sends the pending proposal back to the review it came from, with reasons.',
    run: sendBackDecision,
  },
] as const;

for (const action of caseActions) {
  builder.mutationField(action.field, (t) =>
    t.field({
      type: DecisionActionRef,
      description: action.description,
      errors: { types: mutationErrorTypes },
      args: { input: t.arg({ type: DecisionCaseInput, required: true, description: 'The case and its version.' }) },
      resolve: (_root, { input }, ctx) => {
        const request = {
          caseId: decodeId(input.caseId, 'Case', 'caseId'),
          expectedVersion: input.expectedVersion,
          reason: input.reason ?? '',
        };
        return runMutation(
          ctx,
          { operation: action.field, idempotencyKey: input.idempotencyKey, input: request },
          async (tx) => {
            const { decision } = await action.run(tx, ctx.actor!, request, ctx.now);
            return { caseId: decision.caseId, decisionId: decision.id };
          },
        );
      },
    }),
  );
}

const RepresentationsRequestedRef = builder
  .objectRef<{ requests: RepresentationRequestRow[] }>('RepresentationsRequested')
  .implement({
    description: 'The proposal was disclosed to every party for its representations.',
    fields: (t) => ({
      requests: t.field({
        type: [RepresentationRequestRef],
        description: 'One request per party.',
        resolve: (p) => p.requests,
      }),
    }),
  });

builder.mutationField('requestRepresentations', (t) =>
  t.field({
    type: RepresentationsRequestedRef,
    description: "The office discloses a pending proposal's notice text to every party, who may answer in the window.",
    errors: { types: mutationErrorTypes },
    args: {
      decisionId: t.arg.id({ required: true, description: 'Global ID of the pending decision.' }),
      idempotencyKey: t.arg.string(idempotencyKeyField),
    },
    resolve: (_root, args, ctx) => {
      const request = { decisionId: decodeId(args.decisionId, 'Decision', 'decisionId') };
      return runMutation(
        ctx,
        { operation: 'requestRepresentations', idempotencyKey: args.idempotencyKey, input: request },
        async (tx) => ({ requests: await requestRepresentations(tx, ctx.actor!, request, ctx.now) }),
      );
    },
  }),
);

const RepresentationSubmittedRef = builder
  .objectRef<{ request: RepresentationRequestRow }>('RepresentationSubmitted')
  .implement({
    description: 'The party answered.',
    fields: (t) => ({
      request: t.field({
        type: RepresentationRequestRef,
        description: 'The request, answered.',
        resolve: (p) => p.request,
      }),
    }),
  });

const SubmitRepresentationInput = builder.inputType('SubmitRepresentationInput', {
  description: "A party's representations on a proposal disclosed to it.",
  fields: (t) => ({
    representationRequestId: t.id({ required: true, description: 'Global ID of the request.' }),
    expectedVersion: t.int({ required: true, description: 'The request version you read.' }),
    representation: t.string({ required: true, description: 'Your representations.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('submitRepresentation', (t) =>
  t.field({
    type: RepresentationSubmittedRef,
    description: 'The addressed party submits its representations within the window.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: SubmitRepresentationInput, required: true, description: 'The answer.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        representationRequestId: decodeId(
          input.representationRequestId,
          'RepresentationRequest',
          'representationRequestId',
        ),
        expectedVersion: input.expectedVersion,
        representation: input.representation,
      };
      return runMutation(
        ctx,
        { operation: 'submitRepresentation', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => ({ request: await submitRepresentation(tx, ctx.actor!, request, ctx.now) }),
      );
    },
  }),
);

const ConditionActionRef = builder.objectRef<{ caseId: string; condition: ConditionRow }>('ConditionAction').implement({
  description: 'A condition was reported on, confirmed met, found breached or waived.',
  fields: (t) => ({
    case: t.drizzleField({
      type: 'cases',
      description: 'The case after the action.',
      resolve: async (query, p, _args, ctx) =>
        (await ctx.db.query.cases.findFirst(query({ where: { id: p.caseId } })))!,
    }),
    condition: t.field({
      type: ConditionRef,
      description: 'The condition after the action.',
      resolve: (p) => p.condition,
    }),
  }),
});

const ReportComplianceInput = builder.inputType('ReportComplianceInput', {
  description: "The owner's report on a condition it is answerable for.",
  fields: (t) => ({
    conditionId: t.id({ required: true, description: 'Global ID of the condition.' }),
    body: t.string({ required: true, description: 'What was done to comply.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('reportCompliance', (t) =>
  t.field({
    type: ConditionActionRef,
    description: 'The organisation answerable for a monitored condition reports on its compliance.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: ReportComplianceInput, required: true, description: 'The report.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = { conditionId: decodeId(input.conditionId, 'Condition', 'conditionId'), body: input.body };
      return runMutation(
        ctx,
        { operation: 'reportCompliance', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => {
          await reportCompliance(tx, ctx.actor!, request, ctx.now);
          const [condition] = await tx.select().from(conditions).where(eq(conditions.id, request.conditionId));
          return { caseId: condition!.caseId, condition: condition! };
        },
      );
    },
  }),
);

const ConditionRulingInput = builder.inputType('ConditionRulingInput', {
  description: "The office's ruling on a monitored condition.",
  fields: (t) => ({
    conditionId: t.id({ required: true, description: 'Global ID of the condition.' }),
    expectedVersion: t.int({ required: true, description: 'The condition version you read.' }),
    caseExpectedVersion: t.int({
      required: false,
      description: 'The case version you read (required to record a breach, which reopens the review).',
    }),
    reason: t.string({ required: false, description: 'Written reasons (required for a breach or a waiver).' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

/** Rulings that settle a condition without touching the case: it is met, or a lead reviewer waives it. */
const conditionSettlements = [
  {
    field: 'confirmConditionMet',
    description: 'The office confirms, from the compliance reports, that a condition is met.',
    run: confirmConditionMet,
  },
  {
    field: 'waiveCondition',
    description: 'A lead reviewer releases the owner from a condition, with reasons.',
    run: waiveCondition,
  },
] as const;

for (const settlement of conditionSettlements) {
  builder.mutationField(settlement.field, (t) =>
    t.field({
      type: ConditionActionRef,
      description: settlement.description,
      errors: { types: mutationErrorTypes },
      args: { input: t.arg({ type: ConditionRulingInput, required: true, description: 'The ruling.' }) },
      resolve: (_root, { input }, ctx) => {
        const request = {
          conditionId: decodeId(input.conditionId, 'Condition', 'conditionId'),
          expectedVersion: input.expectedVersion,
          reason: input.reason ?? '',
        };
        return runMutation(
          ctx,
          { operation: settlement.field, idempotencyKey: input.idempotencyKey, input: request },
          async (tx) => {
            const condition = await settlement.run(tx, ctx.actor!, request, ctx.now);
            return { caseId: condition.caseId, condition };
          },
        );
      },
    }),
  );
}

builder.mutationField('recordConditionBreach', (t) =>
  t.field({
    type: ConditionActionRef,
    description: 'The office records a breach of a condition, with reasons; the case goes back to review.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: ConditionRulingInput, required: true, description: 'The ruling.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        conditionId: decodeId(input.conditionId, 'Condition', 'conditionId'),
        expectedVersion: input.expectedVersion,
        caseExpectedVersion: input.caseExpectedVersion ?? 0,
        reason: input.reason ?? '',
      };
      return runMutation(
        ctx,
        { operation: 'recordConditionBreach', idempotencyKey: input.idempotencyKey, input: request },
        (tx) => recordConditionBreach(tx, ctx.actor!, request, ctx.now),
      );
    },
  }),
);

builder.mutationField('closeMonitoring', (t) =>
  t.field({
    type: DecisionActionRef,
    description: 'Every condition is met or waived: the officer closes the monitored case.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: DecisionCaseInput, required: true, description: 'The case and its version.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = { caseId: decodeId(input.caseId, 'Case', 'caseId'), expectedVersion: input.expectedVersion };
      return runMutation(
        ctx,
        { operation: 'closeMonitoring', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => {
          await closeMonitoring(tx, ctx.actor!, request, ctx.now);
          // The decision in force is the one monitored: the payload shows it with the closed case.
          const [decision] = await tx
            .select({ id: decisions.id })
            .from(decisions)
            .where(and(eq(decisions.caseId, request.caseId), eq(decisions.state, 'APPROVED')))
            .orderBy(desc(decisions.proposedAt))
            .limit(1);
          return { caseId: request.caseId, decisionId: decision!.id };
        },
      );
    },
  }),
);
