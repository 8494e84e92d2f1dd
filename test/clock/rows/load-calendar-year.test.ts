/**
 * Calendars read back from the database, and an administrator loading a year's schedule: open
 * deadlines are recomputed and the change is recorded once in the admin audit chain.
 *
 * THE 2027 SCHEDULE BELOW IS MADE-UP TEST DATA, not China's official 2027 schedule (which was not
 * published when this was written): New Year off Fri 01-01 – Sun 01-03, a fictitious holiday on
 * Wed 01-20 and a fictitious make-up working day on Sat 01-09.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clocks } from '../../../db/schema/clocks.ts';
import type { Tx } from '../../../src/database/database.ts';
import { loadCalendarYear, type TLoadCalendarYearInput } from '../../../src/domain/calendars/load-calendar-year.ts';
import { parseCalendarYearCsv } from '../../../src/domain/calendars/parse-calendar-year.ts';
import { loadCalendarDefinition } from '../../../src/domain/calendars/read-calendar.ts';
import { startClock } from '../../../src/domain/clock/start-clock.ts';
import { stopClock } from '../../../src/domain/clock/stop-clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../src/domain/errors.ts';
import { systemActor } from '../../../vocabulary/actor.ts';
import { cnCalendar } from '../../../workflows/calendars/cn.ts';
import { usCalendar } from '../../../workflows/calendars/us.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import {
  adminEntries,
  caseRow,
  clockRow,
  inRolledBackTransaction,
  putCaseOnRegime,
  seededCase,
  withoutClocks,
} from './fixtures.ts';

const at = (iso: string) => new Date(iso);
const admin = systemActor('calendar-admin-test');
const loadedAt = at('2026-12-15T02:00:00Z');

/** MADE-UP TEST DATA, see the file comment. */
const test2027: TLoadCalendarYearInput = {
  calendarCode: 'CN',
  year: 2027,
  source: 'TEST DATA: made-up 2027 schedule for the clock-row tests, not an official notice',
  holidays: [
    { date: '2027-01-01', name: 'New Year (test data)' },
    { date: '2027-01-02', name: 'New Year (test data)' },
    { date: '2027-01-03', name: 'New Year (test data)' },
    { date: '2027-01-20', name: 'Fictitious test holiday' },
  ],
  makeupWorkdays: [{ date: '2027-01-09', name: 'Fictitious make-up working day (Saturday)' }],
};

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
});
afterAll(async () => {
  await database?.destroy();
});
const test = (body: (tx: Tx) => Promise<void>) => () => inRolledBackTransaction(database.db, body);

describe('loadCalendarDefinition', () => {
  it(
    'reads the seeded calendars back exactly as shipped, by code or by id',
    test(async (tx) => {
      const cn = await loadCalendarDefinition(tx, 'CN');
      expect(cn).toEqual({ ...cnCalendar, id: expect.any(String) });
      expect(await loadCalendarDefinition(tx, cn.id)).toEqual(cn);
      expect(await loadCalendarDefinition(tx, 'US')).toEqual({ ...usCalendar, id: expect.any(String) });
      await expect(loadCalendarDefinition(tx, 'XX')).rejects.toBeInstanceOf(NotFoundError);
    }),
  );
});

