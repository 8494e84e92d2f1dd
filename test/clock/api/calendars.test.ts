/**
 * Calendars through the API: everyone signed in reads them; an administrator loads a year's schedule
 * (from a file or typed in), which moves the open deadlines and records the change; nobody else can.
 *
 * THE 2027 SCHEDULE BELOW IS MADE-UP TEST DATA, not China's official 2027 schedule (unpublished when
 * this was written): New Year off Fri 01-01 – Sun 01-03, a fictitious holiday on Wed 01-20 and a
 * fictitious make-up working day on Sat 01-09.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../../db/schema/audit.ts';
import { bearerFor } from '../../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { type ClockScenario, expected, NOW, prepareClockScenario } from './fixtures.ts';

/** MADE-UP TEST DATA, see the file comment. */
const test2027Csv = [
  'date,kind,name',
  '2027-01-01,HOLIDAY,New Year (TEST DATA)',
  '2027-01-02,HOLIDAY,New Year (TEST DATA)',
  '2027-01-03,HOLIDAY,New Year (TEST DATA)',
  '2027-01-09,MAKEUP_WORKDAY,Fictitious make-up working day (TEST DATA)',
  '2027-01-20,HOLIDAY,Fictitious holiday (TEST DATA)',
].join('\n');
const testSource = 'TEST DATA: made-up 2027 schedule for the API tests, not an official notice';

let database: TestDatabase;
let server: TestServer;
let scenario: ClockScenario;
const as: Record<'admin' | 'officer' | 'auditor' | 'huaxin', Record<string, string>> = {} as never;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  scenario = await prepareClockScenario(database);
  server = await startTestServer(database, { deps: { now: () => NOW } });
  as.admin = await bearerFor(database, 'admin@icsr.example', NOW);
  as.officer = await bearerFor(database, 'officer@icsr.example', NOW);
  as.auditor = await bearerFor(database, 'auditor@icsr.example', NOW);
  as.huaxin = await bearerFor(database, 'rep@huaxin.example', NOW);
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

const importMutation = /* GraphQL */ `
  mutation($input: ImportCalendarYearInput!) {
    importCalendarYear(input: $input) {
      __typename
      ... on CalendarYearLoaded { year replaced clocksRecomputed deadlinesChanged calendar { code years { year source } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }`;
const loadMutation = /* GraphQL */ `
  mutation($input: LoadCalendarYearInput!) {
    loadCalendarYear(input: $input) {
      __typename
      ... on CalendarYearLoaded { year replaced clocksRecomputed deadlinesChanged }
      ... on Error { message }
    }
  }`;

async function send<T>(query: string, input: Record<string, unknown>, headers: Record<string, string>) {
  const result = await server.graphql<Record<string, T>>(query, { input }, headers);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0]!;
}

const importInput = (overrides: Record<string, unknown> = {}) => ({
  calendarCode: 'CN',
  year: 2027,
  source: testSource,
  format: 'CSV',
  content: test2027Csv,
  reason: 'TEST DATA: the 2027 schedule was published',
  ...overrides,
});

async function cnYears(headers = as.officer): Promise<number[]> {
  const result = await server.graphql<{ calendars: { nodes: { code: string; years: { year: number }[] }[] } }>(
    '{ calendars(first: 10) { nodes { code years { year } } } }',
    {},
    headers,
  );
  return result.data!.calendars.nodes.find((c) => c.code === 'CN')!.years.map((y) => y.year);
}

/** The clocks the import moves, read by a case officer (administrators see no case content). */
async function deadlines() {
  const result = await server.graphql<{
    nodes: ({ nextDueAt: string; currentClock: { dueAt: string; provisional: boolean; workingDaysLeft: number } } & {
      clocks: { ownerKind: string; dueAt: string; provisional: boolean; paused: boolean }[];
    })[];
  }>(
    `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Case { nextDueAt
      currentClock { dueAt provisional workingDaysLeft } clocks { ownerKind dueAt provisional paused } } } }`,
    {
      ids: (['CUTOFF', 'ACQUISITION', 'INBOUND'] as const).map((key) => encodeGlobalID('Case', scenario.caseIds[key])),
    },
    as.officer,
  );
  expect(result.errors).toBeUndefined();
  const [cutoff, acquisition, inbound] = result.data!.nodes;
  return {
    cutoff: cutoff!,
    // MIIT's (answered) first, then MOFCOM's (paused).
    consultations: acquisition!.clocks
      .filter((c) => c.ownerKind === 'CONSULTATION')
      .sort((a, b) => Number(a.paused) - Number(b.paused)),
    inbound: inbound!.currentClock,
  };
}

