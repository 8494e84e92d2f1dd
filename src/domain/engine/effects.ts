/**
 * Interprets a transition's effects (workflows/definition.ts) inside the event's transaction: the
 * clock effects on the clocks they name, and the notices recorded in the outbox for the worker.
 * The case engine and the work-item engine share it, so an effect means one thing everywhere.
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { cases } from '../../../db/schema/cases.ts';
import { clockPauses, clocks } from '../../../db/schema/clocks.ts';
import { conditions, decisions } from '../../../db/schema/decisions.ts';
import { informationRequests } from '../../../db/schema/work-items.ts';
import type { ClockOwnerKind, ClockPhase } from '../../../vocabulary/terms.ts';
import { type ClockTarget, currentPhase, type Effect } from '../../../workflows/definition.ts';
import type { Tx } from '../../database/database.ts';
import { extendClock } from '../clock/extend-clock.ts';
import { localDateOf, parseIsoDate } from '../clock/local-time.ts';
import { pauseClock } from '../clock/pause-clock.ts';
import { resumeClock } from '../clock/resume-clock.ts';
import { startClock } from '../clock/start-clock.ts';
import { stopClock } from '../clock/stop-clock.ts';
import { enqueue, type Job } from '../jobs/enqueue.ts';
import type { LoadedCaseFacts } from './case-facts.ts';

/** A work item that owns the clock of its own phase (a consultation's CONSULTATION clock, …). */
export interface ClockOwningItem {
  readonly ownerKind: Exclude<ClockOwnerKind, 'CASE'>;
  readonly ownerId: string;
  readonly phase: ClockPhase;
}

export interface EffectScope {
  readonly caseRow: typeof cases.$inferSelect;
  readonly loaded: Pick<LoadedCaseFacts, 'regime' | 'currentClock'>;
  /** Set when a work item's event is applied: effects on its phase act on its own clock. */
  readonly item?: ClockOwningItem;
}

export async function applyClockEffects(
  tx: Tx,
  scope: EffectScope,
  effects: readonly Effect[],
  now: Date,
  reason: string | undefined,
): Promise<void> {
  const { caseRow, loaded, item } = scope;
  const owner = (phase: ClockPhase) =>
    item && item.phase === phase
      ? { ownerKind: item.ownerKind, ownerId: item.ownerId }
      : { ownerKind: 'CASE' as const, ownerId: caseRow.id };
  const running = async (phase: ClockPhase) => {
    const { ownerKind, ownerId } = owner(phase);
    const [clock] = await tx
      .select()
      .from(clocks)
      .where(
        and(
          eq(clocks.ownerKind, ownerKind),
          eq(clocks.ownerId, ownerId),
          eq(clocks.phase, phase),
          isNull(clocks.stoppedAt),
        ),
      );
    return clock ?? null;
  };
  const target = async (phase: ClockTarget) =>
    phase === currentPhase ? currentCaseClock(tx, caseRow.id) : running(phase);

  for (const effect of effects) {
    switch (effect.kind) {
      case 'startClock': {
        // Monitoring starts one clock per open condition of the decision in force, due on its own date.
        if (effect.phase === 'CONDITION' && !item) {
          await startConditionClocks(tx, caseRow.id, loaded.regime.timeZone, now);
          break;
        }
        // A phase the regime runs no clock for starts none.
        if (loaded.regime.clocks[effect.phase] === undefined) break;
        const { ownerKind, ownerId } = owner(effect.phase);
        // A phase clock of the case belongs to a phase the case is in; representations run per request.
        if (ownerKind === 'CASE' && (effect.phase === 'REPRESENTATIONS' || effect.phase === 'CONDITION')) break;
        await startClock(tx, { caseId: caseRow.id, ownerKind, ownerId, phase: effect.phase, startedAt: now });
        break;
      }
      case 'stopClock': {
        const clock = await running(effect.phase);
        if (clock) await stopClock(tx, { clockId: clock.id, at: now });
        break;
      }
      case 'pauseClock': {
        if (effect.onlyIf && !loaded.regime[effect.onlyIf]) break;
        const clock = await target(effect.phase);
        if (clock && !(await isPaused(tx, clock.id))) {
          await pauseClock(tx, {
            clockId: clock.id,
            at: now,
            reason: reason ?? 'paused by the workflow',
            ...(item ? { causeId: item.ownerId } : {}),
          });
        }
        break;
      }
      case 'resumeClock': {
        if (effect.onlyIf && !loaded.regime[effect.onlyIf]) break;
        // The phase clock stays paused while another information request is still open.
        if (item?.ownerKind === 'INFORMATION_REQUEST' && (await otherOpenRequests(tx, caseRow.id, item.ownerId))) break;
        const clock = await target(effect.phase);
        if (clock && (await isPaused(tx, clock.id))) await resumeClock(tx, { clockId: clock.id, at: now });
        break;
      }
      case 'extendClock': {
        const clock = await running(effect.phase);
        if (clock) await extendClock(tx, { clockId: clock.id, at: now, reason: reason ?? '' });
        break;
      }
      case 'stopAllClocks': {
        const open = await tx
          .select()
          .from(clocks)
          .where(and(eq(clocks.caseId, caseRow.id), isNull(clocks.stoppedAt)));
        for (const clock of open) await stopClock(tx, { clockId: clock.id, at: now });
        break;
      }
      default:
        break;
    }
  }
}

