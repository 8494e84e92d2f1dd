/**
 * A condition of a decision (design §3): open until met, breached or waived.
 *
 * Compliance reports are records on the condition, not transitions; the office reads them and
 * confirms the condition met or records a breach, which reopens the case (CONDITION_BREACHED).
 */
import type { conditionStates } from '../vocabulary/terms.ts';
import { notify, stopClock, type WorkflowDefinition } from './definition.ts';

type ConditionState = (typeof conditionStates)[number];

/** Events a condition accepts. */
export const conditionEvents = ['CONFIRM_MET', 'RECORD_BREACH', 'WAIVE'] as const;
export type ConditionEvent = (typeof conditionEvents)[number];

/** The condition lifecycle, version 1. Its clock starts when the case enters monitoring. */
export const conditionWorkflow: WorkflowDefinition<ConditionState, ConditionEvent> = {
  id: 'condition',
  version: 1,
  description: 'One condition of a decision, with an owner and a due date, monitored until settled.',
  initial: 'OPEN',
  states: ['OPEN', 'MET', 'BREACHED', 'WAIVED'],
  terminal: ['MET', 'BREACHED', 'WAIVED'],
  onCreate: [],
  transitions: [
    {
      from: ['OPEN'],
      event: 'CONFIRM_MET',
      to: 'MET',
      by: ['CASE_OFFICER', 'LEAD_REVIEWER'],
      guards: [],
      effects: [stopClock('CONDITION'), notify('PARTIES', 'condition.met')],
      description: 'The office confirms, from the compliance reports, that the condition is met',
    },
    {
      from: ['OPEN'],
      event: 'RECORD_BREACH',
      to: 'BREACHED',
      by: ['CASE_OFFICER', 'LEAD_REVIEWER'],
      guards: ['reasonGiven'],
      effects: [
        stopClock('CONDITION'),
        notify('PARTIES', 'condition.breached'),
        notify('LEAD_REVIEWER', 'condition.breached'),
      ],
      description: 'The office records a breach, with reasons',
    },
    {
      from: ['OPEN'],
      event: 'WAIVE',
      to: 'WAIVED',
      by: ['LEAD_REVIEWER'],
      guards: ['reasonGiven'],
      effects: [stopClock('CONDITION'), notify('PARTIES', 'condition.waived')],
      description: 'A lead reviewer waives the condition, with reasons',
    },
  ],
};
