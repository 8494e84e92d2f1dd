/**
 * Third-party assessments in the API: the `Assessment` node, `Case.assessments` (filtered in SQL:
 * the office sees all, an institute's non-conflicted assessors their own, firms and liaisons none),
 * and one mutation per step of the assessment lifecycle.
 */
import type { assessments } from '../../../db/schema/work-items.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { assessmentStates, capabilities } from '../../../vocabulary/terms.ts';
import { assessmentEvents, assessmentWorkflow } from '../../../workflows/assessment.workflow.ts';
import type { Tx } from '../../database/database.ts';
import { accessibleWhere } from '../../domain/access/authorize.ts';
import { assessmentSubjectFields } from '../../domain/access/subject-fields.ts';
import {
  acceptAssessment,
  declareConflict,
  declineAssessment,
  endorseAssessment,
  hasDeclaredOnAssessment,
  inviteInstitute,
  returnAssessment,
  submitAssessment,
  withdrawAssessment,
} from '../../domain/assessments/assessments.ts';
import { availableWorkItemActions } from '../../domain/engine/work-items.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { idempotencyKeyField, runMutation } from '../mutation.ts';
import { CaseRef } from './case.ts';
import { StrategyEnum, SubStrategyEnum } from './enums.ts';
import { mutationErrorTypes } from './errors.ts';
import { workflowActionTypes } from './workflow-actions.ts';

const stateDescriptions: Record<(typeof assessmentStates)[number], string> = {
  INVITED: 'The institute is invited; its assessors declare conflicts, then one accepts or declines.',
  ACCEPTED: 'Accepted by an assessor who declared no conflict; the report is due.',
  DECLINED: 'The institute declined the invitation; terminal.',
  SUBMITTED: 'The report is submitted and awaits the office.',
  ENDORSED: 'The office endorsed the report; terminal.',
  RETURNED: 'The office returned the report for revision; a new deadline runs.',
  WITHDRAWN:
    'The office withdrew the invitation, with reasons; the institute was told and its clock stopped. Terminal.',
};

export const AssessmentStateEnum = builder.enumType('AssessmentState', {
  description: 'Where an assessment is in its lifecycle (design §4).',
  values: Object.fromEntries(assessmentStates.map((s) => [s, { description: stateDescriptions[s] }])),
});

type Scores = Partial<Record<(typeof capabilities)[number], number>>;

const CapabilityScoresRef = builder.objectRef<Scores>('CapabilityScores').implement({
  description: 'The assessor’s score of each chain capability the case threatens, 0 (none) to 5 (severe).',
  fields: (t) =>
    Object.fromEntries(
      capabilities.map((c) => [
        c,
        t.int({
          nullable: true,
          description: `Score of the ${c.toLowerCase()} capability, 0–5.`,
          resolve: (s) => s[c] ?? null,
        }),
      ]),
    ),
});

const { ActionRef: AssessmentActionRef } = workflowActionTypes({
  name: 'Assessment',
  events: assessmentEvents,
  workflow: assessmentWorkflow,
  eventsDescription: 'An event of the assessment workflow (docs/workflows.md draws it).',
  actionDescription:
    'An event your roles could send to the assessment in its state, as the engine judges it on the stored facts now.',
  reasonRequiredDescription: 'Whether sending it needs written reasons (e.g. withdrawing or returning).',
});

/** The assessments `actor` may read, for a (possibly aliased) assessments table. */
const readableAssessments = (actor: Actor | null, table: typeof assessments) =>
  accessibleWhere(actor, 'read', 'Assessment', assessmentSubjectFields(table));

export const AssessmentRef = builder.drizzleNode('assessments', {
  name: 'Assessment',
  description: 'A third-party assessment of a case by an institute (design §3).',
  id: { column: (a) => a.id, description: 'Global ID of the assessment.' },
  fields: (t) => ({
    state: t.expose('state', { type: AssessmentStateEnum, description: 'Where the assessment is in its lifecycle.' }),
    institute: t.relation('institute', { description: 'The invited institute.' }),
    termsOfReference: t.exposeString('termsOfReference', { description: 'What the institute is asked to assess.' }),
    invitedAt: t.expose('invitedAt', { type: 'DateTime', description: 'When the institute was invited.' }),
    respondedAt: t.expose('respondedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the institute accepted or declined.',
    }),
    declineReason: t.exposeString('declineReason', {
      nullable: true,
      description: 'Why the institute declined, if it did.',
    }),
    report: t.exposeString('report', { nullable: true, description: 'The report, once submitted.' }),
    capabilityScores: t.field({
      type: CapabilityScoresRef,
      nullable: true,
      description: 'Capability scores of the report, once submitted.',
      select: { columns: { capabilityScores: true } },
      resolve: (a) => (a.capabilityScores as Scores | null) ?? null,
    }),
    recommendedStrategy: t.expose('recommendedStrategy', {
      type: StrategyEnum,
      nullable: true,
      description: 'The governance strategy the report recommends.',
    }),
    recommendedSubStrategy: t.expose('recommendedSubStrategy', {
      type: SubStrategyEnum,
      nullable: true,
      description: 'The sub-strategy the report recommends.',
    }),
    submittedAt: t.expose('submittedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the report was last submitted.',
    }),
    reviewedAt: t.expose('reviewedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the office last endorsed or returned the report.',
    }),
    returnReason: t.exposeString('returnReason', {
      nullable: true,
      description: 'Why the office last returned the report, if it did.',
    }),
    version: t.exposeInt('version', {
      description: 'Optimistic-lock version: send it back with an action so a concurrent change is detected.',
    }),
    declaredByYou: t.boolean({
      description:
        'Whether you (an assessor of the institute) have declared on this assessment; a declared conflict hides ' +
        'the case, so true means you declared none and may accept, decline or report. False for everyone else.',
      select: { columns: { id: true } },
      resolve: (a, _args, ctx) => hasDeclaredOnAssessment(ctx.db, ctx.actor, a.id),
    }),
    availableActions: t.field({
      type: [AssessmentActionRef],
      description:
        'Every event your roles could send to this assessment in its state, each possible or blocked with the rule ' +
        'that blocks it (the office: endorse, return, withdraw; the institute: accept, decline, report). Rules on ' +
        'your input (written reasons) are checked when you send.',
      select: { columns: { id: true, caseId: true, state: true, instituteId: true } },
      resolve: (a, _args, ctx) =>
        ctx.actor ? availableWorkItemActions(ctx.db, ctx.actor, 'assessment', a, ctx.now) : [],
    }),
  }),
});

