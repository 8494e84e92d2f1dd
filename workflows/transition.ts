/**
 * Planning a transition: which row of a definition an event takes, or why it takes none.
 *
 * Pure, like XState's `transition()`: it reads no database and no clock and runs no effect. The
 * engine calls it inside its transaction, then applies the effects the plan returns.
 */
import type { Role } from '../src/domain/vocabulary.ts';
import type { Effect, Sender, Transition, WorkflowDefinition } from './definition.ts';
import { type GuardContext, type GuardName, guards } from './guards.ts';

/** The event to plan and who sends it. */
export interface TransitionRequest<State extends string> {
  readonly state: State;
  readonly event: string;
  readonly actorRoles: readonly Role[];
  /** The system sends clock expiries; it sends nothing else, whatever roles are passed. */
  readonly isSystem: boolean;
}

/** The outcome of planning: the row taken, or the reason none is. */
export type TransitionPlan<State extends string, Event extends string> =
  | {
      readonly ok: true;
      readonly to: State;
      readonly effects: readonly Effect[];
      readonly transition: Transition<State, Event>;
    }
  /** The event does not leave this state at all; `allowedEvents` are those the sender may send here. */
  | { readonly ok: false; readonly error: 'INVALID_TRANSITION'; readonly allowedEvents: readonly Event[] }
  /** The event leaves this state, but not when this sender sends it. */
  | { readonly ok: false; readonly error: 'FORBIDDEN' }
  /** Every row the sender may take is refused by a guard; the first row's refusal is reported. */
  | { readonly ok: false; readonly error: 'GUARD_FAILED'; readonly guard: GuardName; readonly reason: string };

/** The senders a request speaks for: the system alone, or the person's roles. */
function sendersOf(request: Pick<TransitionRequest<string>, 'actorRoles' | 'isSystem'>): readonly Sender[] {
  return request.isSystem ? ['SYSTEM'] : request.actorRoles;
}

function maySend(transition: Transition, senders: readonly Sender[]): boolean {
  return transition.by.some((sender) => senders.includes(sender));
}

/** The first guard of a row that refuses, or undefined when all pass. */
function firstRefusal(transition: Transition, ctx: GuardContext): { guard: GuardName; reason: string } | undefined {
  for (const guard of transition.guards) {
    const result = guards[guard](ctx);
    if (!result.ok) return { guard, reason: result.reason };
  }
  return undefined;
}

/**
 * The events the senders may send from a state, in table order, without duplicates. Guards are
 * not evaluated: several depend on the request (a reason given), so a client still learns of them.
 */
export function availableEvents<State extends string, Event extends string>(
  definition: WorkflowDefinition<State, Event>,
  state: State,
  senders: readonly Sender[],
): Event[] {
  const events = definition.transitions
    .filter((transition) => transition.from.includes(state) && maySend(transition, senders))
    .map((transition) => transition.event);
  return [...new Set(events)];
}

/**
 * Plans the event: the state must have a row for it (else `INVALID_TRANSITION`), the sender must
 * be among the row's senders (else `FORBIDDEN`), and the row's guards must pass (else
 * `GUARD_FAILED`). Among alternative rows the first whose guards all pass is taken.
 */
export function planTransition<State extends string, Event extends string>(
  definition: WorkflowDefinition<State, Event>,
  request: TransitionRequest<State>,
  ctx: GuardContext,
): TransitionPlan<State, Event> {
  const senders = sendersOf(request);
  const candidates = definition.transitions.filter(
    (transition) => transition.event === request.event && transition.from.includes(request.state),
  );
  if (candidates.length === 0) {
    return {
      ok: false,
      error: 'INVALID_TRANSITION',
      allowedEvents: availableEvents(definition, request.state, senders),
    };
  }
  const permitted = candidates.filter((transition) => maySend(transition, senders));
  if (permitted.length === 0) return { ok: false, error: 'FORBIDDEN' };

  let refusal: { guard: GuardName; reason: string } | undefined;
  for (const transition of permitted) {
    const refused = firstRefusal(transition, ctx);
    if (refused === undefined) return { ok: true, to: transition.to, effects: transition.effects, transition };
    refusal ??= refused;
  }
  // `permitted` is non-empty and every row was refused, so a refusal was recorded.
  const { guard, reason } = refusal!;
  return { ok: false, error: 'GUARD_FAILED', guard, reason };
}
