/**
 * Appeals (design §3–4): the filer appeals the decision in force within the window; a panel of at
 * least two who took no part in it rules on admissibility, then upholds or remits. `Case.appeal`
 * reads the latest appeal of a case.
 */
import type { appeals } from '../../../db/schema/decisions.ts';
import { appealStates } from '../../../vocabulary/terms.ts';
import { accessibleWhere } from '../../domain/access/authorize.ts';
import { appealSubjectFields } from '../../domain/access/subject-fields.ts';
import { admitAppeal, appealOutcomes, decideAppeal, dismissAppeal, fileAppeal } from '../../domain/appeals/appeals.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { idempotencyKeyField, runMutation } from '../mutation.ts';
import { CaseRef } from './case.ts';
import { decisionContentRequest, VariedDecisionInput } from './decision.ts';
import { mutationErrorTypes } from './errors.ts';

const AppealStateEnum = builder.enumType('AppealState', {
  description: 'Where an appeal stands: filed, admitted or inadmissible, then upheld, varied or remitted.',
  values: appealStates,
});

const AppealOutcomeEnum = builder.enumType('AppealOutcome', {
  description:
    'What the panel decides on the merits: the decision stands (UPHELD), is replaced by the decision the panel records (VARIED), or goes back to review (REMITTED).',
  values: appealOutcomes,
});

export const AppealRef = builder.drizzleNode('appeals', {
  name: 'Appeal',
  description: 'An appeal against the decision in force, ruled on by an independent panel.',
  id: { column: (a) => a.id, description: 'Global ID of the appeal.' },
  fields: (t) => ({
    state: t.expose('state', { type: AppealStateEnum, description: 'Where the appeal stands.' }),
    grounds: t.exposeString('grounds', { description: "The appellant's grounds." }),
    filedAt: t.expose('filedAt', { type: 'DateTime', description: 'When it was filed.' }),
    admittedAt: t.expose('admittedAt', { type: 'DateTime', nullable: true, description: 'When it was admitted.' }),
    decidedAt: t.expose('decidedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the panel ruled it inadmissible or decided it.',
    }),
    panelReasons: t.exposeString('panelReasons', {
      nullable: true,
      description: "The panel's reasons for its latest ruling.",
    }),
    decision: t.relation('decision', { description: 'The decision appealed.' }),
    version: t.exposeInt('version', { description: 'Optimistic-lock version of the appeal.' }),
  }),
});

builder.drizzleObjectField(CaseRef, 'appeal', (t) =>
  t.field({
    type: AppealRef,
    nullable: true,
    description: 'The latest appeal on the case, if any.',
    select: { columns: { id: true } },
    resolve: async (row, _args, ctx) =>
      (await ctx.db.query.appeals.findFirst({
        where: {
          caseId: row.id,
          RAW: (table) => accessibleWhere(ctx.actor, 'read', 'Appeal', appealSubjectFields(table as typeof appeals)),
        },
        orderBy: { filedAt: 'desc' },
      })) ?? null,
  }),
);

const AppealActionRef = builder.objectRef<{ caseId: string; appealId: string }>('AppealAction').implement({
  description: 'An appeal was filed or ruled on.',
  fields: (t) => ({
    case: t.drizzleField({
      type: 'cases',
      description: 'The case after the action.',
      resolve: async (query, p, _args, ctx) =>
        (await ctx.db.query.cases.findFirst(query({ where: { id: p.caseId } })))!,
    }),
    appeal: t.drizzleField({
      type: 'appeals',
      description: 'The appeal after the action.',
      resolve: async (query, p, _args, ctx) =>
        (await ctx.db.query.appeals.findFirst(query({ where: { id: p.appealId } })))!,
    }),
  }),
});

