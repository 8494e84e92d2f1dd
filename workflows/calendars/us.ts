import type { CalendarDefinition } from './calendar-definition.ts';

/**
 * United States federal business days: a plain Monday–Friday calendar whose holidays are data.
 * CFIUS deadlines roll to the next business day (31 CFR 800.508), so the federal holidays matter.
 * No make-up working days exist in this calendar.
 */
export const usCalendar: CalendarDefinition = {
  code: 'US',
  name: 'United States federal business days',
  timeZone: 'America/New_York',
  weekendDays: [6, 7],
  years: {
    2026: {
      // Independence Day falls on Saturday 4 July 2026, so the federal holiday is observed on Friday 3 July.
      source:
        'US federal holidays 2026 (5 U.S.C. 6103, as listed by OPM); weekdays checked against the Gregorian calendar',
      holidays: [
        { date: '2026-01-01', name: "New Year's Day" },
        { date: '2026-01-19', name: 'Birthday of Martin Luther King, Jr.' },
        { date: '2026-02-16', name: "Washington's Birthday" },
        { date: '2026-05-25', name: 'Memorial Day' },
        { date: '2026-06-19', name: 'Juneteenth National Independence Day' },
        { date: '2026-07-03', name: 'Independence Day (observed)' },
        { date: '2026-09-07', name: 'Labor Day' },
        { date: '2026-10-12', name: 'Columbus Day' },
        { date: '2026-11-11', name: 'Veterans Day' },
        { date: '2026-11-26', name: 'Thanksgiving Day' },
        { date: '2026-12-25', name: 'Christmas Day' },
      ],
      makeupWorkdays: [],
    },
  },
};
