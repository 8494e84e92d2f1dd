/**
 * A request for information to a party (design §4): open until answered or expired.
 *
 * Whether an open request pauses the case's phase clock is a regime setting, so the pause and
 * the resume name it; with several requests open the engine resumes only when the last one closes.
 */
import type { informationRequestStates } from '../vocabulary/terms.ts';
import {
  currentPhase,
  notify,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  type WorkflowDefinition,
} from './definition.ts';

type InformationRequestState = (typeof informationRequestStates)[number];

/** Events an information request accepts. */
export const informationRequestEvents = ['ANSWER', 'ANSWER_DEADLINE_PASSED'] as const;
export type InformationRequestEvent = (typeof informationRequestEvents)[number];

/** The information-request lifecycle, version 1. */
export const informationRequestWorkflow: WorkflowDefinition<InformationRequestState, InformationRequestEvent> = {
  id: 'informationRequest',
  version: 1,
  description: 'A request to a party for information, with its own deadline; it may pause the phase clock.',
  initial: 'OPEN',
  states: ['OPEN', 'ANSWERED', 'EXPIRED'],
  terminal: ['ANSWERED', 'EXPIRED'],
  onCreate: [
    startClock('INFORMATION_REQUEST'),
    pauseClock(currentPhase, 'informationRequestPausesPhaseClock'),
    notify('PARTIES', 'information-request.opened'),
  ],
  transitions: [
    {
      from: ['OPEN'],
      event: 'ANSWER',
      to: 'ANSWERED',
      by: ['FIRM_REPRESENTATIVE'],
      guards: [],
      effects: [
        stopClock('INFORMATION_REQUEST'),
        resumeClock(currentPhase, 'informationRequestPausesPhaseClock'),
        notify('CASE_OFFICER', 'information-request.answered'),
      ],
      description: 'The party answers; where the regime paused the phase clock, it resumes',
    },
    {
      from: ['OPEN'],
      event: 'ANSWER_DEADLINE_PASSED',
      to: 'EXPIRED',
      by: ['SYSTEM'],
      guards: ['deadlinePassed'],
      effects: [
        stopClock('INFORMATION_REQUEST'),
        resumeClock(currentPhase, 'informationRequestPausesPhaseClock'),
        notify('CASE_OFFICER', 'information-request.expired'),
        notify('PARTIES', 'information-request.expired'),
      ],
      description: 'The deadline passes unanswered; where the regime paused the phase clock, it resumes',
    },
  ],
};
