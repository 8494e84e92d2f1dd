/** The shipped calendar data checked against shared/domain/cn-calendar-2026.md and the US federal list. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { calendarProblems } from '../../src/domain/clock/calendar-check.ts';
import type { CalendarDefinition } from '../../workflows/calendars/calendar-definition.ts';
import { cnCalendar } from '../../workflows/calendars/cn.ts';
import { calendars } from '../../workflows/calendars/registry.ts';
import { usCalendar } from '../../workflows/calendars/us.ts';

// Independent of the code under test: expand a range with luxon directly.
function expand(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let d = DateTime.fromISO(first); d <= DateTime.fromISO(last); d = d.plus({ days: 1 })) {
    dates.push(d.toISODate() ?? '');
  }
  return dates;
}

describe('CN 2026 schedule', () => {
  const year = cnCalendar.years[2026]!;

  it.each([
    ['New Year', '2026-01-01', '2026-01-03', 3],
    ['Spring Festival', '2026-02-15', '2026-02-23', 9],
    ['Qingming', '2026-04-04', '2026-04-06', 3],
    ['Labour Day', '2026-05-01', '2026-05-05', 5],
    ['Dragon Boat', '2026-06-19', '2026-06-21', 3],
    ['Mid-Autumn', '2026-09-25', '2026-09-27', 3],
    ['National Day', '2026-10-01', '2026-10-07', 7],
  ])('%s: every day from %s to %s is listed (%i days)', (name, first, last, count) => {
    const listed = year.holidays.filter((h) => h.name.startsWith(name)).map((h) => h.date);
    expect(listed).toEqual(expand(first, last));
    expect(listed).toHaveLength(count);
  });

  it('lists 33 days off and the 6 make-up working days of the notice, nothing else', () => {
    expect(year.holidays).toHaveLength(33);
    expect(year.makeupWorkdays.map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('is in Asia/Shanghai with Saturday and Sunday off, and 2027 is not loaded', () => {
    expect(cnCalendar.timeZone).toBe('Asia/Shanghai');
    expect(cnCalendar.weekendDays).toEqual([6, 7]);
    expect(Object.keys(cnCalendar.years)).toEqual(['2026']);
  });
});

describe('US 2026 federal holidays', () => {
  it('lists the 11 federal holidays, all on weekdays (Independence Day observed Fri Jul 3)', () => {
    const dates = usCalendar.years[2026]!.holidays.map((h) => h.date);
    expect(dates).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
    for (const date of dates) expect(DateTime.fromISO(date).weekday).toBeLessThan(6);
    expect(usCalendar.years[2026]!.makeupWorkdays).toEqual([]);
    expect(usCalendar.timeZone).toBe('America/New_York');
  });
});

describe('calendarProblems', () => {
  it.each(Object.values(calendars))('finds none in the shipped $code calendar', (calendar) => {
    expect(calendarProblems(calendar)).toEqual([]);
  });

  it('catches an impossible date, a date in the wrong year, a duplicate and a weekday make-up day', () => {
    const broken: CalendarDefinition = {
      code: 'XX',
      name: 'broken',
      timeZone: 'UTC',
      weekendDays: [6, 7],
      years: {
        2026: {
          source: 'test fixture',
          holidays: [
            { date: '2026-02-30', name: 'no such day' },
            { date: '2027-01-01', name: 'wrong year' },
            { date: '2026-05-01', name: 'twice' },
            { date: '2026-05-01', name: 'twice' },
          ],
          makeupWorkdays: [{ date: '2026-05-06', name: 'a Wednesday' }],
        },
      },
    };
    expect(calendarProblems(broken)).toEqual([
      '2026: holiday 2026-02-30 is not a calendar day',
      '2026: holiday 2027-01-01 belongs to another year',
      '2026: 2026-05-01 is listed twice',
      '2026: make-up working day 2026-05-06 is not a weekend day',
    ]);
  });
});
