/**
 * An administrator loads (or replaces) the official schedule of one calendar year. Every running
 * clock counted on that calendar is recomputed in the same transaction, so a provisional deadline
 * becomes final (or moves) the moment the schedule is known, and the change is recorded once in the
 * administrative audit chain (design §5).
 */
import { and, asc, between, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { calendarDays, calendars, calendarYears, clocks, regimes } from '../../../db/schema/clocks.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { assertCan } from '../access/authorize.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { parseIsoDate } from '../clock/local-time.ts';
import { recomputeClock } from '../clock/recompute-clock.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { loadCalendarDefinition } from './read-calendar.ts';

/** Changed clocks listed one by one in the audit entry, at most (the count is always complete). */
export const auditedClockChangesCap = 100;

const isRealDay = (text: string) => {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
};

/** A calendar day as `YYYY-MM-DD` that exists in the Gregorian calendar. */
export const ZIsoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(isRealDay, 'is not a calendar day');

export const ZCalendarDayInput = z.object({
  date: ZIsoDate,
  name: z.string().trim().min(1).max(200),
});
export type TCalendarDayInput = z.input<typeof ZCalendarDayInput>;

export const ZLoadCalendarYearInput = z.object({
  calendarCode: z.string().trim().min(1).max(40),
  year: z.number().int().min(2000).max(2100),
  /** The official document the schedule is taken from (notice, date, publisher). */
  source: z.string().trim().min(3).max(2000),
  /** Days off, one entry per date; weekend dates inside a holiday range may be listed too. */
  holidays: z.array(ZCalendarDayInput).max(366),
  /** Weekend days worked instead (China's 调休), one entry per date. */
  makeupWorkdays: z.array(ZCalendarDayInput).max(366),
  /** Load a year that is already loaded again, replacing its days. */
  replace: z.boolean().default(false),
  reason: z.string().trim().max(2000).optional(),
});
export type TLoadCalendarYearInput = z.input<typeof ZLoadCalendarYearInput>;

/** One clock whose deadline the new schedule changed. */
export interface ClockDueChange {
  clockId: string;
  caseId: string;
  ownerKind: string;
  phase: string;
  dueBefore: string;
  dueAfter: string;
  provisionalBefore: boolean;
  provisionalAfter: boolean;
}

export interface LoadCalendarYearResult {
  calendarId: string;
  year: number;
  replaced: boolean;
  /** Running clocks recomputed (every running clock on a regime counted on this calendar). */
  clocksRecomputed: number;
  /** The clocks whose due instant or provisional flag changed, before → after. */
  changes: ClockDueChange[];
}

/**
 * The problems of a year's schedule as field errors: dates outside the year, a date listed twice, a
 * make-up working day that is not a weekend day on the calendar, or one that is also a holiday.
 */
export function calendarYearProblems(
  schedule: { year: number; holidays: readonly { date: string }[]; makeupWorkdays: readonly { date: string }[] },
  weekendDays: readonly number[],
): FieldError[] {
  const problems: FieldError[] = [];
  const holidayIndex = new Map<string, number>();
  const lists = [
    ['holidays', schedule.holidays],
    ['makeupWorkdays', schedule.makeupWorkdays],
  ] as const;
  for (const [list, days] of lists) {
    const seen = new Map<string, number>();
    days.forEach(({ date }, index) => {
      const field = `${list}.${index}.date`;
      const day = parseIsoDate(date);
      if (day.year !== schedule.year) problems.push({ field, message: `${date} is not in ${schedule.year}` });
      const first = seen.get(date);
      if (first !== undefined) problems.push({ field, message: `${date} is already listed as ${list}.${first}` });
      else seen.set(date, index);
      if (list === 'holidays') {
        if (!holidayIndex.has(date)) holidayIndex.set(date, index);
        return;
      }
      if (!weekendDays.includes(day.weekday)) {
        problems.push({ field, message: `${date} is a weekday: a make-up working day falls on a weekend day` });
      }
      const holiday = holidayIndex.get(date);
      if (holiday !== undefined) problems.push({ field, message: `${date} is also a holiday (holidays.${holiday})` });
    });
  }
  return problems;
}

/**
 * Loads the official schedule of `year` for a calendar, then recomputes every running clock of every
 * regime counted on that calendar as of `now` (due instant, provisional flag, next wake-up and the
 * case's `nextDueAt`), and appends one `calendar.year_loaded` entry to the admin chain naming the
 * year, the source and the clocks whose deadline changed (the first {@link auditedClockChangesCap}
 * with their due instants before and after).
 * @throws ValidationError for an inconsistent schedule (field errors name each entry).
 * @throws NotFoundError when the calendar does not exist.
 * @throws ConflictError when the year is already loaded and `replace` is not set.
 */
export async function loadCalendarYear(
  tx: Tx,
  actor: Actor,
  input: TLoadCalendarYearInput,
  now: Date,
): Promise<LoadCalendarYearResult> {
  assertCan(actor, 'update', 'Calendar');
  const data = parseInput(ZLoadCalendarYearInput, input);
  // Locking the calendar row serialises two loads of the same calendar.
  const [calendar] = await tx.select().from(calendars).where(eq(calendars.code, data.calendarCode)).for('update');
  if (!calendar) throw new NotFoundError(`Calendar ${data.calendarCode}`);
  const problems = calendarYearProblems(data, calendar.weekendDays);
  if (problems.length > 0) throw new ValidationError(problems);

  const [existing] = await tx
    .select()
    .from(calendarYears)
    .where(and(eq(calendarYears.calendarId, calendar.id), eq(calendarYears.year, data.year)));
  if (existing && !data.replace) {
    throw new ConflictError(
      `calendar ${calendar.code} already has ${data.year} loaded (from ${existing.source}); replace it explicitly`,
    );
  }
  const inYear = and(
    eq(calendarDays.calendarId, calendar.id),
    between(calendarDays.date, `${data.year}-01-01`, `${data.year}-12-31`),
  );
  let before: unknown;
  if (existing) {
    const previousDays = await tx.select().from(calendarDays).where(inYear).orderBy(asc(calendarDays.date));
    before = {
      year: data.year,
      source: existing.source,
      holidays: previousDays.filter((d) => d.kind === 'HOLIDAY').map(({ date, name }) => ({ date, name })),
      makeupWorkdays: previousDays.filter((d) => d.kind === 'MAKEUP_WORKDAY').map(({ date, name }) => ({ date, name })),
    };
    await tx.delete(calendarDays).where(inYear);
    await tx
      .update(calendarYears)
      .set({ source: data.source, loadedAt: now })
      .where(and(eq(calendarYears.calendarId, calendar.id), eq(calendarYears.year, data.year)));
  } else {
    await tx
      .insert(calendarYears)
      .values({ calendarId: calendar.id, year: data.year, source: data.source, loadedAt: now });
  }
  const days = [
    ...data.holidays.map((d) => ({ calendarId: calendar.id, ...d, kind: 'HOLIDAY' as const })),
    ...data.makeupWorkdays.map((d) => ({ calendarId: calendar.id, ...d, kind: 'MAKEUP_WORKDAY' as const })),
  ];
  if (days.length > 0) await tx.insert(calendarDays).values(days);
  await tx
    .update(calendars)
    .set({ updatedAt: now, version: calendar.version + 1 })
    .where(eq(calendars.id, calendar.id));

  // Simplest correct scope: every running clock on a regime counted on this calendar.
  const definition = await loadCalendarDefinition(tx, calendar.id);
  const running = await tx
    .select({ id: clocks.id, caseId: clocks.caseId, ownerKind: clocks.ownerKind, phase: clocks.phase })
    .from(clocks)
    .innerJoin(regimes, eq(regimes.id, clocks.regimeId))
    .where(and(eq(regimes.calendarId, calendar.id), isNull(clocks.stoppedAt)))
    .orderBy(asc(clocks.id));
  const changes: ClockDueChange[] = [];
  for (const clock of running) {
    const result = await recomputeClock(tx, clock.id, now, definition);
    if (
      result.dueAt.getTime() === result.previousDueAt.getTime() &&
      result.provisional === result.previousProvisional
    ) {
      continue;
    }
    changes.push({
      clockId: clock.id,
      caseId: clock.caseId,
      ownerKind: clock.ownerKind,
      phase: clock.phase,
      dueBefore: result.previousDueAt.toISOString(),
      dueAfter: result.dueAt.toISOString(),
      provisionalBefore: result.previousProvisional,
      provisionalAfter: result.provisional,
    });
  }

  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: existing ? 'calendar.year_replaced' : 'calendar.year_loaded',
    entityKind: 'Calendar',
    entityId: calendar.id,
    before,
    after: {
      calendarCode: calendar.code,
      year: data.year,
      source: data.source,
      holidays: data.holidays,
      makeupWorkdays: data.makeupWorkdays,
      clocksRecomputed: running.length,
      clocksChanged: changes.length,
      changes: changes.slice(0, auditedClockChangesCap),
      changesOmitted: Math.max(0, changes.length - auditedClockChangesCap),
    },
    reason: data.reason ?? null,
    occurredAt: now,
  });
  return { calendarId: calendar.id, year: data.year, replaced: !!existing, clocksRecomputed: running.length, changes };
}
