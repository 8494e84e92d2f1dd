/**
 * The case actions that carry nothing but the case, its version and a reason: each is one
 * mutation sending one workflow event through the engine. `Case.availableActions` lists the
 * events the viewer's roles could send, each possible or blocked with its rule, so a client can
 * draw its buttons (disabled, with the reason) without knowing the rules.
 */

import type { CaseState } from '../../../vocabulary/terms.ts';
import { caseWorkflow } from '../../../workflows/case.workflow.ts';
import { applyCaseEvent } from '../../domain/engine/apply-case-event.ts';
import { availableCaseActions } from '../../domain/engine/case-actions.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { idempotencyKeyField, runMutation } from '../mutation.ts';
import { CaseRef } from './case.ts';
import { CaseStateEnum } from './enums.ts';
import { mutationErrorTypes } from './errors.ts';
import { workflowActionTypes } from './workflow-actions.ts';

const caseEvents = [...new Set(caseWorkflow.transitions.map((t) => t.event))];

const { EventEnum: CaseEventEnum, ActionRef: CaseActionRef } = workflowActionTypes({
  name: 'Case',
  events: caseEvents,
  workflow: caseWorkflow,
  eventsDescription: 'An event of the case workflow (docs/workflows.md draws them).',
  actionDescription:
    'An event your roles could send to the case in its state, as the engine judges it on the stored facts now.',
  reasonRequiredDescription: 'Whether sending it needs written reasons now (e.g. proposing while work items are open).',
});

builder.drizzleObjectField(CaseRef, 'availableActions', (t) =>
  t.field({
    type: [CaseActionRef],
    description:
      'Every event your roles could send to this case in its state, each possible or blocked with the rule that ' +
      'blocks it. Rules on your input (written reasons, a named panel) are checked when you send.',
    select: {
      columns: {
        id: true,
        state: true,
        workflowVersion: true,
        regimeId: true,
        origin: true,
        riskGrade: true,
        filerOrganizationId: true,
        confidentiality: true,
        discardedAt: true,
      },
    },
    resolve: (row, _args, ctx) => (ctx.actor ? availableCaseActions(ctx.db, ctx.actor, row, ctx.now) : []),
  }),
);

const CaseTransitionedRef = builder
  .objectRef<{ caseId: string; from: CaseState; to: CaseState; event: string }>('CaseTransitioned')
  .implement({
    description: 'The case moved: from one state to another (or stayed, for an extension).',
    fields: (t) => ({
      case: t.drizzleField({
        type: 'cases',
        description: 'The case after the event.',
        resolve: async (query, payload, _args, ctx) =>
          (await ctx.db.query.cases.findFirst(query({ where: { id: payload.caseId } })))!,
      }),
      from: t.field({ type: CaseStateEnum, description: 'The state before.', resolve: (p) => p.from }),
      to: t.field({ type: CaseStateEnum, description: 'The state after.', resolve: (p) => p.to }),
      appliedEvent: t.field({
        type: CaseEventEnum,
        description: 'The event applied.',
        resolve: (p) => p.event as never,
      }),
    }),
  });

const CaseActionInput = builder.inputType('CaseActionInput', {
  description: 'Which case, the version you read, and the reasons where the rule asks for them.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the case.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one answers StaleVersion.' }),
    reason: t.string({ required: false, description: 'Written reasons, recorded in the audit trail.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

/** One mutation per simple action, each sending its event. */
const simpleActions: readonly { field: string; event: string; description: string }[] = [
  {
    field: 'submitFiling',
    event: 'SUBMIT',
    description: 'A firm submits its draft (or resubmits a returned filing); the case gets its reference number.',
  },
  { field: 'discardFiling', event: 'DISCARD', description: 'A firm discards its draft: kept, hidden, never numbered.' },
  {
    field: 'returnForCompletion',
    event: 'RETURN_FOR_COMPLETION',
    description: 'The officer returns a filing with written reasons of what is missing.',
  },
  { field: 'acceptFiling', event: 'ACCEPT', description: 'The officer accepts a filing: screening starts.' },
  {
    field: 'closeAfterScreening',
    event: 'CLOSE_AFTER_SCREENING',
    description: 'The office closes the case after screening, with reasons: no review needed.',
  },
  { field: 'startReview', event: 'START_REVIEW', description: 'Screening ends in general review.' },
  {
    field: 'escalateToInDepth',
    event: 'ESCALATE_TO_IN_DEPTH',
    description: 'General review moves to in-depth (special) review.',
  },
  {
    field: 'extendPhase',
    event: 'EXTEND_PHASE',
    description: 'Extends the running review phase once, with a reason, as the regime allows.',
  },
  { field: 'withdrawCase', event: 'WITHDRAW', description: 'The filer withdraws its case before a decision.' },
];

for (const action of simpleActions) {
  builder.mutationField(action.field, (t) =>
    t.field({
      type: CaseTransitionedRef,
      description: action.description,
      errors: {
        types: mutationErrorTypes,
      },
      args: {
        input: t.arg({ type: CaseActionInput, required: true, description: 'The case and the version you read.' }),
      },
      resolve: (_root, { input }, ctx) => {
        const request = {
          caseId: decodeId(input.caseId, 'Case', 'caseId'),
          event: action.event,
          expectedVersion: input.expectedVersion,
          reason: input.reason ?? undefined,
        };
        return runMutation(
          ctx,
          { operation: action.field, idempotencyKey: input.idempotencyKey, input: request },
          async (tx) => {
            const result = await applyCaseEvent(tx, ctx.actor!, request, ctx.now);
            return { caseId: result.case.id, from: result.from, to: result.to, event: result.event };
          },
        );
      },
    }),
  );
}
