/**
 * The GraphQL form of a workflow's events and of `availableActions`, shared by every lifecycle that
 * offers its actions to clients (the case, an assessment): an enum of the events, described from
 * the definition, and an action type with `possible`, `blockedReason`, `reason` and `reasonRequired`.
 */
import type { WorkflowDefinition } from '../../../workflows/definition.ts';
import type { ActionVerdict } from '../../../workflows/transition.ts';
import { builder } from '../builder.ts';
import { BlockedReasonEnum } from './enums.ts';

export function workflowActionTypes(spec: {
  /** The subject's name in the schema: `Case` gives `CaseEvent` and `CaseAction`. */
  readonly name: string;
  readonly events: readonly string[];
  readonly workflow: Pick<WorkflowDefinition, 'transitions'>;
  readonly eventsDescription: string;
  readonly actionDescription: string;
  readonly reasonRequiredDescription: string;
}) {
  const EventEnum = builder.enumType(`${spec.name}Event`, {
    description: spec.eventsDescription,
    values: Object.fromEntries(
      spec.events.map((event) => [
        event,
        { description: spec.workflow.transitions.find((t) => t.event === event)!.description },
      ]),
    ),
  });
  const ActionRef = builder.objectRef<ActionVerdict<string>>(`${spec.name}Action`).implement({
    description: spec.actionDescription,
    fields: (t) => ({
      event: t.field({ type: EventEnum, description: 'The event.', resolve: (a) => a.event as never }),
      possible: t.exposeBoolean('possible', {
        description: 'Whether the engine would accept it now, given a valid input (e.g. the reasons a rule asks for).',
      }),
      blockedReason: t.field({
        type: BlockedReasonEnum,
        nullable: true,
        description: 'When not possible: the rule that blocks it.',
        resolve: (a) => a.blockedReason,
      }),
      reason: t.string({
        nullable: true,
        description: 'When not possible: the rule, as a sentence (English; clients word `blockedReason` themselves).',
        resolve: (a) => a.reason,
      }),
      reasonRequired: t.exposeBoolean('reasonRequired', { description: spec.reasonRequiredDescription }),
    }),
  });
  return { EventEnum, ActionRef };
}