describe('loadCalendarYear', () => {
  it(
    'makes a provisional 2027 deadline final, moves it by the test schedule, and records one audit entry',
    test(async (tx) => {
      // This test counts the clocks it starts: the seed's own running clocks are set aside.
      await withoutClocks(tx);
      const kase = await seededCase(tx, 'cutOff');
      // REVIEW 30 WD from Thu 2026-12-10: d1 12-11, d2–d6 12-14..18, d7–d11 12-21..25, d12–d15 12-28..31; 2027
      // not loaded (weekends only): d16 Fri 01-01, d17–d21 01-04..08, d22–d26 01-11..15, d27–d30 01-18..21.
      const review = await startClock(tx, {
        caseId: kase.id,
        ownerKind: 'CASE',
        ownerId: kase.id,
        phase: 'REVIEW',
        startedAt: at('2026-12-10T02:00:00Z'),
      });
      expect(review).toMatchObject({ dueAt: at('2027-01-21T15:59:59.999Z'), provisional: true });
      // A consultation wholly inside 2026 (15 WD from 09-18 → Thu 10-15): recomputed, its deadline unchanged.
      const consultation = await startClock(tx, {
        caseId: kase.id,
        ownerKind: 'CONSULTATION',
        ownerId: crypto.randomUUID(),
        phase: 'CONSULTATION',
        startedAt: at('2026-09-18T02:00:00Z'),
      });
      expect(consultation.dueAt).toEqual(at('2026-10-15T15:59:59.999Z'));
      // A stopped provisional clock (30 WD from 12-10, so into 2027) is history: it is not recomputed.
      const stopped = await startClock(tx, {
        caseId: kase.id,
        ownerKind: 'CONSULTATION',
        ownerId: crypto.randomUUID(),
        phase: 'CONSULTATION',
        startedAt: at('2026-12-10T02:00:00Z'),
        length: 30,
        unit: 'WORKING_DAYS',
      });
      await stopClock(tx, { clockId: stopped.clockId, at: at('2026-12-11T02:00:00Z') });
      // A CFIUS clock counts on the US calendar: loading CN 2027 leaves it alone.
      const other = await seededCase(tx, 'acquisition');
      await putCaseOnRegime(tx, other.id, 'US_CFIUS');
      const cfius = await startClock(tx, {
        caseId: other.id,
        ownerKind: 'CASE',
        ownerId: other.id,
        phase: 'REVIEW',
        startedAt: at('2026-12-10T14:00:00Z'),
      });
      const entriesBefore = (await adminEntries(tx)).length;

      const result = await loadCalendarYear(tx, admin, test2027, loadedAt);

      // With the test schedule: d15 12-31, [01-01..03 off], d16–d20 01-04..08, d21 Sat 01-09 (make-up),
      // d22–d26 01-11..15, d27 01-18, d28 01-19, [01-20 off], d29 01-21, d30 Fri 01-22.
      const dueAfter = at('2027-01-22T15:59:59.999Z');
      expect(result).toMatchObject({ year: 2027, replaced: false, clocksRecomputed: 2 });
      expect(result.changes).toEqual([
        {
          clockId: review.clockId,
          caseId: kase.id,
          ownerKind: 'CASE',
          phase: 'REVIEW',
          dueBefore: '2027-01-21T15:59:59.999Z',
          dueAfter: '2027-01-22T15:59:59.999Z',
          provisionalBefore: true,
          provisionalAfter: false,
        },
      ]);
      expect(await clockRow(tx, review.clockId)).toMatchObject({ dueAt: dueAfter, provisional: false, version: 2 });
      expect((await caseRow(tx, kase.id)).nextDueAt).toEqual(dueAfter);
      expect(await clockRow(tx, stopped.clockId)).toMatchObject({ provisional: true, version: 2 });
      expect(await clockRow(tx, cfius.clockId)).toMatchObject({ version: 1 });
      expect((await clockRow(tx, consultation.clockId)).dueAt).toEqual(at('2026-10-15T15:59:59.999Z'));

      const entries = (await adminEntries(tx)).slice(entriesBefore);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'calendar.year_loaded',
        entityKind: 'Calendar',
        entityId: result.calendarId,
        actorKind: 'SYSTEM',
        occurredAt: loadedAt,
        after: {
          calendarCode: 'CN',
          year: 2027,
          source: test2027.source,
          clocksRecomputed: 2,
          clocksChanged: 1,
          changesOmitted: 0,
          changes: result.changes,
        },
      });
      const cn = await loadCalendarDefinition(tx, 'CN');
      expect(cn.years[2027]).toEqual({
        source: test2027.source,
        holidays: test2027.holidays,
        makeupWorkdays: test2027.makeupWorkdays,
      });
    }),
  );

  it(
    'refuses a year already loaded unless replace is set; replacing recomputes again and is audited with the old schedule',
    test(async (tx) => {
      const kase = await seededCase(tx, 'cutOff');
      const review = await startClock(tx, {
        caseId: kase.id,
        ownerKind: 'CASE',
        ownerId: kase.id,
        phase: 'REVIEW',
        startedAt: at('2026-12-10T02:00:00Z'),
      });
      await loadCalendarYear(tx, admin, test2027, loadedAt);
      await expect(loadCalendarYear(tx, admin, test2027, loadedAt)).rejects.toBeInstanceOf(ConflictError);
      await expect(
        loadCalendarYear(tx, admin, { ...test2027, year: 2026, holidays: [], makeupWorkdays: [] }, loadedAt),
      ).rejects.toThrow(/already has 2026 loaded/);

      // Without the fictitious 01-20 holiday the count ends one working day earlier, on Thu 01-21.
      const corrected = {
        ...test2027,
        source: 'TEST DATA: corrected made-up 2027 schedule',
        holidays: test2027.holidays.filter((h) => h.date !== '2027-01-20'),
        replace: true,
        reason: 'the test holiday was withdrawn',
      };
      const result = await loadCalendarYear(tx, admin, corrected, at('2026-12-16T02:00:00Z'));
      expect(result.replaced).toBe(true);
      expect(result.changes).toMatchObject([
        { clockId: review.clockId, dueBefore: '2027-01-22T15:59:59.999Z', dueAfter: '2027-01-21T15:59:59.999Z' },
      ]);
      const [entry] = (await adminEntries(tx)).slice(-1);
      expect(entry).toMatchObject({
        action: 'calendar.year_replaced',
        reason: 'the test holiday was withdrawn',
        before: { year: 2027, source: test2027.source, holidays: test2027.holidays },
        after: { source: corrected.source, clocksChanged: 1 },
      });
      const cn = await loadCalendarDefinition(tx, 'CN');
      expect(cn.years[2027]!.holidays.map((h) => h.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
      expect(cn.years[2026]).toEqual(cnCalendar.years[2026]);
    }),
  );

  it(
    'names every inconsistent entry of a schedule',
    test(async (tx) => {
      const bad: TLoadCalendarYearInput = {
        ...test2027,
        holidays: [
          { date: '2026-12-31', name: 'wrong year' },
          { date: '2027-01-01', name: 'New Year' },
          { date: '2027-01-01', name: 'New Year again' },
          { date: '2027-02-30', name: 'no such day' },
        ],
        makeupWorkdays: [
          { date: '2027-01-06', name: 'a Wednesday' },
          { date: '2027-01-01', name: 'also a holiday' },
        ],
      };
      const error = await loadCalendarYear(tx, admin, bad, loadedAt).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      // Format problems are reported first, by the schema.
      expect((error as ValidationError).fieldErrors).toEqual([
        { field: 'holidays.3.date', message: 'is not a calendar day' },
      ]);
      const consistent = await loadCalendarYear(
        tx,
        admin,
        { ...bad, holidays: bad.holidays.slice(0, 3) },
        loadedAt,
      ).catch((e: unknown) => e);
      expect((consistent as ValidationError).fieldErrors.map((e) => e.field)).toEqual([
        'holidays.0.date',
        'holidays.2.date',
        'makeupWorkdays.0.date',
        'makeupWorkdays.1.date',
        'makeupWorkdays.1.date',
      ]);
      expect((consistent as ValidationError).message).toMatch(/2027-01-06 is a weekday/);
      expect((consistent as ValidationError).message).toMatch(/2027-01-01 is also a holiday \(holidays\.1\)/);
      await expect(loadCalendarYear(tx, admin, { ...test2027, calendarCode: 'XX' }, loadedAt)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect((await loadCalendarDefinition(tx, 'CN')).years[2027]).toBeUndefined();
    }),
  );

  it(
    'loads a schedule imported from CSV',
    test(async (tx) => {
      const csv = [
        'date,kind,name',
        '2027-01-01,HOLIDAY,New Year (test data)',
        '2027-01-02,HOLIDAY,New Year (test data)',
        '2027-01-03,HOLIDAY,New Year (test data)',
        '2027-01-20,HOLIDAY,"Fictitious test holiday"',
        '2027-01-09,MAKEUP_WORKDAY,"Fictitious make-up working day (Saturday)"',
      ].join('\n');
      const days = parseCalendarYearCsv(csv);
      const result = await loadCalendarYear(
        tx,
        admin,
        { calendarCode: 'CN', year: 2027, source: test2027.source, ...days },
        loadedAt,
      );
      expect(result.year).toBe(2027);
      const cn = await loadCalendarDefinition(tx, 'CN');
      expect(cn.years[2027]).toEqual({
        source: test2027.source,
        holidays: test2027.holidays,
        makeupWorkdays: test2027.makeupWorkdays,
      });
      // Nothing else in the seed runs a clock, so nothing was recomputed.
      expect(await tx.select().from(clocks).where(eq(clocks.provisional, true))).toEqual([]);
    }),
  );
});
