/**
 * Department consultations (design §3–4) in the API: the node, the case's list filtered in SQL by
 * the same rules as `node` (design §2: a liaison sees its own department's consultation and the
 * others' once submitted; firms and assessors none), and the two actions.
 */
import { and, desc, eq } from 'drizzle-orm';
import { clocks } from '../../../db/schema/clocks.ts';
import type { consultations } from '../../../db/schema/work-items.ts';
import { consultationOpinions, consultationStates } from '../../../vocabulary/terms.ts';
import { consultationSubjectFields } from '../../domain/access/subject-fields.ts';
import { requestConsultations, respondToConsultation } from '../../domain/consultations/consultations.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { decodeId } from '../global-id.ts';
import { idempotencyKeyField, runMutation } from '../mutation.ts';
import { readableWhere } from '../visibility.ts';
import { CaseRef } from './case.ts';
import { mutationErrorTypes } from './errors.ts';

export const ConsultationStateEnum = builder.enumType('ConsultationState', {
  description: 'Where a consultation is: awaiting the opinion, answered, or past its deadline unanswered.',
  values: consultationStates,
});

export const ConsultationOpinionEnum = builder.enumType('ConsultationOpinion', {
  description: "A department's opinion on the case (design §3).",
  values: consultationOpinions,
});

/** The running or last clock of a work item: its due instant is the item's deadline. */
export async function workItemDueAt(
  ctx: GraphQLContext,
  ownerKind: 'CONSULTATION' | 'INFORMATION_REQUEST',
  id: string,
) {
  const [clock] = await ctx.db
    .select({ dueAt: clocks.dueAt })
    .from(clocks)
    .where(and(eq(clocks.ownerKind, ownerKind), eq(clocks.ownerId, id)))
    .orderBy(desc(clocks.startedAt))
    .limit(1);
  return clock?.dueAt ?? null;
}

export const ConsultationRef = builder.drizzleNode('consultations', {
  name: 'Consultation',
  description: "One department's consultation on a case, in one round, with its own deadline.",
  id: { column: (c) => c.id, description: 'Global ID of the consultation.' },
  fields: (t) => ({
    department: t.relation('department', { description: 'The department consulted.' }),
    round: t.exposeInt('round', {
      description: 'Consultation round: 2, 3, … when a remitted case is consulted again.',
    }),
    state: t.expose('state', { type: ConsultationStateEnum, description: 'Where the consultation is.' }),
    question: t.exposeString('question', { description: 'What the office asks the department.' }),
    opinion: t.expose('opinion', {
      type: ConsultationOpinionEnum,
      nullable: true,
      description: "The department's opinion; null until it responds.",
    }),
    rationale: t.exposeString('rationale', {
      nullable: true,
      description: 'Why the department holds that opinion; null until it responds.',
    }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime', description: 'When the office asked.' }),
    respondedAt: t.expose('respondedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the department responded; null until then.',
    }),
    dueAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "The consultation's deadline, from its clock (the regime's consultation period).",
      resolve: (c, _args, ctx) => workItemDueAt(ctx, 'CONSULTATION', c.id),
    }),
    version: t.exposeInt('version', {
      description: 'Optimistic-lock version: send it back with a response so a concurrent change is detected.',
    }),
  }),
});

builder.drizzleObjectField(CaseRef, 'consultations', (t) =>
  t.relation('consultations', {
    description:
      'The consultations on the case you may see, oldest first: the office all; a liaison its own ' +
      "department's and the others' once they responded; nobody else.",
    query: (_args, ctx) => ({
      where: {
        RAW: (table) => readableWhere(ctx, 'Consultation', consultationSubjectFields(table as typeof consultations)),
      },
      orderBy: { requestedAt: 'asc', id: 'asc' },
    }),
  }),
);

const RequestConsultationsInput = builder.inputType('RequestConsultationsInput', {
  description: 'Which case, the version you read, the departments to consult and the question.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the case (in REVIEW or IN_DEPTH).' }),
    expectedVersion: t.int({
      required: true,
      description: 'The case version you read; a newer one answers StaleVersion.',
    }),
    departmentIds: t.idList({ required: true, description: 'Global IDs of the departments to consult, one each.' }),
    question: t.string({ required: true, description: 'What the office asks the departments.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

const ConsultationsRequestedRef = builder
  .objectRef<{ caseId: string; consultationIds: string[] }>('ConsultationsRequested')
  .implement({
    description: 'The departments were consulted, each with its own deadline.',
    fields: (t) => ({
      case: t.drizzleField({
        type: 'cases',
        description: 'The case after the request (its version moved on).',
        resolve: async (query, payload, _args, ctx) =>
          (await ctx.db.query.cases.findFirst(query({ where: { id: payload.caseId } })))!,
      }),
      consultations: t.drizzleField({
        type: ['consultations'],
        description: 'The consultations just opened.',
        resolve: (query, payload, _args, ctx) =>
          ctx.db.query.consultations.findMany(
            query({ where: { id: { in: payload.consultationIds } }, orderBy: { id: 'asc' } }),
          ),
      }),
    }),
  });

builder.mutationField('requestConsultations', (t) =>
  t.field({
    type: ConsultationsRequestedRef,
    description: 'The officer or lead reviewer consults several departments on a case under review.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: RequestConsultationsInput, required: true, description: 'The request.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        caseId: decodeId(input.caseId, 'Case', 'caseId'),
        expectedVersion: input.expectedVersion,
        departmentIds: input.departmentIds.map((id, i) => decodeId(String(id), 'Organization', `departmentIds.${i}`)),
        question: input.question,
      };
      return runMutation(
        ctx,
        { operation: 'requestConsultations', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => {
          const result = await requestConsultations(tx, ctx.actor!, request, ctx.now);
          return { caseId: result.caseRow.id, consultationIds: result.consultations.map((c) => c.id) };
        },
      );
    },
  }),
);

const RespondToConsultationInput = builder.inputType('RespondToConsultationInput', {
  description: "The consulted department's opinion and its rationale.",
  fields: (t) => ({
    consultationId: t.id({ required: true, description: 'Global ID of the consultation.' }),
    expectedVersion: t.int({ required: true, description: 'The consultation version you read.' }),
    opinion: t.field({ type: ConsultationOpinionEnum, required: true, description: 'The opinion.' }),
    rationale: t.string({ required: true, description: 'Why; shared with the office and the other departments.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

const ConsultationRespondedRef = builder.objectRef<{ consultationId: string }>('ConsultationResponded').implement({
  description: 'The department responded.',
  fields: (t) => ({
    consultation: t.drizzleField({
      type: 'consultations',
      description: 'The consultation after the response.',
      resolve: async (query, payload, _args, ctx) =>
        (await ctx.db.query.consultations.findFirst(query({ where: { id: payload.consultationId } })))!,
    }),
  }),
});

builder.mutationField('respondToConsultation', (t) =>
  t.field({
    type: ConsultationRespondedRef,
    description: "The consulted department's liaison gives its opinion, with a rationale.",
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: RespondToConsultationInput, required: true, description: 'The response.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        consultationId: decodeId(input.consultationId, 'Consultation', 'consultationId'),
        expectedVersion: input.expectedVersion,
        opinion: input.opinion,
        rationale: input.rationale,
      };
      return runMutation(
        ctx,
        { operation: 'respondToConsultation', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => {
          const updated = await respondToConsultation(tx, ctx.actor!, request, ctx.now);
          return { consultationId: updated.id };
        },
      );
    },
  }),
);
