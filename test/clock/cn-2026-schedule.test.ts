/**
 * Calendar arithmetic across every 2026 Chinese holiday and make-up working day: one case per row of
 * the table in shared/domain/cn-calendar-2026.md, transcribed below as it stands there. For each row,
 * the last working day before the holiday and the first after it are written by hand.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeDue } from '../../src/domain/clock/due.ts';
import { addWorkingDays, countWorkingDays, isWorkingDay } from '../../src/domain/clock/working-days.ts';
import { cnCalendar } from '../../workflows/calendars/cn.ts';

/** The table of shared/domain/cn-calendar-2026.md, verbatim. */
const table = `
| New Year 元旦 | 2026-01-01 (Thu) – 2026-01-03 (Sat) | 3 | 2026-01-04 (Sun) |
| Spring Festival 春节 | 2026-02-15 (Sun) – 2026-02-23 (Mon) | 9 | 2026-02-14 (Sat), 2026-02-28 (Sat) |
| Qingming 清明节 | 2026-04-04 (Sat) – 2026-04-06 (Mon) | 3 | — |
| Labour Day 劳动节 | 2026-05-01 (Fri) – 2026-05-05 (Tue) | 5 | 2026-05-09 (Sat) |
| Dragon Boat 端午节 | 2026-06-19 (Fri) – 2026-06-21 (Sun) | 3 | — |
| Mid-Autumn 中秋节 | 2026-09-25 (Fri) – 2026-09-27 (Sun) | 3 | — |
| National Day 国庆节 | 2026-10-01 (Thu) – 2026-10-07 (Wed) | 7 | 2026-09-20 (Sun), 2026-10-10 (Sat) |
`.trim();

/** Counted by hand: the last working day before each holiday, and the first working day after it. */
const around: Record<string, [before: string, after: string]> = {
  'New Year 元旦': ['2025-12-31', '2026-01-04'], // Wed; make-up Sun 01-04 is the first day back
  'Spring Festival 春节': ['2026-02-14', '2026-02-24'], // make-up Sat 02-14; Tue 02-24
  'Qingming 清明节': ['2026-04-03', '2026-04-07'], // Fri; Tue
  'Labour Day 劳动节': ['2026-04-30', '2026-05-06'], // Thu; Wed
  'Dragon Boat 端午节': ['2026-06-18', '2026-06-22'], // Thu; Mon
  'Mid-Autumn 中秋节': ['2026-09-24', '2026-09-28'], // Thu; Mon
  'National Day 国庆节': ['2026-09-30', '2026-10-08'], // Wed; Thu
};

const rows = table.split('\n').map((line) => {
  const [name, range, count, makeups] = line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
  const [first, last] = [...range!.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((m) => m[0]);
  return {
    name: name!,
    first: first!,
    last: last!,
    count: Number(count),
    makeupDays: [...makeups!.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((m) => m[0]),
  };
});

const days = (first: string, last: string) => {
  const dates: string[] = [];
  for (let d = DateTime.fromISO(first); d <= DateTime.fromISO(last); d = d.plus({ days: 1 }))
    dates.push(d.toISODate()!);
  return dates;
};
const dayBefore = (date: string) => DateTime.fromISO(date).minus({ days: 1 }).toISODate()!;

describe('every 2026 holiday of the official table', () => {
  it.each(rows)('$name: $first – $last ($count days off)', ({ name, first, last, count }) => {
    const [before, after] = around[name]!;
    // Every day of the range is off, and the range has the table's length.
    expect(days(first, last).filter((d) => isWorkingDay(cnCalendar, d))).toEqual([]);
    expect(days(first, last)).toHaveLength(count);
    // Day 1 after the last working day before the holiday is the first working day after it …
    expect(addWorkingDays(cnCalendar, before, 1)).toBe(after);
    // … so the whole holiday counts for nothing.
    expect(countWorkingDays(cnCalendar, before, after)).toBe(1);
    expect(countWorkingDays(cnCalendar, dayBefore(first), last)).toBe(0);
    // A 1-working-day clock started at 10:00 in Shanghai on `before` is due at the end of `after`.
    const due = computeDue({
      calendar: cnCalendar,
      unit: 'WORKING_DAYS',
      length: 1,
      startedAt: new Date(`${before}T02:00:00Z`),
      pauses: [],
      extensionDays: 0,
      rollToWorkingDay: false,
    });
    expect(due.dueAt.toISOString()).toBe(`${after}T15:59:59.999Z`);
  });
});

describe('every 2026 make-up working day of the official table', () => {
  const makeupDays = rows.flatMap((row) => row.makeupDays.map((date) => ({ date, holiday: row.name })));

  it('lists the six of the notice', () => {
    expect(makeupDays.map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it.each(makeupDays)('$date ($holiday) is a weekend day that is worked, and counts as day 1', ({ date }) => {
    expect(DateTime.fromISO(date).weekday).toBeGreaterThanOrEqual(6);
    expect(isWorkingDay(cnCalendar, date)).toBe(true);
    expect(addWorkingDays(cnCalendar, dayBefore(date), 1)).toBe(date);
    // Without the schedule the same day would be a plain weekend day.
    expect(isWorkingDay({ ...cnCalendar, years: {} }, date)).toBe(false);
  });
});
