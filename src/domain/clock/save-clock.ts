/**
 * What every clock verb shares: lock the clock row, compute its due instant from the regime, the
 * stored calendar and the pauses, write the row and keep the case's `nextDueAt` in step.
 * The verbs (start-clock.ts, pause-clock.ts, …) run inside the caller's transaction and never read
 * the wall clock: each takes the instant of its event.
 */
import { and, asc, eq } from 'drizzle-orm';
import { cases } from '../../../db/schema/cases.ts';
import { clockPauses, clocks, regimes } from '../../../db/schema/clocks.ts';
import type { CalendarDefinition } from '../../../workflows/calendars/calendar-definition.ts';
import type { RegimeDefinition } from '../../../workflows/regimes/regime-definition.ts';
import type { Tx } from '../../database/database.ts';
import { loadCalendarDefinition } from '../calendars/read-calendar.ts';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../errors.ts';
import { computeDue, type DueResult } from './due.ts';
import { nextReminderAt } from './reminders.ts';

export type ClockRow = typeof clocks.$inferSelect;
export type ClockPauseRow = typeof clockPauses.$inferSelect;

/** What a clock verb returns: the clock's new due instant and what goes with it. */
export interface ClockOutcome {
  clockId: string;
  dueAt: Date;
  /** True while a counted day lies in a year whose official schedule is not loaded. */
  provisional: boolean;
  /**
   * False while a pause is open: the due instant was computed as of the event and moves on with each
   * paused day until the clock is resumed. A stopped clock's due instant is final.
   */
  final: boolean;
  /** The next reminder or breach check; null for a stopped or paused clock. */
  nextWakeAt: Date | null;
  stoppedAt: Date | null;
  /** The clock row's version after the change. */
  version: number;
}

/** A locked clock with everything its due instant is computed from. */
export interface ClockContext {
  clock: ClockRow;
  regime: RegimeDefinition;
  calendar: CalendarDefinition;
  /** In the order they were opened. */
  pauses: ClockPauseRow[];
}

/**
 * Locks clock `clockId` (`select … for update`) and loads its regime, calendar and pauses.
 * @param calendar the regime's calendar, when the caller already read it (a recomputation of many clocks).
 * @throws NotFoundError when there is no such clock.
 */
export async function lockClock(tx: Tx, clockId: string, calendar?: CalendarDefinition): Promise<ClockContext> {
  const [clock] = await tx.select().from(clocks).where(eq(clocks.id, clockId)).for('update');
  if (!clock) throw new NotFoundError('Clock');
  const [regimeRow] = await tx.select().from(regimes).where(eq(regimes.id, clock.regimeId));
  if (!regimeRow) throw new NotFoundError('Regime');
  return {
    clock,
    regime: regimeRow.definition as RegimeDefinition,
    calendar: calendar ?? (await loadCalendarDefinition(tx, regimeRow.calendarId)),
    pauses: await readPauses(tx, clockId),
  };
}

function readPauses(tx: Tx, clockId: string): Promise<ClockPauseRow[]> {
  return tx.select().from(clockPauses).where(eq(clockPauses.clockId, clockId)).orderBy(asc(clockPauses.pausedAt));
}

/** The pause still open on the clock, if any. */
export function openPause(context: ClockContext): ClockPauseRow | undefined {
  return context.pauses.find((pause) => pause.resumedAt === null);
}

/** @throws ConflictError when the clock is stopped: a stopped clock does not change any more. */
export function assertRunning(clock: ClockRow): void {
  if (clock.stoppedAt) throw new ConflictError(`the clock was stopped at ${clock.stoppedAt.toISOString()}`);
}

/**
 * Events on a clock are recorded in order: `at` may not precede its start, its last pause or resume,
 * or its extension.
 * @throws ValidationError on field `at` otherwise.
 */
export function assertChronological(context: ClockContext, at: Date): void {
  const instants = [context.clock.startedAt, context.clock.extendedAt];
  for (const pause of context.pauses) instants.push(pause.pausedAt, pause.resumedAt);
  const latest = Math.max(...instants.filter((instant) => instant !== null).map((instant) => instant.getTime()));
  if (at.getTime() < latest) {
    throw ValidationError.single('at', `must not be before the clock's last event (${new Date(latest).toISOString()})`);
  }
}

/**
 * The clock's due instant as of `asOf` (see `computeDue` for the counting rules): length, unit and
 * extension from the row, roll-over and whether pauses count from the regime.
 */
export function computeClockDue(context: ClockContext, asOf: Date): DueResult {
  const { clock, regime, calendar } = context;
  return computeDue({
    calendar,
    unit: clock.unit,
    length: clock.length,
    startedAt: clock.startedAt,
    // Under a regime whose clock does not stop (CFIUS) no pause is ever counted.
    pauses: regime.informationRequestPausesPhaseClock
      ? context.pauses.map((pause) => ({ from: pause.pausedAt, to: pause.resumedAt }))
      : [],
    extensionDays: clock.extendedDays,
    rollToWorkingDay: regime.rollToWorkingDay,
    asOf,
  });
}

/** Columns a verb changes besides the computed ones. */
export type ClockPatch = Partial<Pick<ClockRow, 'extendedDays' | 'extendedAt' | 'extensionReason' | 'stoppedAt'>>;

/**
 * Recomputes the locked clock as of `at` with `patch` applied (pauses are read again, so the caller
 * writes its pause change first), writes the row (due instant, provisional flag, next wake-up,
 * version + 1) and keeps `cases.nextDueAt` in step when the case's `currentClockId` points at it;
 * a stopped phase clock is cleared from the case.
 */
export async function saveClock(
  tx: Tx,
  context: ClockContext,
  at: Date,
  patch: ClockPatch = {},
): Promise<ClockOutcome> {
  const clock = { ...context.clock, ...patch };
  const pauses = await readPauses(tx, clock.id);
  const due = computeClockDue({ ...context, clock, pauses }, at);
  const paused = pauses.some((pause) => pause.resumedAt === null);
  const nextWakeAt =
    clock.stoppedAt || paused
      ? null
      : nextReminderAt({ startedAt: clock.startedAt, dueAt: due.dueAt, remindersSent: clock.remindersSent, at });
  const [row] = await tx
    .update(clocks)
    .set({
      ...patch,
      dueAt: due.dueAt,
      provisional: due.provisional,
      nextWakeAt,
      updatedAt: at,
      version: clock.version + 1,
    })
    .where(and(eq(clocks.id, clock.id), eq(clocks.version, clock.version)))
    .returning();
  if (!row) throw new StaleVersionError(clock.version);
  context.clock = row;
  context.pauses = pauses;
  await syncCaseDue(tx, row);
  return outcomeOf(row, paused);
}

/** Keeps the case's `nextDueAt` in step with its current phase clock. */
export async function syncCaseDue(tx: Tx, clock: ClockRow): Promise<void> {
  if (clock.ownerKind !== 'CASE') return;
  const current = and(eq(cases.id, clock.caseId), eq(cases.currentClockId, clock.id));
  if (clock.stoppedAt) {
    await tx.update(cases).set({ currentClockId: null, nextDueAt: null }).where(current);
  } else {
    await tx.update(cases).set({ nextDueAt: clock.dueAt }).where(current);
  }
}

export function outcomeOf(clock: ClockRow, paused: boolean): ClockOutcome {
  return {
    clockId: clock.id,
    dueAt: clock.dueAt,
    provisional: clock.provisional,
    final: clock.stoppedAt !== null || !paused,
    nextWakeAt: clock.nextWakeAt,
    stoppedAt: clock.stoppedAt,
    version: clock.version,
  };
}
