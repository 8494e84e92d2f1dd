/**
 * The shape of a jurisdiction calendar: plain data, so an administrator can load a year's schedule
 * (by API or file import) without a code change (design §5).
 */

/** A calendar day as ISO 8601 `YYYY-MM-DD`, read in the calendar's own time zone. */
export type IsoDate = string;

/** ISO weekday number: 1 = Monday … 7 = Sunday (luxon's `weekday`). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One named special day: a public holiday or a make-up working day. */
export interface CalendarDay {
  date: IsoDate;
  name: string;
}

/** The official schedule of one year, with the document it was taken from. */
export interface CalendarYear {
  /** Where the schedule comes from (official notice, date, publisher). */
  source: string;
  /** Days off, one entry per date (a holiday range is expanded to its dates), weekend dates included. */
  holidays: readonly CalendarDay[];
  /** Weekend days worked instead (China's 调休), one entry per date. */
  makeupWorkdays: readonly CalendarDay[];
}

/**
 * A jurisdiction calendar. A year absent from `years` is "not loaded": it counts weekends only and
 * every deadline that depends on it is provisional until its schedule is loaded.
 */
export interface CalendarDefinition {
  code: string;
  name: string;
  /** IANA zone in which days start and end, e.g. `Asia/Shanghai`. */
  timeZone: string;
  /** Days off every week, as ISO weekday numbers (6 and 7 for Saturday and Sunday). */
  weekendDays: readonly IsoWeekday[];
  /** Loaded schedules, keyed by Gregorian year. */
  years: Readonly<Record<number, CalendarYear>>;
}
