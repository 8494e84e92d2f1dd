/**
 * Dates and deadlines: always in the regime's time zone (a Beijing deadline reads as Beijing's date
 * wherever the reader sits), in the person's language, with the working days left.
 */
import { DateTime } from 'luxon';

const luxonLocale = (language: string) => (language === 'zh-CN' ? 'zh-CN' : 'en-GB');

/** A day, e.g. "2026年12月4日 周五" or "Fri 4 Dec 2026", in `zone`. */
export function formatDay(iso: string, zone: string, language: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' })
    .setZone(zone)
    .setLocale(luxonLocale(language))
    .toLocaleString({ weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
}

/** A moment, e.g. "2026年11月20日 10:00" or "20 Nov 2026, 10:00", in `zone`. */
export function formatInstant(iso: string, zone: string, language: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' })
    .setZone(zone)
    .setLocale(luxonLocale(language))
    .toLocaleString({ year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export type Urgency = 'overdue' | 'soon' | 'normal' | 'stopped';

/** Red when overdue, amber within 3 working days (design §8). */
export function urgencyOf(clock: { workingDaysLeft?: number | null; overdue?: boolean | null }): Urgency {
  if (clock.overdue || (clock.workingDaysLeft ?? 0) < 0) return 'overdue';
  if (clock.workingDaysLeft === null || clock.workingDaysLeft === undefined) return 'stopped';
  return clock.workingDaysLeft <= 3 ? 'soon' : 'normal';
}

/** The zone the API gives for the regime; the console's default zone is the default regime's. */
export const defaultZone = 'Asia/Shanghai';
