/**
 * A request for representations (design §3): a proposed prohibition or conditions disclosed to the
 * parties, who may answer within the regime's window — the right to be heard.
 */
import type { representationRequestStates } from '../vocabulary/terms.ts';
import { notify, startClock, stopClock, type WorkflowDefinition } from './definition.ts';

type RepresentationRequestState = (typeof representationRequestStates)[number];

/** Events a representation request accepts. */
export const representationRequestEvents = ['SUBMIT', 'WINDOW_EXPIRED', 'CANCEL'] as const;
export type RepresentationRequestEvent = (typeof representationRequestEvents)[number];

/** The representation-request lifecycle, version 1. */
export const representationRequestWorkflow: WorkflowDefinition<RepresentationRequestState, RepresentationRequestEvent> =
  {
    id: 'representationRequest',
    version: 1,
    description: "The parties' chance to answer a proposed prohibition or conditions before approval.",
    initial: 'OPEN',
    states: ['OPEN', 'SUBMITTED', 'EXPIRED', 'CANCELLED'],
    terminal: ['SUBMITTED', 'EXPIRED', 'CANCELLED'],
    onCreate: [startClock('REPRESENTATIONS'), notify('PARTIES', 'representation-request.opened')],
    transitions: [
      {
        from: ['OPEN'],
        event: 'SUBMIT',
        to: 'SUBMITTED',
        by: ['FIRM_REPRESENTATIVE'],
        guards: [],
        effects: [stopClock('REPRESENTATIONS'), notify('CASE_OFFICER', 'representation-request.submitted')],
        description: 'The party submits its representations within the window',
      },
      {
        from: ['OPEN'],
        event: 'WINDOW_EXPIRED',
        to: 'EXPIRED',
        by: ['SYSTEM'],
        guards: ['deadlinePassed'],
        effects: [stopClock('REPRESENTATIONS'), notify('CASE_OFFICER', 'representation-request.expired')],
        description: 'The window passes without representations; the decision may proceed',
      },
      {
        from: ['OPEN'],
        event: 'CANCEL',
        to: 'CANCELLED',
        by: ['LEAD_REVIEWER'],
        guards: ['reasonGiven'],
        effects: [stopClock('REPRESENTATIONS'), notify('PARTIES', 'representation-request.cancelled')],
        description: 'The proposal it discloses is sent back, so there is nothing left to answer',
      },
    ],
  };