builder.drizzleObjectField(CaseRef, 'assessments', (t) =>
  t.relation('assessments', {
    description:
      'Assessments of the case you may see: the office all; an institute’s assessors who declared no conflict ' +
      'their own institute’s; firms and departments none.',
    query: (_args, ctx) => ({
      where: { RAW: (table) => readableAssessments(ctx.actor, table as typeof assessments) },
      orderBy: { invitedAt: 'asc', id: 'asc' },
    }),
  }),
);

interface AssessmentPayload {
  assessmentId: string;
  from: string | null;
  to: string;
}

const AssessmentChangedRef = builder.objectRef<AssessmentPayload>('AssessmentChanged').implement({
  description: 'An assessment was created or moved.',
  fields: (t) => ({
    assessment: t.drizzleField({
      type: 'assessments',
      nullable: true,
      description: 'The assessment after the action; null when you may no longer see it (after declining).',
      resolve: (query, payload, _args, ctx) =>
        ctx.db.query.assessments
          .findFirst(
            query({
              where: {
                id: payload.assessmentId,
                RAW: (table) => readableAssessments(ctx.actor, table as typeof assessments),
              },
            }),
          )
          .then((row) => row ?? null),
    }),
    from: t.field({
      type: AssessmentStateEnum,
      nullable: true,
      description: 'The state before; null for an invitation.',
      resolve: (p) => p.from as never,
    }),
    to: t.field({ type: AssessmentStateEnum, description: 'The state after.', resolve: (p) => p.to as never }),
  }),
});

const ConflictDeclaredRef = builder
  .objectRef<{ hasConflict: boolean; declaredAt: Date }>('ConflictDeclared')
  .implement({
    description:
      'Your declaration is recorded. After declaring a conflict you no longer see the case or its assessment.',
    fields: (t) => ({
      hasConflict: t.exposeBoolean('hasConflict', { description: 'Whether you declared a conflict of interest.' }),
      declaredAt: t.expose('declaredAt', { type: 'DateTime', description: 'When you declared.' }),
    }),
  });

