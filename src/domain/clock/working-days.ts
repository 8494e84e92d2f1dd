/**
 * Working-day arithmetic on a jurisdiction calendar (design §5). All functions are pure: they read
 * only the calendar data and the days they are given.
 *
 * A working day is a day that is not a weekend day and not a holiday, or a make-up working day.
 * A year whose schedule is not loaded counts weekends only (the caller flags the result provisional).
 */
import type { DateTime } from 'luxon';
import type { CalendarDefinition, IsoDate } from '../../../workflows/calendars/calendar-definition.ts';
import { formatIsoDate, parseIsoDate } from './local-time.ts';

// A calendar with no working day for this long is malformed; stop instead of looping forever.
const maxDaysScanned = 366 * 100;

/** Whether the official schedule of `year` is loaded in `calendar`. */
export function isYearLoaded(calendar: CalendarDefinition, year: number): boolean {
  return calendar.years[year] !== undefined;
}

/** Whether ISO weekday `weekday` (1 = Monday) is a weekly day off on `calendar`. */
export function isWeekendDay(calendar: CalendarDefinition, weekday: number): boolean {
  return calendar.weekendDays.some((d) => d === weekday);
}

function isWorkingDayAt(calendar: CalendarDefinition, day: DateTime): boolean {
  const schedule = calendar.years[day.year];
  if (schedule) {
    const isoDate = formatIsoDate(day);
    // A make-up day wins over the weekend; a holiday wins over the weekday.
    if (schedule.makeupWorkdays.some((d) => d.date === isoDate)) return true;
    if (schedule.holidays.some((d) => d.date === isoDate)) return false;
  }
  return !isWeekendDay(calendar, day.weekday);
}

/** Whether `isoDate` is a working day on `calendar` (weekends only when the year is not loaded). */
export function isWorkingDay(calendar: CalendarDefinition, isoDate: IsoDate): boolean {
  return isWorkingDayAt(calendar, parseIsoDate(isoDate));
}

function assertDayCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Expected a whole number of days ≥ 0, got ${n}`);
}

/**
 * The n-th working day after `isoDate`: day 1 is the first working day after it (the triggering day
 * itself never counts). `n = 0` returns `isoDate` unchanged.
 * @throws RangeError if n is not a whole number ≥ 0.
 */
export function addWorkingDays(calendar: CalendarDefinition, isoDate: IsoDate, n: number): IsoDate {
  assertDayCount(n);
  let day = parseIsoDate(isoDate);
  for (let counted = 0, scanned = 0; counted < n; scanned++) {
    if (scanned > maxDaysScanned) throw new RangeError(`Calendar ${calendar.code} has no working days`);
    day = day.plus({ days: 1 });
    if (isWorkingDayAt(calendar, day)) counted++;
  }
  return formatIsoDate(day);
}

/**
 * The day `n` calendar days after `isoDate` (day 1 is the next day). Needs no calendar: every day counts.
 * @throws RangeError if n is not a whole number ≥ 0.
 */
export function addCalendarDays(isoDate: IsoDate, n: number): IsoDate {
  assertDayCount(n);
  return formatIsoDate(parseIsoDate(isoDate).plus({ days: n }));
}

/** `isoDate` if it is a working day, otherwise the first working day after it (the CFIUS roll-over). */
export function nextWorkingDayOnOrAfter(calendar: CalendarDefinition, isoDate: IsoDate): IsoDate {
  let day = parseIsoDate(isoDate);
  for (let scanned = 0; !isWorkingDayAt(calendar, day); scanned++) {
    if (scanned > maxDaysScanned) throw new RangeError(`Calendar ${calendar.code} has no working days`);
    day = day.plus({ days: 1 });
  }
  return formatIsoDate(day);
}

/**
 * The number of working days D with `fromIsoDateExclusive` < D ≤ `toIsoDateInclusive`, so that
 * `countWorkingDays(c, d, addWorkingDays(c, d, n)) === n`. When `to` is before `from` the result is
 * the negative count of working days in (to, from].
 */
export function countWorkingDays(
  calendar: CalendarDefinition,
  fromIsoDateExclusive: IsoDate,
  toIsoDateInclusive: IsoDate,
): number {
  const from = parseIsoDate(fromIsoDateExclusive);
  const to = parseIsoDate(toIsoDateInclusive);
  if (to < from) return -countWorkingDays(calendar, toIsoDateInclusive, fromIsoDateExclusive);
  let count = 0;
  for (let day = from.plus({ days: 1 }); day <= to; day = day.plus({ days: 1 })) {
    if (isWorkingDayAt(calendar, day)) count++;
  }
  return count;
}

/** Every Gregorian year from the year of `fromIsoDate` to that of `toIsoDate` (inclusive) that is not loaded. */
export function unloadedYearsBetween(calendar: CalendarDefinition, fromIsoDate: IsoDate, toIsoDate: IsoDate): number[] {
  const first = parseIsoDate(fromIsoDate).year;
  const last = parseIsoDate(toIsoDate).year;
  const missing: number[] = [];
  for (let year = first; year <= last; year++) if (!isYearLoaded(calendar, year)) missing.push(year);
  return missing;
}