describe('calendars', () => {
  it('are read by everyone signed in, with the loaded years, their sources and special days', async () => {
    for (const headers of [as.officer, as.admin, as.auditor, as.huaxin]) {
      const result = await server.graphql<{ calendars: { totalCount: number; nodes: Record<string, unknown>[] } }>(
        `{ calendars(first: 10) { totalCount nodes { code timeZone weekendDays years { year source }
          specialDays(year: 2026) { date kind name } none: specialDays(year: 2027) { date } } } }`,
        {},
        headers,
      );
      expect(result.errors).toBeUndefined();
      const { totalCount, nodes } = result.data!.calendars;
      expect(nodes.map((c) => c.code)).toEqual(['CN', 'US']);
      expect(totalCount).toBe(2);
      const cn = nodes[0] as {
        timeZone: string;
        weekendDays: number[];
        years: { year: number; source: string }[];
        specialDays: { date: string; kind: string }[];
        none: unknown[];
      };
      expect(cn).toMatchObject({ timeZone: 'Asia/Shanghai', weekendDays: [6, 7], none: [] });
      expect(cn.years.map((y) => y.year)).toEqual([2026]);
      expect(cn.years[0]!.source).toMatch(/State Council/);
      // 33 days off and 6 make-up working days (shared/domain/cn-calendar-2026.md), by date.
      expect(cn.specialDays.filter((d) => d.kind === 'HOLIDAY')).toHaveLength(33);
      expect(cn.specialDays.filter((d) => d.kind === 'MAKEUP_WORKDAY').map((d) => d.date)).toEqual([
        '2026-01-04',
        '2026-02-14',
        '2026-02-28',
        '2026-05-09',
        '2026-09-20',
        '2026-10-10',
      ]);
      expect(cn.specialDays[0]).toEqual({ date: '2026-01-01', kind: 'HOLIDAY', name: expect.any(String) });
    }
  });
});

