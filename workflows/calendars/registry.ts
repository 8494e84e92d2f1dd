import { cnCalendar } from './cn.ts';
import { usCalendar } from './us.ts';

/** The shipped calendars, keyed by code; regimes name theirs by `calendarCode`. */
export const calendars = { CN: cnCalendar, US: usCalendar };

/** Code of a calendar shipped with the product. */
export type ShippedCalendarCode = keyof typeof calendars;