const FileAppealInput = builder.inputType('FileAppealInput', {
  description: 'An appeal against the decision in force, within the appeal window.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the case.' }),
    expectedVersion: t.int({ required: true, description: 'The case version you read.' }),
    grounds: t.string({ required: true, description: 'The grounds of the appeal.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('fileAppeal', (t) =>
  t.field({
    type: AppealActionRef,
    description: "The filer's representative appeals the decision within the appeal window.",
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: FileAppealInput, required: true, description: 'The appeal.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        caseId: decodeId(input.caseId, 'Case', 'caseId'),
        expectedVersion: input.expectedVersion,
        grounds: input.grounds,
      };
      return runMutation(
        ctx,
        { operation: 'fileAppeal', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => {
          const { appeal } = await fileAppeal(tx, ctx.actor!, request, ctx.now);
          return { caseId: appeal.caseId, appealId: appeal.id };
        },
      );
    },
  }),
);

const AppealRulingInput = builder.inputType('AppealRulingInput', {
  description: 'A ruling on admissibility by a member of the panel it constitutes.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the case.' }),
    expectedVersion: t.int({ required: true, description: 'The case version you read.' }),
    panelMemberIds: t.idList({
      required: true,
      description:
        'Global IDs of the panel (at least two APPEALS_PANEL members, none of whom took part in the decision; you among them).',
    }),
    reason: t.string({ required: true, description: "The panel's reasons." }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

const rulings = [
  { field: 'admitAppeal', run: admitAppeal, description: 'The panel admits the appeal and goes on to the merits.' },
  {
    field: 'dismissAppeal',
    run: dismissAppeal,
    description: 'The panel finds the appeal inadmissible; the decision stands.',
  },
] as const;

for (const ruling of rulings) {
  builder.mutationField(ruling.field, (t) =>
    t.field({
      type: AppealActionRef,
      description: ruling.description,
      errors: { types: mutationErrorTypes },
      args: { input: t.arg({ type: AppealRulingInput, required: true, description: 'The ruling.' }) },
      resolve: (_root, { input }, ctx) => {
        const request = {
          caseId: decodeId(input.caseId, 'Case', 'caseId'),
          expectedVersion: input.expectedVersion,
          panelMemberIds: input.panelMemberIds.map((id, i) => decodeId(String(id), 'Person', `panelMemberIds.${i}`)),
          reason: input.reason,
        };
        return runMutation(
          ctx,
          { operation: ruling.field, idempotencyKey: input.idempotencyKey, input: request },
          async (tx) => {
            const { appeal } = await ruling.run(tx, ctx.actor!, request, ctx.now);
            return { caseId: appeal.caseId, appealId: appeal.id };
          },
        );
      },
    }),
  );
}

const DecideAppealInput = builder.inputType('DecideAppealInput', {
  description: 'A decision on an admitted appeal by a sitting panel member.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the case.' }),
    expectedVersion: t.int({ required: true, description: 'The case version you read.' }),
    outcome: t.field({ type: AppealOutcomeEnum, required: true, description: 'What the panel decides.' }),
    reasons: t.string({ required: true, description: "The panel's reasons." }),
    variedDecision: t.field({
      type: VariedDecisionInput,
      required: false,
      description: 'The decision that replaces the one appealed: required for VARIED, refused otherwise.',
    }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('decideAppeal', (t) =>
  t.field({
    type: AppealActionRef,
    description:
      'A sitting panel member decides the admitted appeal: UPHELD (the decision stands), VARIED (with the varied decision) or REMITTED.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: DecideAppealInput, required: true, description: 'The decision.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        caseId: decodeId(input.caseId, 'Case', 'caseId'),
        expectedVersion: input.expectedVersion,
        outcome: input.outcome,
        reasons: input.reasons,
        ...(input.variedDecision
          ? { variedDecision: decisionContentRequest(input.variedDecision, 'variedDecision.') }
          : {}),
      };
      return runMutation(
        ctx,
        { operation: 'decideAppeal', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => {
          const { appeal } = await decideAppeal(tx, ctx.actor!, request, ctx.now);
          return { caseId: appeal.caseId, appealId: appeal.id };
        },
      );
    },
  }),
);
