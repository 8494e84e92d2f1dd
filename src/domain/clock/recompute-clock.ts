/** Recomputes a running clock, e.g. after a calendar year is loaded or when the wake-up job looks at it. */
import { z } from 'zod';
import type { CalendarDefinition } from '../../../workflows/calendars/calendar-definition.ts';
import type { Tx } from '../../database/database.ts';
import { parseInput } from '../validation.ts';
import { nextReminderAt } from './reminders.ts';
import {
  assertRunning,
  type ClockOutcome,
  computeClockDue,
  lockClock,
  openPause,
  outcomeOf,
  saveClock,
} from './save-clock.ts';

const ZRecomputeClockInput = z.object({ clockId: z.uuid(), asOf: z.date() });

/** A recomputation's result, with what the clock said before. */
export interface RecomputeOutcome extends ClockOutcome {
  /** Whether the due instant, the provisional flag or the next wake-up changed (only then is the row written). */
  changed: boolean;
  previousDueAt: Date;
  previousProvisional: boolean;
}

/**
 * Recomputes the due instant of a running clock from the regime, the calendar as now stored and its
 * pauses (an open pause counted up to `asOf`), and writes the row only when something changed.
 * @param calendar the regime's calendar when the caller already read it (recomputing many clocks).
 * @throws ConflictError when the clock is stopped; NotFoundError when it does not exist.
 */
export async function recomputeClock(
  tx: Tx,
  clockId: string,
  asOf: Date,
  calendar?: CalendarDefinition,
): Promise<RecomputeOutcome> {
  parseInput(ZRecomputeClockInput, { clockId, asOf });
  const context = await lockClock(tx, clockId, calendar);
  const before = context.clock;
  assertRunning(before);
  const paused = openPause(context) !== undefined;
  const due = computeClockDue(context, asOf);
  const nextWakeAt = paused
    ? null
    : nextReminderAt({ startedAt: before.startedAt, dueAt: due.dueAt, remindersSent: before.remindersSent, at: asOf });
  const changed =
    due.dueAt.getTime() !== before.dueAt.getTime() ||
    due.provisional !== before.provisional ||
    (nextWakeAt?.getTime() ?? null) !== (before.nextWakeAt?.getTime() ?? null);
  const outcome = changed ? await saveClock(tx, context, asOf) : outcomeOf(before, paused);
  return { ...outcome, changed, previousDueAt: before.dueAt, previousProvisional: before.provisional };
}
