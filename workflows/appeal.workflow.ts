/**
 * An appeal against a decision (design §3–4): filed, ruled admissible or not, then decided.
 *
 * The case's own transition sent with each ruling (ADMIT_APPEAL, DECIDE_APPEAL_…) carries the
 * clocks and the notices, so this lifecycle records the appeal's state and repeats only the guards.
 */
import type { appealStates } from '../vocabulary/terms.ts';
import type { WorkflowDefinition } from './definition.ts';
import type { GuardName } from './guards.ts';

type AppealState = (typeof appealStates)[number];

/** Events an appeal accepts. */
export const appealEvents = ['ADMIT', 'DISMISS', 'UPHOLD', 'VARY', 'REMIT'] as const;
export type AppealEvent = (typeof appealEvents)[number];

const panelRuling: readonly GuardName[] = ['actorSitsOnPanel', 'panelIndependentOfDecision', 'reasonGiven'];

/** The appeal lifecycle, version 1. */
export const appealWorkflow: WorkflowDefinition<AppealState, AppealEvent> = {
  id: 'appeal',
  version: 1,
  description: 'An appeal against a decision, ruled on by a panel that took no part in it.',
  initial: 'FILED',
  states: ['FILED', 'ADMITTED', 'INADMISSIBLE', 'UPHELD', 'VARIED', 'REMITTED'],
  terminal: ['INADMISSIBLE', 'UPHELD', 'VARIED', 'REMITTED'],
  onCreate: [],
  transitions: [
    {
      from: ['FILED'],
      event: 'ADMIT',
      to: 'ADMITTED',
      by: ['APPEALS_PANEL'],
      guards: ['actorSitsOnPanel', 'panelIndependentOfDecision'],
      effects: [],
      description: 'The panel admits the appeal',
    },
    {
      from: ['FILED'],
      event: 'DISMISS',
      to: 'INADMISSIBLE',
      by: ['APPEALS_PANEL'],
      guards: panelRuling,
      effects: [],
      description: 'The panel finds the appeal inadmissible; the decision stands',
    },
    {
      from: ['ADMITTED'],
      event: 'UPHOLD',
      to: 'UPHELD',
      by: ['APPEALS_PANEL'],
      guards: panelRuling,
      effects: [],
      description: 'The panel upholds the decision',
    },
    {
      from: ['ADMITTED'],
      event: 'VARY',
      to: 'VARIED',
      by: ['APPEALS_PANEL'],
      guards: panelRuling,
      effects: [],
      description: 'The panel varies the decision and records the varied decision',
    },
    {
      from: ['ADMITTED'],
      event: 'REMIT',
      to: 'REMITTED',
      by: ['APPEALS_PANEL'],
      guards: panelRuling,
      effects: [],
      description: 'The panel remits the case to review',
    },
  ],
};