/**
 * Starts a clock for each open condition with a due date (and none running), counted in calendar days
 * from today's local date to the due date, so the clock's due instant is the end of that day.
 */
async function startConditionClocks(tx: Tx, caseId: string, timeZone: string, now: Date): Promise<void> {
  const open = await tx
    .select({ id: conditions.id, dueOn: conditions.dueOn })
    .from(conditions)
    .innerJoin(decisions, eq(decisions.id, conditions.decisionId))
    .where(and(eq(conditions.caseId, caseId), eq(conditions.state, 'OPEN'), eq(decisions.state, 'APPROVED')));
  const today = parseIsoDate(localDateOf(now, timeZone));
  for (const condition of open) {
    if (!condition.dueOn) continue;
    const [running] = await tx
      .select({ id: clocks.id })
      .from(clocks)
      .where(and(eq(clocks.ownerKind, 'CONDITION'), eq(clocks.ownerId, condition.id), isNull(clocks.stoppedAt)));
    if (running) continue;
    const days = Math.max(1, Math.round(parseIsoDate(condition.dueOn).diff(today, 'days').days));
    await startClock(tx, {
      caseId,
      ownerKind: 'CONDITION',
      ownerId: condition.id,
      phase: 'CONDITION',
      startedAt: now,
      length: Math.min(days, 3660),
      unit: 'CALENDAR_DAYS',
    });
  }
}

/** Records each notice for the worker: IDs and names only, never case content. */
export async function recordNotices(
  tx: Tx,
  caseId: string,
  effects: readonly Effect[],
  details: { event: string; from: string; to: string; itemKind?: string; itemId?: string },
  now: Date,
): Promise<void> {
  const notices = effects.flatMap((effect): Job[] =>
    effect.kind === 'notify'
      ? [
          {
            kind: 'notify',
            caseId,
            payload: { caseId, audience: effect.audience, template: effect.template, ...details },
          },
        ]
      : [],
  );
  await enqueue(tx, notices, now);
}

async function currentCaseClock(tx: Tx, caseId: string) {
  const [clock] = await tx
    .select()
    .from(clocks)
    .where(and(eq(clocks.caseId, caseId), eq(clocks.ownerKind, 'CASE'), isNull(clocks.stoppedAt)));
  return clock ?? null;
}

async function isPaused(tx: Tx, clockId: string): Promise<boolean> {
  const open = await tx
    .select({ id: clockPauses.id })
    .from(clockPauses)
    .where(and(eq(clockPauses.clockId, clockId), isNull(clockPauses.resumedAt)));
  return open.length > 0;
}

async function otherOpenRequests(tx: Tx, caseId: string, requestId: string): Promise<boolean> {
  const open = await tx
    .select({ id: informationRequests.id })
    .from(informationRequests)
    .where(
      and(
        eq(informationRequests.caseId, caseId),
        eq(informationRequests.state, 'OPEN'),
        eq(informationRequests.pausesPhaseClock, true),
        ne(informationRequests.id, requestId),
      ),
    );
  return open.length > 0;
}
