/**
 * The shape of a workflow definition: states, events, who may send each event, the guards it must
 * pass and the effects it asks for, all as plain data (design §4, issue 5).
 *
 * The engine, `availableActions`, the tests and the diagram generator read the same tables, so a
 * rule cannot hold in one and not in another. Definitions are versioned: a case keeps the version
 * it started on when a newer one ships.
 */
import type { ClockPhase, Role } from '../vocabulary/terms.ts';
import type { GuardName } from './guards.ts';

/** The lifecycles the product runs: the case and its work items (design §3–4). */
export const workflowIds = [
  'case',
  'consultation',
  'assessment',
  'informationRequest',
  'representationRequest',
  'appeal',
  'condition',
] as const;
export type WorkflowId = (typeof workflowIds)[number];

/** Who may send an event: a person holding a role, or the system when a clock expires. */
export type Sender = Role | 'SYSTEM';

/** Stands for the case's phase clock that is running now (screening, review or in-depth), whichever it is. */
export const currentPhase = 'CURRENT_PHASE';
export type ClockTarget = ClockPhase | typeof currentPhase;

/**
 * A regime switch an effect depends on, named as the regime's own field (design §4: "whether an
 * open request pauses the phase clock"), so the engine applies the effect only where it is true.
 */
export type RegimeCondition = 'informationRequestPausesPhaseClock';

/**
 * Effects the engine applies inside the event's transaction. Clock effects on a work-item phase
 * (CONSULTATION, ASSESSMENT, …) act on the item's own clock; `startClock('CONDITION')` on the case
 * starts one clock per open condition, due on that condition's own due date. Stopping a clock that
 * is not running is a no-op, so a transition may name every clock that could be running.
 */
export type TransactionEffect =
  | { readonly kind: 'startClock'; readonly phase: ClockPhase }
  | { readonly kind: 'stopClock'; readonly phase: ClockPhase }
  | { readonly kind: 'pauseClock'; readonly phase: ClockTarget; readonly onlyIf?: RegimeCondition }
  | { readonly kind: 'resumeClock'; readonly phase: ClockTarget; readonly onlyIf?: RegimeCondition }
  | { readonly kind: 'extendClock'; readonly phase: ClockPhase }
  | { readonly kind: 'stopAllClocks' }
  /** Takes the next gap-free reference number of the year, in the same transaction (design §3). */
  | { readonly kind: 'assignReference' };

/** Who a notice goes to; the engine resolves the audience to people when it writes the outbox row. */
export const audiences = [
  'PARTIES',
  'FILER',
  'CASE_OFFICER',
  'LEAD_REVIEWER',
  'REVIEW_OFFICE',
  'REFERRING_DEPARTMENT',
  'CONSULTED_DEPARTMENTS',
  'DEPARTMENT',
  'INSTITUTE',
  'APPEALS_PANEL',
] as const;
export type Audience = (typeof audiences)[number];

/** Effects only recorded in the outbox in the event's transaction, and delivered later by the worker. */
export type OutboxEffect = { readonly kind: 'notify'; readonly audience: Audience; readonly template: string };

/** What a transition asks for, as data: the engine interprets it, the transition function never runs it. */
export type Effect = TransactionEffect | OutboxEffect;

/** One row of a transition table. */
export interface Transition<State extends string = string, Event extends string = string> {
  readonly from: readonly State[];
  readonly event: Event;
  readonly to: State;
  /** Who may send the event; `SYSTEM` for clock expiries. */
  readonly by: readonly Sender[];
  /** Checked in order; the first refusal stops the transition. */
  readonly guards: readonly GuardName[];
  readonly effects: readonly Effect[];
  readonly description: string;
}

/**
 * A versioned lifecycle. Rows with the same state and event are alternatives told apart by their
 * guards (e.g. a decision with conditions goes to monitoring, one without to closure): the first
 * row whose guards all pass is taken.
 */
export interface WorkflowDefinition<State extends string = string, Event extends string = string> {
  readonly id: WorkflowId;
  readonly version: number;
  readonly description: string;
  readonly initial: State;
  readonly states: readonly State[];
  readonly terminal: readonly State[];
  /** Effects applied when a new instance is created in `initial` (a work item's clock and notice). */
  readonly onCreate: readonly Effect[];
  readonly transitions: readonly Transition<State, Event>[];
}

/** Starts a fresh clock for the phase, from the regime's length and unit. */
export const startClock = (phase: ClockPhase): TransactionEffect => ({ kind: 'startClock', phase });

/** Stops the phase's clock, if one is running or paused. */
export const stopClock = (phase: ClockPhase): TransactionEffect => ({ kind: 'stopClock', phase });

/** Pauses a running clock; with `onlyIf`, only where the case's regime has that setting. */
export const pauseClock = (phase: ClockTarget, onlyIf?: RegimeCondition): TransactionEffect =>
  onlyIf ? { kind: 'pauseClock', phase, onlyIf } : { kind: 'pauseClock', phase };

/** Resumes a paused clock; with `onlyIf`, only where the case's regime has that setting. */
export const resumeClock = (phase: ClockTarget, onlyIf?: RegimeCondition): TransactionEffect =>
  onlyIf ? { kind: 'resumeClock', phase, onlyIf } : { kind: 'resumeClock', phase };

/** Extends the running clock of the phase by the regime's extension. */
export const extendClock = (phase: ClockPhase): TransactionEffect => ({ kind: 'extendClock', phase });

/** Stops every clock of the case and of its work items: the case has ended. */
export const stopAllClocks: TransactionEffect = { kind: 'stopAllClocks' };

/** Assigns the case its reference number. */
export const assignReference: TransactionEffect = { kind: 'assignReference' };

/** Records a notice for the audience, rendered later from the named template. */
export const notify = (audience: Audience, template: string): OutboxEffect => ({ kind: 'notify', audience, template });

/** Whether an effect is only recorded for later delivery, rather than applied in the transaction. */
export function isOutboxEffect(effect: Effect): effect is OutboxEffect {
  return effect.kind === 'notify';
}
