/**
 * The due instant of a statutory clock (design §5). Pure: the caller passes every instant,
 * including `asOf` for a request still open, so tests and recomputations control time.
 */

import type { DayUnit } from '../../../vocabulary/terms.ts';
import type { CalendarDefinition, IsoDate } from '../../../workflows/calendars/calendar-definition.ts';
import { endOfLocalDay, formatIsoDate, localDateOf, parseIsoDate } from './local-time.ts';
import {
  addCalendarDays,
  countWorkingDays,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  unloadedYearsBetween,
} from './working-days.ts';

const maxDaysScanned = 366 * 100;

/** A period during which an information request was open; `to = null` while it still is. */
export interface ClockPause {
  from: Date;
  to: Date | null;
}

/** What a clock's due date is computed from. */
export interface DueInput {
  calendar: CalendarDefinition;
  unit: DayUnit;
  /** Statutory length in `unit`, a whole number ≥ 1. */
  length: number;
  /** The triggering event; its local date in the calendar's zone is day 0. */
  startedAt: Date;
  /** Information requests that pause this clock (pass none when the regime says the clock does not stop). */
  pauses: readonly ClockPause[];
  /** Days granted by an extension, in `unit`; 0 when not extended. */
  extensionDays: number;
  /** Whether a calendar-day deadline on a non-working day moves to the next working day (CFIUS). */
  rollToWorkingDay: boolean;
  /** "Now" for a pause still open: its days are counted up to and including the local date of `asOf`. */
  asOf?: Date;
}

/** A computed due date. */
export interface DueResult {
  /** 23:59:59.999 of `dueDate` in the calendar's zone. */
  dueAt: Date;
  /** The last day of the clock, in the calendar's zone. */
  dueDate: IsoDate;
  /** True when a day that decided the result lies in a year whose schedule is not loaded. */
  provisional: boolean;
  /** Days (in the clock's unit) by which pauses pushed the due date back. */
  pausedDays: number;
  /** True when a pause is still open as of `asOf`: the due date will move again. */
  pauseOpen: boolean;
}

/**
 * Computes when a clock is due.
 *
 * Counting rules (design §5):
 * - Day 1 is the first working day (calendar day, for `CALENDAR_DAYS`) after the local date of
 *   `startedAt` in the calendar's time zone; the triggering day never counts.
 * - The clock is due at the end of its last day: 23:59:59.999 local time in the calendar's zone.
 * - Pause rule: a request opened on local day O and answered on local day A pauses the days D with
 *   O < D ≤ A — the opening day still counts (the office worked on it), the answering day does not
 *   (the party did). So a request opened and answered on the same day pauses nothing, and one
 *   opened Tuesday and answered the next Monday pauses Wednesday, Thursday, Friday and Monday
 *   (4 working days). This is the EU merger-control convention (suspension from the working day
 *   after the request to the end of the day the answer arrives). For a `WORKING_DAYS` clock only
 *   paused working days matter; for `CALENDAR_DAYS` every paused day does. Overlapping requests
 *   pause a day once. An open request (`to = null`) pauses up to the local date of `asOf`.
 * - Paused days do not count towards the length; pauses after the due date change nothing.
 * - A `CALENDAR_DAYS` deadline on a non-working day rolls to the next working day when
 *   `rollToWorkingDay` is set.
 * - Provisional: for `WORKING_DAYS`, when any day from day 1 to the due date lies in a year not
 *   loaded; for `CALENDAR_DAYS`, only when the roll-over consulted such a year (otherwise the
 *   holiday schedule cannot change the result).
 *
 * @throws RangeError for a length < 1, a negative extension, a pause ending before it starts, or an
 *   open pause without `asOf`.
 */
export function computeDue(input: DueInput): DueResult {
  const { calendar, unit, length, extensionDays } = input;
  if (!Number.isSafeInteger(length) || length < 1) throw new RangeError(`Clock length must be ≥ 1, got ${length}`);
  if (!Number.isSafeInteger(extensionDays) || extensionDays < 0) {
    throw new RangeError(`Extension must be a whole number ≥ 0, got ${extensionDays}`);
  }
  const startDate = localDateOf(input.startedAt, calendar.timeZone);
  const { pausedDates, pauseOpen } = pausedDatesOf(input);
  const counts = (isoDate: IsoDate) => unit === 'CALENDAR_DAYS' || isWorkingDay(calendar, isoDate);

  const total = length + extensionDays;
  let day = parseIsoDate(startDate);
  let counted = 0;
  let pausedDays = 0;
  for (let scanned = 0; counted < total; scanned++) {
    // Only a calendar without working days (or a pause open for a century) could get here.
    if (scanned > maxDaysScanned) throw new RangeError(`No due date within ${maxDaysScanned} days`);
    day = day.plus({ days: 1 });
    const isoDate = formatIsoDate(day);
    if (!counts(isoDate)) continue;
    if (pausedDates.has(isoDate)) pausedDays++;
    else counted++;
  }
  const lastCountedDay = formatIsoDate(day);

  let dueDate = lastCountedDay;
  let provisional: boolean;
  if (unit === 'WORKING_DAYS') {
    // Every day from day 1 to the due date was classified by the calendar.
    provisional = unloadedYearsBetween(calendar, addCalendarDays(startDate, 1), dueDate).length > 0;
  } else if (input.rollToWorkingDay) {
    dueDate = nextWorkingDayOnOrAfter(calendar, lastCountedDay);
    provisional = unloadedYearsBetween(calendar, lastCountedDay, dueDate).length > 0;
  } else {
    provisional = false;
  }
  return { dueAt: endOfLocalDay(dueDate, calendar.timeZone), dueDate, provisional, pausedDays, pauseOpen };
}

/** The local dates paused by the requests, per the pause rule of {@link computeDue}. */
function pausedDatesOf(input: DueInput): { pausedDates: Set<IsoDate>; pauseOpen: boolean } {
  const zone = input.calendar.timeZone;
  const pausedDates = new Set<IsoDate>();
  let pauseOpen = false;
  for (const pause of input.pauses) {
    let end: Date;
    if (pause.to) {
      if (pause.to < pause.from) throw new RangeError('A pause cannot end before it starts');
      end = pause.to;
    } else {
      if (!input.asOf) throw new RangeError('An open pause needs asOf to be counted');
      end = input.asOf;
      pauseOpen ||= input.asOf >= pause.from;
    }
    const opened = parseIsoDate(localDateOf(pause.from, zone));
    const last = parseIsoDate(localDateOf(end, zone));
    for (let day = opened.plus({ days: 1 }); day <= last; day = day.plus({ days: 1 })) {
      pausedDates.add(formatIsoDate(day));
    }
  }
  return { pausedDates, pauseOpen };
}

/**
 * Working days left before `dueAt`, counted as the working days after the local date of `asOf` up
 * to and including the local date of `dueAt`: 0 on the due day itself, negative once past it
 * (minus the working days elapsed since the due day). Whether a clock is overdue is decided by
 * comparing the instants (`asOf > dueAt`), not by this count.
 */
export function workingDaysLeft(calendar: CalendarDefinition, asOf: Date, dueAt: Date): number {
  return countWorkingDays(calendar, localDateOf(asOf, calendar.timeZone), localDateOf(dueAt, calendar.timeZone));
}
