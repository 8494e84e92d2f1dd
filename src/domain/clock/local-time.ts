/**
 * Conversions between instants and the calendar days of a time zone. Time zones come from luxon's
 * IANA database: never a hand-written offset, so daylight saving and historical changes are right.
 */
import { DateTime } from 'luxon';
import type { IsoDate } from '../../../workflows/calendars/calendar-definition.ts';

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses a `YYYY-MM-DD` calendar day. Plain days are handled in UTC, where every day has 24 hours,
 * so day arithmetic can never be shifted by a daylight-saving change.
 * @throws RangeError if the text is not a real calendar day.
 */
export function parseIsoDate(isoDate: IsoDate): DateTime {
  const day = isoDatePattern.test(isoDate) ? DateTime.fromISO(isoDate, { zone: 'utc' }) : undefined;
  if (!day?.isValid) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${isoDate}`);
  return day;
}

/** Formats a day produced by {@link parseIsoDate} or day arithmetic on it. */
export function formatIsoDate(day: DateTime): IsoDate {
  return day.toFormat('yyyy-MM-dd');
}

/**
 * The calendar day on which `instant` falls in `timeZone`: the "local date" that the counting
 * rules speak of (e.g. 2026-09-17T16:30Z is already Friday 2026-09-18 in Asia/Shanghai).
 * @throws RangeError for an invalid instant or zone.
 */
export function localDateOf(instant: Date, timeZone: string): IsoDate {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Invalid instant or time zone: ${String(instant)} in ${timeZone}`);
  return formatIsoDate(local);
}

/**
 * The last instant of a calendar day in `timeZone`: 23:59:59.999 local time. A clock is due at
 * this instant of its last day (design §5), so "due on 16 October" holds all of 16 October there.
 * @throws RangeError for an invalid day or zone.
 */
export function endOfLocalDay(isoDate: IsoDate, timeZone: string): Date {
  const day = parseIsoDate(isoDate);
  const end = DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: timeZone }).endOf('day');
  if (!end.isValid) throw new RangeError(`Invalid time zone: ${timeZone}`);
  return end.toJSDate();
}