const InviteInstituteInput = builder.inputType('InviteInstituteInput', {
  description: 'Which institute to invite on which case under review, and what it should assess.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the case (in REVIEW or IN_DEPTH).' }),
    instituteId: t.id({ required: true, description: 'Global ID of the institute (an Organization).' }),
    termsOfReference: t.string({ required: true, description: 'What the institute is asked to assess.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

const DeclareConflictInput = builder.inputType('DeclareConflictInput', {
  description: 'Your own conflict-of-interest declaration on an assessment of your institute.',
  fields: (t) => ({
    assessmentId: t.id({ required: true, description: 'Global ID of the assessment.' }),
    hasConflict: t.boolean({ required: true, description: 'Whether you have a conflict of interest.' }),
    statement: t.string({ required: true, description: 'Your statement: the interests you hold, or none.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

const AssessmentActionInput = builder.inputType('AssessmentActionInput', {
  description: 'Which assessment, and the version you read.',
  fields: (t) => ({
    assessmentId: t.id({ required: true, description: 'Global ID of the assessment.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one answers StaleVersion.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

const AssessmentReasonInput = builder.inputType('AssessmentReasonInput', {
  description: 'Which assessment, the version you read, and the written reasons.',
  fields: (t) => ({
    assessmentId: t.id({ required: true, description: 'Global ID of the assessment.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one answers StaleVersion.' }),
    reason: t.string({ required: true, description: 'Written reasons, recorded in the audit trail.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

const CapabilityScoresInput = builder.inputType('CapabilityScoresInput', {
  description: 'A score from 0 (no threat) to 5 (severe) for each capability of the chain.',
  fields: (t) =>
    Object.fromEntries(
      capabilities.map((c) => [
        c,
        t.int({ required: true, description: `Score of the ${c.toLowerCase()} capability.` }),
      ]),
    ) as Record<(typeof capabilities)[number], ReturnType<typeof t.int>>,
});

const SubmitAssessmentInput = builder.inputType('SubmitAssessmentInput', {
  description: 'The report of an accepted (or returned) assessment.',
  fields: (t) => ({
    assessmentId: t.id({ required: true, description: 'Global ID of the assessment.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one answers StaleVersion.' }),
    report: t.string({ required: true, description: 'The report text.' }),
    capabilityScores: t.field({
      type: CapabilityScoresInput,
      required: true,
      description: 'A score for each capability.',
    }),
    recommendedStrategy: t.field({ type: StrategyEnum, required: true, description: 'The recommended strategy.' }),
    recommendedSubStrategy: t.field({
      type: SubStrategyEnum,
      required: true,
      description: 'The recommended sub-strategy, one of the strategy’s.',
    }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('inviteInstitute', (t) =>
  t.field({
    type: AssessmentChangedRef,
    description: 'The officer or lead reviewer invites an institute to assess a case under review.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: InviteInstituteInput, required: true, description: 'The invitation.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        caseId: decodeId(input.caseId, 'Case', 'caseId'),
        instituteId: decodeId(input.instituteId, 'Organization', 'instituteId'),
        termsOfReference: input.termsOfReference,
      };
      return runMutation(
        ctx,
        { operation: 'inviteInstitute', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => {
          const row = await inviteInstitute(tx, ctx.actor!, request, ctx.now);
          return { assessmentId: row.id, from: null, to: row.state };
        },
      );
    },
  }),
);

builder.mutationField('declareConflict', (t) =>
  t.field({
    type: ConflictDeclaredRef,
    description: 'An assessor of the invited institute declares, for themself, whether they have a conflict.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: DeclareConflictInput, required: true, description: 'The declaration.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        assessmentId: decodeId(input.assessmentId, 'Assessment', 'assessmentId'),
        hasConflict: input.hasConflict,
        statement: input.statement,
      };
      return runMutation(
        ctx,
        { operation: 'declareConflict', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => {
          const row = await declareConflict(tx, ctx.actor!, request, ctx.now);
          return { hasConflict: row.hasConflict, declaredAt: row.declaredAt };
        },
      );
    },
  }),
);

type Transition = (
  tx: Tx,
  actor: Actor,
  input: never,
  now: Date,
) => Promise<{ from: string; to: string; before: Record<string, unknown> }>;

/** The lifecycle steps after the invitation, each one mutation. */
const steps: readonly {
  field: string;
  description: string;
  input: typeof AssessmentActionInput | typeof AssessmentReasonInput | typeof SubmitAssessmentInput;
  act: Transition;
}[] = [
  {
    field: 'acceptAssessment',
    description: 'An assessor who declared no conflict accepts the terms of reference for the institute.',
    input: AssessmentActionInput,
    act: acceptAssessment as Transition,
  },
  {
    field: 'declineAssessment',
    description:
      'An assessor declines the invitation for the institute, with reasons; when every assessor of the institute ' +
      'declared a conflict, any of them may decline for it.',
    input: AssessmentReasonInput,
    act: declineAssessment as Transition,
  },
  {
    field: 'submitAssessment',
    description: 'The assessor submits (or, after a return, resubmits) the report.',
    input: SubmitAssessmentInput,
    act: submitAssessment as Transition,
  },
  {
    field: 'endorseAssessment',
    description: 'The officer or lead reviewer endorses the submitted report.',
    input: AssessmentActionInput,
    act: endorseAssessment as Transition,
  },
  {
    field: 'withdrawAssessment',
    description:
      'The officer or lead reviewer withdraws an invitation before its report arrives (invited or accepted), with reasons: the institute ' +
      'is told, its clock stops, and another institute may be invited.',
    input: AssessmentReasonInput,
    act: withdrawAssessment as Transition,
  },
  {
    field: 'returnAssessment',
    description: 'The officer or lead reviewer returns the report for revision, with reasons.',
    input: AssessmentReasonInput,
    act: returnAssessment as Transition,
  },
];

for (const step of steps) {
  builder.mutationField(step.field, (t) =>
    t.field({
      type: AssessmentChangedRef,
      description: step.description,
      errors: { types: mutationErrorTypes },
      args: {
        input: t.arg({ type: step.input as typeof AssessmentReasonInput, required: true, description: 'The action.' }),
      },
      resolve: (_root, { input }, ctx) => {
        const { idempotencyKey, ...rest } = input as typeof input & { idempotencyKey?: string | null };
        const request = { ...rest, assessmentId: decodeId(input.assessmentId, 'Assessment', 'assessmentId') };
        return runMutation(
          ctx,
          { operation: step.field, idempotencyKey: idempotencyKey, input: request },
          async (tx) => {
            const result = await step.act(tx, ctx.actor!, request as never, ctx.now);
            return { assessmentId: request.assessmentId, from: result.from, to: result.to };
          },
        );
      },
    }),
  );
}
