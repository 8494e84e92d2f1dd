/** Property tests (fast-check) of the clock arithmetic on the shipped calendars. */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type ClockPause, computeDue } from '../../src/domain/clock/due.ts';
import { addWorkingDays, countWorkingDays, isWorkingDay } from '../../src/domain/clock/working-days.ts';
import type { CalendarDefinition } from '../../workflows/calendars/calendar-definition.ts';
import { cnCalendar } from '../../workflows/calendars/cn.ts';
import { usCalendar } from '../../workflows/calendars/us.ts';

const shippedCalendar = fc.constantFrom(cnCalendar, usCalendar);
// Days from mid-2025 to the end of 2027: loaded and not-loaded years, both year ends.
const isoDay = fc
  .integer({ min: 0, max: 915 })
  .map((offset) => DateTime.fromISO('2025-07-01', { zone: 'utc' }).plus({ days: offset }).toFormat('yyyy-MM-dd'));
const instant = fc.date({
  min: new Date('2025-07-01T00:00:00Z'),
  max: new Date('2027-06-30T00:00:00Z'),
  noInvalidDate: true,
});
const hours = (n: number) => n * 3_600_000;

/** A pause opening `openAfterHours` after the start and lasting `durationHours`. */
const pauseAt = (startedAt: Date, openAfterHours: number, durationHours: number): ClockPause => {
  const from = new Date(startedAt.getTime() + hours(openAfterHours));
  return { from, to: new Date(from.getTime() + hours(durationHours)) };
};

describe('working-day arithmetic', () => {
  it('adding N working days then counting them gives N', () => {
    fc.assert(
      fc.property(shippedCalendar, isoDay, fc.integer({ min: 0, max: 300 }), (calendar, day, n) => {
        expect(countWorkingDays(calendar, day, addWorkingDays(calendar, day, n))).toBe(n);
      }),
    );
  });

  it('a working-day due date is always a working day, ending at local midnight', () => {
    fc.assert(
      fc.property(
        shippedCalendar,
        instant,
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 500 })), { maxLength: 3 }),
        (calendar, startedAt, length, pauseSpecs) => {
          const pauses = pauseSpecs.map(([openAfter, duration]) => pauseAt(startedAt, openAfter, duration));
          const { dueAt, dueDate } = computeDue({
            calendar,
            unit: 'WORKING_DAYS',
            length,
            startedAt,
            pauses,
            extensionDays: 0,
            rollToWorkingDay: false,
          });
          expect(isWorkingDay(calendar, dueDate)).toBe(true);
          const local = DateTime.fromJSDate(dueAt, { zone: calendar.timeZone });
          expect(local.toFormat('yyyy-MM-dd HH:mm:ss.SSS')).toBe(`${dueDate} 23:59:59.999`);
        },
      ),
    );
  });

  it('a rolled calendar-day due date is always a working day', () => {
    fc.assert(
      fc.property(shippedCalendar, instant, fc.integer({ min: 1, max: 120 }), (calendar, startedAt, length) => {
        const { dueDate } = computeDue({
          calendar,
          unit: 'CALENDAR_DAYS',
          length,
          startedAt,
          pauses: [],
          extensionDays: 0,
          rollToWorkingDay: true,
        });
        expect(isWorkingDay(calendar, dueDate)).toBe(true);
      }),
    );
  });
});

describe('pauses', () => {
  it('a longer pause never makes the due date earlier (and no pause is the earliest)', () => {
    fc.assert(
      fc.property(
        shippedCalendar,
        fc.constantFrom('WORKING_DAYS' as const, 'CALENDAR_DAYS' as const),
        instant,
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (calendar, unit, startedAt, length, openAfter, shorter, extra) => {
          const due = (pauses: ClockPause[]) =>
            computeDue({ calendar, unit, length, startedAt, pauses, extensionDays: 0, rollToWorkingDay: true }).dueAt;
          const none = due([]);
          const short = due([pauseAt(startedAt, openAfter, shorter)]);
          const long = due([pauseAt(startedAt, openAfter, shorter + extra)]);
          expect(short.getTime()).toBeGreaterThanOrEqual(none.getTime());
          expect(long.getTime()).toBeGreaterThanOrEqual(short.getTime());
        },
      ),
    );
  });
});

describe('loading a schedule', () => {
  /** CN with a 2027 schedule: a test fixture of invented holidays, not the official 2027 schedule. */
  const withLoaded2027 = (holidays: string[]): CalendarDefinition => ({
    ...cnCalendar,
    years: {
      ...cnCalendar.years,
      2027: {
        source: 'test fixture',
        holidays: holidays.map((date) => ({ date, name: 'fixture' })),
        makeupWorkdays: [],
      },
    },
  });
  const due = (calendar: CalendarDefinition, startedAt: Date, length: number) =>
    computeDue({
      calendar,
      unit: 'WORKING_DAYS',
      length,
      startedAt,
      pauses: [],
      extensionDays: 0,
      rollToWorkingDay: false,
    });

  it('moves an open provisional deadline and makes it final', () => {
    // 11 WD from Thu 2026-12-17: provisional Fri 2027-01-01; with Jan 1 a holiday, Mon Jan 4.
    const startedAt = new Date('2026-12-17T02:00:00Z');
    const before = due(cnCalendar, startedAt, 11);
    const after = due(withLoaded2027(['2027-01-01']), startedAt, 11);
    expect([before.dueDate, before.provisional]).toEqual(['2027-01-01', true]);
    expect([after.dueDate, after.provisional]).toEqual(['2027-01-04', false]);
  });

  it('a provisional date never moves earlier when the loaded schedule only adds holidays', () => {
    const day2027 = fc
      .integer({ min: 0, max: 364 })
      .map((offset) => DateTime.fromISO('2027-01-01', { zone: 'utc' }).plus({ days: offset }).toFormat('yyyy-MM-dd'));
    const lateStart = fc.date({
      min: new Date('2026-10-01T00:00:00Z'),
      max: new Date('2027-06-30T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        lateStart,
        fc.integer({ min: 1, max: 120 }),
        fc.uniqueArray(day2027, { maxLength: 30 }),
        (startedAt, length, holidays) => {
          const provisional = due(cnCalendar, startedAt, length);
          const loaded = due(withLoaded2027(holidays), startedAt, length);
          expect(loaded.dueAt.getTime()).toBeGreaterThanOrEqual(provisional.dueAt.getTime());
        },
      ),
    );
  });
});
