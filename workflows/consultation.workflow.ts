/**
 * A department's consultation on a case (design §4): requested, answered, or overdue.
 *
 * An overdue consultation can still be answered late; what its silence meant in the meantime
 * (deemed concurrence or escalation) is the regime's silence rule, applied by the engine.
 */
import type { consultationStates } from '../vocabulary/terms.ts';
import { notify, startClock, stopClock, type WorkflowDefinition } from './definition.ts';

type ConsultationState = (typeof consultationStates)[number];

/** Events a consultation accepts. */
export const consultationEvents = ['RESPOND', 'RESPONSE_DEADLINE_PASSED'] as const;
export type ConsultationEvent = (typeof consultationEvents)[number];

/** The consultation lifecycle, version 1. */
export const consultationWorkflow: WorkflowDefinition<ConsultationState, ConsultationEvent> = {
  id: 'consultation',
  version: 1,
  description: "One department's opinion on a case, within the regime's consultation deadline.",
  initial: 'REQUESTED',
  states: ['REQUESTED', 'RESPONDED', 'OVERDUE'],
  terminal: ['RESPONDED'],
  onCreate: [startClock('CONSULTATION'), notify('DEPARTMENT', 'consultation.requested')],
  transitions: [
    {
      from: ['REQUESTED'],
      event: 'RESPOND',
      to: 'RESPONDED',
      by: ['LIAISON'],
      guards: [],
      effects: [stopClock('CONSULTATION'), notify('CASE_OFFICER', 'consultation.responded')],
      description: "The department's liaison submits its opinion with a rationale",
    },
    {
      from: ['REQUESTED'],
      event: 'RESPONSE_DEADLINE_PASSED',
      to: 'OVERDUE',
      by: ['SYSTEM'],
      guards: ['deadlinePassed'],
      effects: [notify('CASE_OFFICER', 'consultation.overdue'), notify('LEAD_REVIEWER', 'consultation.overdue')],
      description: "The consultation deadline passes without an opinion; the regime's silence rule applies",
    },
    {
      from: ['OVERDUE'],
      event: 'RESPOND',
      to: 'RESPONDED',
      by: ['LIAISON'],
      guards: [],
      effects: [stopClock('CONSULTATION'), notify('CASE_OFFICER', 'consultation.responded-late')],
      description: 'The department answers late; the opinion is recorded as late',
    },
  ],
};
