/** The cut-off instant of "due within N working days", pure so that lists and tests agree on it. */
import type { CalendarDefinition } from '../../../workflows/calendars/calendar-definition.ts';
import { endOfLocalDay, formatIsoDate, localDateOf, parseIsoDate } from '../clock/local-time.ts';
import { addWorkingDays } from '../clock/working-days.ts';

/** The largest N accepted: ten years of working days is beyond any statutory clock. */
export const maxDueWithinWorkingDays = 2600;

/**
 * The last instant a deadline may fall on to be "due within `n` working days" of `now` on `calendar`:
 * exactly the deadlines whose `workingDaysLeft` (due.ts) is at most `n` — those already past
 * included. That is the end of the day before the (n + 1)-th working day after today (local dates in
 * the calendar's zone), so days off that follow the n-th working day are inside the window too.
 * @throws RangeError for an `n` that is not a whole number between 0 and {@link maxDueWithinWorkingDays}.
 */
export function dueWithinCutoff(calendar: CalendarDefinition, now: Date, n: number): Date {
  if (!Number.isSafeInteger(n) || n < 0 || n > maxDueWithinWorkingDays) {
    throw new RangeError(`Expected a whole number of working days from 0 to ${maxDueWithinWorkingDays}, got ${n}`);
  }
  const today = localDateOf(now, calendar.timeZone);
  const firstDayOutside = parseIsoDate(addWorkingDays(calendar, today, n + 1));
  return endOfLocalDay(formatIsoDate(firstDayOutside.minus({ days: 1 })), calendar.timeZone);
}
