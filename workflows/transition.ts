/**
 * Planning a transition: which row of a definition an event takes, or why it takes none; and the
 * actions a sender has in a state, as the engine would judge them.
 *
 * Pure, like XState's `transition()`: it reads no database and no clock and runs no effect. The
 * engine calls it inside its transaction, then applies the effects the plan returns.
 */
import type { Role } from '../vocabulary/terms.ts';
import type { Effect, Sender, Transition, WorkflowDefinition } from './definition.ts';
import {
  type BlockedReason,
  type FactContext,
  type GuardContext,
  type GuardName,
  guards,
  isFactGuard,
  reasonGuards,
} from './guards.ts';

/** The event to plan and who sends it. */
export interface TransitionRequest<State extends string> {
  readonly state: State;
  readonly event: string;
  readonly actorRoles: readonly Role[];
  /** The system sends clock expiries; it sends nothing else, whatever roles are passed. */
  readonly isSystem: boolean;
}

/** A guard's refusal: which guard, its code and its sentence. */
export interface Refusal {
  readonly guard: GuardName;
  readonly code: BlockedReason;
  readonly reason: string;
}

/** The outcome of planning: the row taken, or the reason none is. */
export type TransitionPlan<State extends string, Event extends string> =
  | {
      readonly ok: true;
      readonly to: State;
      readonly effects: readonly Effect[];
      readonly transition: Transition<State, Event>;
    }
  /** The event does not leave this state at all; `allowedEvents` are the sender's possible events here. */
  | { readonly ok: false; readonly error: 'INVALID_TRANSITION'; readonly allowedEvents: readonly Event[] }
  /** The event leaves this state, but not when this sender sends it. */
  | { readonly ok: false; readonly error: 'FORBIDDEN' }
  /** Every row the sender may take is refused by a guard; the first row's refusal is reported. */
  | ({
      readonly ok: false;
      readonly error: 'GUARD_FAILED';
      readonly allowedEvents: readonly Event[];
    } & Refusal);

/**
 * One event a sender could send in a state, as `availableActions` reports it: possible when some
 * row passes every fact guard; otherwise the first row's first refusal says why not.
 */
export interface ActionVerdict<Event extends string> {
  readonly event: Event;
  readonly possible: boolean;
  readonly blockedReason: BlockedReason | null;
  readonly reason: string | null;
  /** Whether the request must carry a written reason (a rule asks for one in this situation). */
  readonly reasonRequired: boolean;
}

/** The senders a request speaks for: the system alone, or the person's roles. */
function sendersOf(request: Pick<TransitionRequest<string>, 'actorRoles' | 'isSystem'>): readonly Sender[] {
  return request.isSystem ? ['SYSTEM'] : request.actorRoles;
}

function maySend(transition: Transition, senders: readonly Sender[]): boolean {
  return transition.by.some((sender) => senders.includes(sender));
}

/** The first guard of the given kind that refuses the row, or undefined when all of them pass. */
function firstRefusal(transition: Transition, ctx: GuardContext, kind: 'facts' | 'input'): Refusal | undefined {
  for (const guard of transition.guards) {
    if (isFactGuard(guard) !== (kind === 'facts')) continue;
    const result = guards[guard](ctx);
    if (!result.ok) return { guard, code: result.code, reason: result.reason };
  }
  return undefined;
}

/** Input guards are not evaluated on facts alone: a stand-in request that satisfies none of them. */
const withoutInput = (ctx: FactContext): GuardContext => ({ ...ctx, reasonGiven: false });

/**
 * Every event the senders could send from a state, in table order, each judged on the stored facts:
 * possible, or blocked with the refusal of its first row. Input guards are left for the request.
 */
export function actionsFrom<State extends string, Event extends string>(
  definition: WorkflowDefinition<State, Event>,
  state: State,
  senders: readonly Sender[],
  ctx: FactContext,
): ActionVerdict<Event>[] {
  const rows = definition.transitions.filter((row) => row.from.includes(state) && maySend(row, senders));
  const events = [...new Set(rows.map((row) => row.event))];
  return events.map((event) => {
    const candidates = rows.filter((row) => row.event === event);
    const passing = candidates.find((row) => firstRefusal(row, withoutInput(ctx), 'facts') === undefined);
    if (passing) {
      return {
        event,
        possible: true,
        blockedReason: null,
        reason: null,
        reasonRequired: passing.guards.some(
          (guard) => reasonGuards.includes(guard) && !guards[guard](withoutInput(ctx)).ok,
        ),
      };
    }
    const refusal = firstRefusal(candidates[0]!, withoutInput(ctx), 'facts')!;
    return { event, possible: false, blockedReason: refusal.code, reason: refusal.reason, reasonRequired: false };
  });
}

/** The events the senders may send from a state now, on the stored facts: the possible actions. */
export function possibleEvents<State extends string, Event extends string>(
  definition: WorkflowDefinition<State, Event>,
  state: State,
  senders: readonly Sender[],
  ctx: FactContext,
): Event[] {
  return actionsFrom(definition, state, senders, ctx)
    .filter((action) => action.possible)
    .map((action) => action.event);
}

/**
 * Plans the event: the state must have a row for it (else `INVALID_TRANSITION`), the sender must
 * be among the row's senders (else `FORBIDDEN`), and the row's guards must pass (else
 * `GUARD_FAILED`). Fact guards are checked on every row before any input guard, so a refusal on
 * the facts is the one `availableActions` states; among alternative rows the first whose guards
 * all pass is taken.
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
      allowedEvents: possibleEvents(definition, request.state, senders, ctx),
    };
  }
  const permitted = candidates.filter((transition) => maySend(transition, senders));
  if (permitted.length === 0) return { ok: false, error: 'FORBIDDEN' };

  const refused = (refusal: Refusal): TransitionPlan<State, Event> => ({
    ok: false,
    error: 'GUARD_FAILED',
    ...refusal,
    allowedEvents: possibleEvents(definition, request.state, senders, ctx),
  });
  const onFacts = permitted.filter((transition) => firstRefusal(transition, ctx, 'facts') === undefined);
  // `permitted` is non-empty, so its first row has a refusal when no row passes the facts.
  if (onFacts.length === 0) return refused(firstRefusal(permitted[0]!, ctx, 'facts')!);
  for (const transition of onFacts) {
    if (firstRefusal(transition, ctx, 'input') === undefined) {
      return { ok: true, to: transition.to, effects: transition.effects, transition };
    }
  }
  return refused(firstRefusal(onFacts[0]!, ctx, 'input')!);
}
