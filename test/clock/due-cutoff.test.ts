/**
 * The cut-off of "due within N working days" (the `cases` filter): hand-counted examples on the
 * shipped calendars, and a property tying it to `workingDaysLeft`, which the API shows per clock.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dueWithinCutoff } from '../../src/domain/calendars/due-cutoff.ts';
import { workingDaysLeft } from '../../src/domain/clock/due.ts';
import { endOfLocalDay } from '../../src/domain/clock/local-time.ts';
import { cnCalendar } from '../../workflows/calendars/cn.ts';
import { usCalendar } from '../../workflows/calendars/us.ts';

describe('dueWithinCutoff', () => {
  it.each([
    // now, n, cut-off, why
    ['CN', '2026-12-21T02:00:00Z', 0, '2026-12-21T15:59:59.999Z', 'Mon 12-21 in Shanghai: 0 = due today'],
    ['CN', '2026-12-21T02:00:00Z', 4, '2026-12-27T15:59:59.999Z', 'd4 Fri 12-25; the weekend after it is inside'],
    ['CN', '2026-12-21T02:00:00Z', 5, '2026-12-28T15:59:59.999Z', 'd5 Mon 12-28'],
    ['CN', '2026-12-20T17:00:00Z', 0, '2026-12-21T15:59:59.999Z', '17:00Z is already Mon 01:00 in Shanghai'],
    ['CN', '2026-09-30T02:00:00Z', 0, '2026-10-07T15:59:59.999Z', 'National Day Oct 1–7 off: all inside 0'],
    ['CN', '2026-09-30T02:00:00Z', 1, '2026-10-08T15:59:59.999Z', 'd1 Thu Oct 8'],
    ['CN', '2026-09-18T02:00:00Z', 1, '2026-09-20T15:59:59.999Z', 'd1 is make-up Sunday Sep 20'],
    ['US', '2026-12-21T02:00:00Z', 4, '2026-12-28T04:59:59.999Z', 'Sun 12-20 in New York; Christmas off; EST'],
  ] as const)('%s at %s, N = %i → %s (%s)', (code, now, n, cutoff, _why) => {
    expect(dueWithinCutoff(code === 'CN' ? cnCalendar : usCalendar, new Date(now), n).toISOString()).toBe(cutoff);
  });

  it('refuses a negative, fractional or absurd N', () => {
    const now = new Date('2026-12-21T02:00:00Z');
    for (const n of [-1, 1.5, 2601]) expect(() => dueWithinCutoff(cnCalendar, now, n)).toThrow(RangeError);
  });

  it('holds exactly the deadlines with at most N working days left', () => {
    const day = fc
      .integer({ min: 0, max: 700 })
      .map((offset) => DateTime.fromISO('2026-01-01', { zone: 'utc' }).plus({ days: offset }).toFormat('yyyy-MM-dd'));
    const now = fc.date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2027-06-30T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        fc.constantFrom(cnCalendar, usCalendar),
        now,
        day,
        fc.integer({ min: 0, max: 60 }),
        (calendar, at, dueDate, n) => {
          const dueAt = endOfLocalDay(dueDate, calendar.timeZone);
          const within = dueAt.getTime() <= dueWithinCutoff(calendar, at, n).getTime();
          expect(within).toBe(workingDaysLeft(calendar, at, dueAt) <= n);
        },
      ),
    );
  });
});
