/**
 * The counting rules of design §5 as tables of examples. Every expected value was counted by hand
 * on shared/domain/cn-calendar-2026.md (or the US federal holidays), never derived from the code.
 * Asia/Shanghai is UTC+8 all year; America/New_York is UTC−5 (EST) until 8 Mar and from 1 Nov 2026,
 * UTC−4 (EDT) in between.
 */
import { describe, expect, it } from 'vitest';
import type { ClockPause } from '../../src/domain/clock/due.ts';
import { computeDue, workingDaysLeft } from '../../src/domain/clock/due.ts';
import {
  addCalendarDays,
  addWorkingDays,
  countWorkingDays,
  isWorkingDay,
  isYearLoaded,
  nextWorkingDayOnOrAfter,
} from '../../src/domain/clock/working-days.ts';
import { cnCalendar } from '../../workflows/calendars/cn.ts';
import { usCalendar } from '../../workflows/calendars/us.ts';

const at = (iso: string) => new Date(iso);

describe('isWorkingDay on CN', () => {
  it.each([
    ['2026-01-01', false, 'New Year (Thu)'],
    ['2026-01-04', true, 'make-up Sunday for New Year'],
    ['2026-02-14', true, 'make-up Saturday before Spring Festival'],
    ['2026-02-16', false, 'Spring Festival (Mon)'],
    ['2026-02-23', false, 'last Spring Festival day (Mon)'],
    ['2026-02-28', true, 'make-up Saturday after Spring Festival'],
    ['2026-04-06', false, 'Qingming (Mon)'],
    ['2026-05-05', false, 'Labour Day (Tue)'],
    ['2026-05-09', true, 'make-up Saturday for Labour Day'],
    ['2026-06-19', false, 'Dragon Boat (Fri)'],
    ['2026-09-20', true, 'make-up Sunday for National Day'],
    ['2026-09-25', false, 'Mid-Autumn (Fri)'],
    ['2026-10-07', false, 'National Day (Wed)'],
    ['2026-10-10', true, 'make-up Saturday for National Day'],
    ['2026-10-17', false, 'ordinary Saturday'],
    ['2026-03-03', true, 'ordinary Tuesday'],
    ['2027-01-01', true, '2027 not loaded: a Friday counts (weekends only)'],
    ['2027-01-02', false, '2027 not loaded: Saturday is still off'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(cnCalendar, date)).toBe(expected);
  });

  it('knows which years are loaded', () => {
    expect(isYearLoaded(cnCalendar, 2026)).toBe(true);
    expect(isYearLoaded(cnCalendar, 2027)).toBe(false);
  });

  it('rejects text that is not a calendar day', () => {
    expect(() => isWorkingDay(cnCalendar, '2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay(cnCalendar, '2026-2-3')).toThrow(RangeError);
  });
});

describe('day 1 is the first working day after the triggering day (addWorkingDays on CN 2026)', () => {
  it.each([
    // start, n, expected due, why
    ['2026-03-06', 0, '2026-03-06', 'n = 0 is the triggering day itself'],
    ['2026-03-06', 1, '2026-03-09', 'Fri → Mon: the weekend is skipped'],
    ['2025-12-31', 1, '2026-01-04', 'Jan 1–3 off; make-up Sunday Jan 4 is day 1'],
    ['2025-12-31', 10, '2026-01-15', 'Jan 4 (1), Jan 5–9 (2–6), Jan 12–15 (7–10)'],
    ['2026-01-02', 1, '2026-01-04', 'starting on a holiday: day 1 is still the next working day'],
    ['2026-02-13', 1, '2026-02-14', 'make-up Saturday Feb 14 is day 1'],
    ['2026-02-13', 2, '2026-02-24', 'Feb 15–23 off (9 days)'],
    ['2026-02-13', 10, '2026-03-05', 'Feb 14 (1), Feb 24–27 (2–5), make-up Feb 28 (6), Mar 2–5 (7–10)'],
    ['2026-04-03', 1, '2026-04-07', 'Qingming Apr 4–6 off'],
    ['2026-04-30', 1, '2026-05-06', 'Labour Day May 1–5 off'],
    ['2026-04-30', 4, '2026-05-09', 'May 6–8 (1–3), make-up Saturday May 9 (4)'],
    ['2026-04-30', 5, '2026-05-11', 'Sunday May 10 off, Monday May 11 (5)'],
    ['2026-06-18', 1, '2026-06-22', 'Dragon Boat Jun 19–21 off'],
    ['2026-09-18', 1, '2026-09-20', 'filing on Fri Sep 18: make-up Sunday Sep 20 is day 1'],
    ['2026-09-18', 5, '2026-09-24', 'Sep 20 (1), Sep 21–24 (2–5)'],
    ['2026-09-18', 6, '2026-09-28', 'Mid-Autumn Sep 25–27 off'],
    ['2026-09-18', 8, '2026-09-30', 'Sep 28–30 (6–8)'],
    ['2026-09-18', 9, '2026-10-08', 'National Day Oct 1–7 off'],
    ['2026-09-18', 10, '2026-10-09', 'Oct 8 (9), Oct 9 (10)'],
    ['2026-09-18', 11, '2026-10-10', 'make-up Saturday Oct 10 counts'],
    ['2026-09-18', 12, '2026-10-12', 'Sunday Oct 11 off'],
    ['2026-09-18', 16, '2026-10-16', 'Oct 12–16 (12–16)'],
    ['2026-12-17', 10, '2026-12-31', 'Dec 18 (1), Dec 21–25 (2–6), Dec 28–31 (7–10)'],
    ['2026-12-17', 11, '2027-01-01', '2027 not loaded: Fri Jan 1 counts (provisional)'],
    ['2026-12-17', 12, '2027-01-04', '2027 not loaded: Jan 2–3 weekend skipped'],
  ])('%s + %i WD → %s (%s)', (start, n, expected) => {
    expect(addWorkingDays(cnCalendar, start, n)).toBe(expected);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(cnCalendar, '2026-03-02', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cnCalendar, '2026-03-02', 1.5)).toThrow(RangeError);
  });
});

describe('countWorkingDays counts (from, to]', () => {
  it.each([
    [cnCalendar, '2025-12-31', '2026-12-31', 248, 'CN 2026: 261 weekdays − 19 weekday holidays + 6 make-up days'],
    [usCalendar, '2025-12-31', '2026-12-31', 250, 'US 2026: 261 weekdays − 11 federal holidays'],
    [cnCalendar, '2026-09-30', '2026-10-08', 1, 'National Day week: only Oct 8'],
    [cnCalendar, '2026-10-08', '2026-09-30', -1, 'reversed range is negative'],
    [cnCalendar, '2026-03-02', '2026-03-02', 0, 'empty range'],
    [cnCalendar, '2026-02-13', '2026-02-28', 6, 'Feb 14, Feb 24–27, Feb 28'],
  ])('%#: %s → %s = %i (%s)', (calendar, from, to, expected) => {
    expect(countWorkingDays(calendar, from, to)).toBe(expected);
  });
});

describe('calendar days and roll-over', () => {
  it.each([
    ['2026-07-01', 45, '2026-08-15'],
    ['2026-07-22', 45, '2026-09-05'],
    ['2026-10-12', 45, '2026-11-26'],
    ['2026-12-01', 45, '2027-01-15'],
  ])('%s + %i CD → %s', (start, n, expected) => {
    expect(addCalendarDays(start, n)).toBe(expected);
  });

  it.each([
    [usCalendar, '2026-08-15', '2026-08-17', 'Saturday → Monday'],
    [usCalendar, '2026-09-05', '2026-09-08', 'Saturday → past Labor Day Monday → Tuesday'],
    [usCalendar, '2026-11-26', '2026-11-27', 'Thanksgiving → Friday'],
    [usCalendar, '2026-08-17', '2026-08-17', 'already a business day'],
    [cnCalendar, '2026-10-01', '2026-10-08', 'National Day → Oct 8'],
  ])('%#: next working day on or after %s is %s (%s)', (calendar, date, expected) => {
    expect(nextWorkingDayOnOrAfter(calendar, date)).toBe(expected);
  });
});

interface DueCase {
  rule: string;
  calendar: typeof cnCalendar;
  unit: 'WORKING_DAYS' | 'CALENDAR_DAYS';
  length: number;
  startedAt: string;
  pauses?: { from: string; to: string | null }[];
  asOf?: string;
  extensionDays?: number;
  roll?: boolean;
  dueDate: string;
  dueAt: string;
  pausedDays?: number;
  provisional?: boolean;
  pauseOpen?: boolean;
}

const dueCases: DueCase[] = [
  {
    rule: 'CN 10 WD from Fri Sep 18 09:00 local: make-up Sep 20, Mid-Autumn and Oct 1–7 skipped',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 10,
    startedAt: '2026-09-18T01:00:00Z',
    dueDate: '2026-10-09',
    dueAt: '2026-10-09T15:59:59.999Z',
  },
  {
    rule: 'the local date counts, not the UTC date: Thu 16:30Z is already Fri 00:30 in Shanghai',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 10,
    startedAt: '2026-09-17T16:30:00Z',
    dueDate: '2026-10-09',
    dueAt: '2026-10-09T15:59:59.999Z',
  },
  {
    rule: 'Thu 23:30 local: day 1 is Fri Sep 18, day 10 is Oct 8',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 10,
    startedAt: '2026-09-17T15:30:00Z',
    dueDate: '2026-10-08',
    dueAt: '2026-10-08T15:59:59.999Z',
  },
  {
    rule: 'due at 23:59:59.999 Asia/Shanghai = 15:59:59.999Z (16 WD from Sep 18, Oct 10 counted)',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 16,
    startedAt: '2026-09-18T01:00:00Z',
    dueDate: '2026-10-16',
    dueAt: '2026-10-16T15:59:59.999Z',
  },
  {
    rule: 'Spring Festival span: 30 WD from Fri Feb 13 (Feb 14 and 28 worked, Feb 15–23 off)',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 30,
    startedAt: '2026-02-13T02:00:00Z',
    dueDate: '2026-04-02',
    dueAt: '2026-04-02T15:59:59.999Z',
  },
  {
    rule: 'New Year: 10 WD from Dec 31 2025, make-up Jan 4 is day 1; 2025 itself is never counted',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 10,
    startedAt: '2025-12-31T02:00:00Z',
    dueDate: '2026-01-15',
    dueAt: '2026-01-15T15:59:59.999Z',
    provisional: false,
  },
  {
    rule: 'no pause: 30 WD from Mon Mar 2 (Qingming Apr 4–6 skipped)',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 30,
    startedAt: '2026-03-02T01:00:00Z',
    dueDate: '2026-04-14',
    dueAt: '2026-04-14T15:59:59.999Z',
    pausedDays: 0,
  },
  {
    rule: 'request opened and answered the same local day pauses nothing',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 30,
    startedAt: '2026-03-02T01:00:00Z',
    pauses: [{ from: '2026-03-10T02:00:00Z', to: '2026-03-10T08:00:00Z' }],
    dueDate: '2026-04-14',
    dueAt: '2026-04-14T15:59:59.999Z',
    pausedDays: 0,
  },
  {
    rule: 'opened Tue Mar 10, answered Mon Mar 16: pauses Mar 11, 12, 13, 16 (4 WD)',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 30,
    startedAt: '2026-03-02T01:00:00Z',
    pauses: [{ from: '2026-03-10T02:00:00Z', to: '2026-03-16T02:00:00Z' }],
    dueDate: '2026-04-20',
    dueAt: '2026-04-20T15:59:59.999Z',
    pausedDays: 4,
  },
  {
    rule: 'opened Tue 23:00 local, answered Wed 00:30 local: one local day crossed, Wed paused',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 30,
    startedAt: '2026-03-02T01:00:00Z',
    pauses: [{ from: '2026-03-10T15:00:00Z', to: '2026-03-10T16:30:00Z' }],
    dueDate: '2026-04-15',
    dueAt: '2026-04-15T15:59:59.999Z',
    pausedDays: 1,
  },
  {
    rule: 'overlapping requests pause a day once: (Mar 10, Mar 12] ∪ (Mar 11, Mar 16] = 4 WD',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 30,
    startedAt: '2026-03-02T01:00:00Z',
    pauses: [
      { from: '2026-03-10T02:00:00Z', to: '2026-03-12T02:00:00Z' },
      { from: '2026-03-11T02:00:00Z', to: '2026-03-16T02:00:00Z' },
    ],
    dueDate: '2026-04-20',
    dueAt: '2026-04-20T15:59:59.999Z',
    pausedDays: 4,
  },
  {
    rule: 'open request counted up to asOf (Fri Mar 13): pauses Mar 11–13 (3 WD)',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 30,
    startedAt: '2026-03-02T01:00:00Z',
    pauses: [{ from: '2026-03-10T02:00:00Z', to: null }],
    asOf: '2026-03-13T04:00:00Z',
    dueDate: '2026-04-17',
    dueAt: '2026-04-17T15:59:59.999Z',
    pausedDays: 3,
    pauseOpen: true,
  },
  {
    rule: 'no pause: 15 WD from Mon Sep 14 ends on make-up Saturday Oct 10',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 15,
    startedAt: '2026-09-14T01:00:00Z',
    dueDate: '2026-10-10',
    dueAt: '2026-10-10T15:59:59.999Z',
  },
  {
    rule: 'pause spanning National Day (Sep 30 → Oct 8): only Oct 8 is a paused working day',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 15,
    startedAt: '2026-09-14T01:00:00Z',
    pauses: [{ from: '2026-09-30T03:00:00Z', to: '2026-10-08T03:00:00Z' }],
    dueDate: '2026-10-12',
    dueAt: '2026-10-12T15:59:59.999Z',
    pausedDays: 1,
  },
  {
    rule: 'extension +15 once: 30 WD due Apr 14, +15 WD across Labour Day (May 1–5) → May 8',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 30,
    extensionDays: 15,
    startedAt: '2026-03-02T01:00:00Z',
    dueDate: '2026-05-08',
    dueAt: '2026-05-08T15:59:59.999Z',
  },
  {
    rule: 'year end inside 2026 is final',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 10,
    startedAt: '2026-12-17T02:00:00Z',
    dueDate: '2026-12-31',
    dueAt: '2026-12-31T15:59:59.999Z',
    provisional: false,
  },
  {
    rule: 'a 2027 deadline is provisional (2027 not loaded: Jan 1 counted as a plain Friday)',
    calendar: cnCalendar,
    unit: 'WORKING_DAYS',
    length: 11,
    startedAt: '2026-12-17T02:00:00Z',
    dueDate: '2027-01-01',
    dueAt: '2027-01-01T15:59:59.999Z',
    provisional: true,
  },
  {
    rule: 'CFIUS 45 CD landing on Sat Aug 15 rolls to Mon Aug 17 (EDT, UTC−4)',
    calendar: usCalendar,
    unit: 'CALENDAR_DAYS',
    length: 45,
    roll: true,
    startedAt: '2026-07-01T14:00:00Z',
    dueDate: '2026-08-17',
    dueAt: '2026-08-18T03:59:59.999Z',
    provisional: false,
  },
  {
    rule: 'the same without roll-over stays on Saturday',
    calendar: usCalendar,
    unit: 'CALENDAR_DAYS',
    length: 45,
    roll: false,
    startedAt: '2026-07-01T14:00:00Z',
    dueDate: '2026-08-15',
    dueAt: '2026-08-16T03:59:59.999Z',
  },
  {
    rule: 'CFIUS 45 CD on Sat Sep 5 rolls past Sunday and Labor Day (Mon Sep 7) to Tue Sep 8',
    calendar: usCalendar,
    unit: 'CALENDAR_DAYS',
    length: 45,
    roll: true,
    startedAt: '2026-07-22T14:00:00Z',
    dueDate: '2026-09-08',
    dueAt: '2026-09-09T03:59:59.999Z',
  },
  {
    rule: 'CFIUS 45 CD on Thanksgiving (Thu Nov 26) rolls to Fri Nov 27 (EST, UTC−5)',
    calendar: usCalendar,
    unit: 'CALENDAR_DAYS',
    length: 45,
    roll: true,
    startedAt: '2026-10-12T14:00:00Z',
    dueDate: '2026-11-27',
    dueAt: '2026-11-28T04:59:59.999Z',
  },
  {
    rule: 'CFIUS acceptance 10 business days from Fri Jun 12, Juneteenth (Fri Jun 19) skipped',
    calendar: usCalendar,
    unit: 'WORKING_DAYS',
    length: 10,
    startedAt: '2026-06-12T14:00:00Z',
    dueDate: '2026-06-29',
    dueAt: '2026-06-30T03:59:59.999Z',
  },
  {
    rule: 'a calendar-day deadline rolled on an unloaded year is provisional',
    calendar: usCalendar,
    unit: 'CALENDAR_DAYS',
    length: 45,
    roll: true,
    startedAt: '2026-12-01T15:00:00Z',
    dueDate: '2027-01-15',
    dueAt: '2027-01-16T04:59:59.999Z',
    provisional: true,
  },
  {
    rule: 'a calendar-day deadline that never consults the holidays is not provisional',
    calendar: usCalendar,
    unit: 'CALENDAR_DAYS',
    length: 45,
    roll: false,
    startedAt: '2026-12-01T15:00:00Z',
    dueDate: '2027-01-15',
    dueAt: '2027-01-16T04:59:59.999Z',
    provisional: false,
  },
];

describe('computeDue: the counting rules of design §5', () => {
  it.each(dueCases)('$rule', (c) => {
    const pauses: ClockPause[] = (c.pauses ?? []).map((p) => ({ from: at(p.from), to: p.to ? at(p.to) : null }));
    const result = computeDue({
      calendar: c.calendar,
      unit: c.unit,
      length: c.length,
      startedAt: at(c.startedAt),
      pauses,
      extensionDays: c.extensionDays ?? 0,
      rollToWorkingDay: c.roll ?? false,
      ...(c.asOf ? { asOf: at(c.asOf) } : {}),
    });
    expect(result.dueDate).toBe(c.dueDate);
    expect(result.dueAt.toISOString()).toBe(c.dueAt);
    if (c.pausedDays !== undefined) expect(result.pausedDays).toBe(c.pausedDays);
    expect(result.provisional).toBe(c.provisional ?? false);
    expect(result.pauseOpen).toBe(c.pauseOpen ?? false);
  });

  const base = {
    calendar: cnCalendar,
    unit: 'WORKING_DAYS' as const,
    length: 30,
    startedAt: at('2026-03-02T01:00:00Z'),
    extensionDays: 0,
    rollToWorkingDay: false,
  };

  it('needs asOf to count an open pause', () => {
    expect(() => computeDue({ ...base, pauses: [{ from: at('2026-03-10T02:00:00Z'), to: null }] })).toThrow(RangeError);
  });

  it('refuses a pause that ends before it starts, and a length below 1', () => {
    const backwards = [{ from: at('2026-03-10T02:00:00Z'), to: at('2026-03-09T02:00:00Z') }];
    expect(() => computeDue({ ...base, pauses: backwards })).toThrow(RangeError);
    expect(() => computeDue({ ...base, length: 0, pauses: [] })).toThrow(RangeError);
  });

  it('ignores a pause opened after the clock was already due', () => {
    const late = [{ from: at('2026-04-20T02:00:00Z'), to: at('2026-04-30T02:00:00Z') }];
    const result = computeDue({ ...base, pauses: late });
    expect(result.dueDate).toBe('2026-04-14');
    expect(result.pausedDays).toBe(0);
  });
});

describe('workingDaysLeft', () => {
  const dueAt = at('2026-10-09T15:59:59.999Z'); // end of Fri Oct 9, Asia/Shanghai
  it.each([
    ['2026-09-30T02:00:00Z', 2, 'Wed Sep 30: Oct 8 and Oct 9 left'],
    ['2026-09-28T02:00:00Z', 4, 'Mon Sep 28: Sep 29, Sep 30, Oct 8, Oct 9'],
    ['2026-10-09T10:00:00Z', 0, 'on the due day (18:00 local)'],
    ['2026-10-12T02:00:00Z', -2, 'Mon Oct 12: make-up Sat Oct 10 and Mon Oct 12 elapsed'],
  ])('as of %s → %i (%s)', (asOf, expected) => {
    expect(workingDaysLeft(cnCalendar, at(asOf), dueAt)).toBe(expected);
  });
});