describe('loading the 2027 CN schedule (TEST DATA)', () => {
  it('starts from provisional deadlines counted on weekends only', async () => {
    const { cutoff, consultations } = await deadlines();
    expect(cutoff.currentClock).toEqual({
      dueAt: expected.cutoff.dueAt,
      provisional: true,
      workingDaysLeft: expected.cutoff.left,
    });
    expect(consultations.map((c) => [c.dueAt, c.provisional])).toEqual([
      [expected.consultation.dueAt, true],
      [expected.consultation.dueAt, true],
    ]);
  });

  it.each([
    ['officer', 'a case officer'],
    ['auditor', 'an auditor (reads everything, changes nothing)'],
    ['huaxin', 'a firm'],
  ] as const)('is Forbidden to %s (%s), and nothing changes', async (persona, _who) => {
    const imported = await send<{ __typename: string }>(importMutation, importInput(), as[persona]);
    expect(imported.__typename).toBe('Forbidden');
    const loaded = await send<{ __typename: string }>(
      loadMutation,
      { calendarCode: 'CN', year: 2027, source: testSource, holidays: [], makeupWorkdays: [] },
      as[persona],
    );
    expect(loaded.__typename).toBe('Forbidden');
    expect(await cnYears()).toEqual([2026]);
    expect((await deadlines()).cutoff.currentClock).toMatchObject({ dueAt: expected.cutoff.dueAt, provisional: true });
  });

  it('refuses a malformed file naming the row and column, and changes nothing', async () => {
    const content = `${test2027Csv}\n2027-02-30,HOLIDAY,Not a day\n2027-02-01,HOLIDAY_X,Bad kind`;
    const result = await send<{ __typename: string; fieldErrors: { field: string }[] }>(
      importMutation,
      importInput({ content }),
      as.admin,
    );
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors.map((e) => e.field)).toEqual(['rows.7.date', 'rows.8.kind']);
    const wrongYear = await send<{ __typename: string; fieldErrors: { field: string }[] }>(
      importMutation,
      importInput({ format: 'JSON', content: JSON.stringify({ year: 2028, holidays: [], makeupWorkdays: [] }) }),
      as.admin,
    );
    expect(wrongYear.fieldErrors.map((e) => e.field)).toEqual(['content.year']);
    expect(await cnYears()).toEqual([2026]);
  });

  it('moves the open deadline, makes it final and records the load in the admin audit chain', async () => {
    const result = await send<Record<string, unknown>>(importMutation, importInput(), as.admin);
    // Running clocks on CN: the three CN phase clocks and the two consultation clocks. Changed: the
    // review (into 2027) and both consultations (Jan 1 is now a holiday); the rest end in 2026.
    expect(result).toEqual({
      __typename: 'CalendarYearLoaded',
      year: 2027,
      replaced: false,
      clocksRecomputed: 5,
      deadlinesChanged: 3,
      calendar: {
        code: 'CN',
        years: [
          { year: 2026, source: expect.stringMatching(/State Council/) },
          { year: 2027, source: testSource },
        ],
      },
    });
    const { cutoff, consultations, inbound } = await deadlines();
    // Review: d15 12-31, [01-01..03 off], d16–d20 01-04..08, d21 Sat 01-09 (make-up), d22–d26
    // 01-11..15, d27–d28 01-18..19, [01-20 off], d29 01-21, d30 Fri 01-22. Still 23 working days left.
    expect(cutoff).toMatchObject({
      nextDueAt: '2027-01-22T15:59:59.999Z',
      currentClock: { dueAt: '2027-01-22T15:59:59.999Z', provisional: false, workingDaysLeft: 23 },
    });
    // Consultations: d11 12-31, [01-01 off], d12–d15 01-04..07 → Thu 01-07. MOFCOM's is still paused
    // and is recomputed as of now: its open pause (opened Fri 12-18) has paused Mon 12-21, one more day.
    expect(consultations.map((c) => [c.dueAt, c.provisional, c.paused])).toEqual([
      ['2027-01-07T15:59:59.999Z', false, false],
      ['2027-01-08T15:59:59.999Z', false, true],
    ]);
    // The CFIUS clock counts on the US calendar: untouched.
    expect(inbound).toMatchObject({ dueAt: expected.inbound.dueAt });

    const [entry] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.chain, 'admin'), eq(auditEntries.action, 'calendar.year_loaded')))
      .orderBy(auditEntries.sequence)
      .then((rows) => rows.slice(-1));
    expect(entry).toMatchObject({
      entityKind: 'Calendar',
      reason: 'TEST DATA: the 2027 schedule was published',
      after: expect.objectContaining({ year: 2027, source: testSource, clocksChanged: 3 }),
    });
  });

  it('refuses to load the same year twice unless asked to replace it', async () => {
    const again = await send<{ __typename: string }>(importMutation, importInput(), as.admin);
    expect(again.__typename).toBe('Conflict');
  });

  it('replaces a loaded year through loadCalendarYear, moving the deadline again', async () => {
    // The fictitious 01-20 holiday is dropped: d27–d30 01-18..21 → Thu 01-21, no longer provisional.
    const result = await send<Record<string, unknown>>(
      loadMutation,
      {
        calendarCode: 'CN',
        year: 2027,
        source: `${testSource} (corrected)`,
        holidays: [1, 2, 3].map((day) => ({ date: `2027-01-0${day}`, name: 'New Year (TEST DATA)' })),
        makeupWorkdays: [{ date: '2027-01-09', name: 'Fictitious make-up working day (TEST DATA)' }],
        replace: true,
        reason: 'TEST DATA: corrected notice',
      },
      as.admin,
    );
    expect(result).toEqual({
      __typename: 'CalendarYearLoaded',
      year: 2027,
      replaced: true,
      clocksRecomputed: 5,
      deadlinesChanged: 1,
    });
    expect((await deadlines()).cutoff.currentClock).toMatchObject({
      dueAt: '2027-01-21T15:59:59.999Z',
      provisional: false,
    });
  });
});
