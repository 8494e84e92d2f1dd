/**
 * A case's clocks through the API at a fixed "now" (fixtures.ts has the hand-counted scenario), the
 * deadline filters and sort of `cases`, who sees which clock, and a bounded number of queries.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import {
  type CaseKey,
  type ClockScenario,
  expected,
  NOW,
  pauses,
  prepareClockScenario,
  undatedKeys,
} from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let scenario: ClockScenario;
let officer: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  scenario = await prepareClockScenario(database);
  server = await startTestServer(database, { deps: { now: () => NOW } });
  officer = await bearerFor(database, 'officer@icsr.example', NOW);
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

const clockFields = `phase ownerKind unit length startedAt dueAt workingDaysLeft overdue provisional paused
  pauses { from to } extendedDays extensionReason stoppedAt`;

interface Clock {
  phase: string;
  ownerKind: string;
  startedAt: string;
  dueAt: string;
  workingDaysLeft: number | null;
  overdue: boolean;
  provisional: boolean;
  paused: boolean;
  pauses: { from: string; to: string | null }[];
}
interface CaseClocks {
  id: string;
  overdue: boolean;
  nextDueAt: string | null;
  currentClock: Clock | null;
  clocks: Clock[];
}

async function readCase(key: CaseKey, headers = officer): Promise<CaseClocks | null> {
  const result = await server.graphql<{ node: CaseClocks | null }>(
    `query($id: ID!) { node(id: $id) { ... on Case { id overdue nextDueAt
      currentClock { ${clockFields} } clocks { ${clockFields} } } } }`,
    { id: encodeGlobalID('Case', scenario.caseIds[key]) },
    headers,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.node;
}

async function listCases(args: string, headers = officer) {
  const result = await server.graphql<{
    cases: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
  }>(`{ cases${args} { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`, {}, headers);
  expect(result.errors).toBeUndefined();
  return result.data!.cases;
}

const keyOf = (id: string) =>
  (Object.entries(scenario.caseIds).find(([, caseId]) => encodeGlobalID('Case', caseId) === id)?.[0] ?? id) as CaseKey;
const keysOf = (nodes: { id: string }[]) => nodes.map((n) => keyOf(n.id));

describe('Case.clocks and Case.currentClock', () => {
  it('give the due instant counted by hand, working days left as of now, and no pause', async () => {
    const relocation = await readCase('RELOCATION');
    const acceptance = {
      phase: 'ACCEPTANCE',
      ownerKind: 'CASE',
      unit: 'WORKING_DAYS',
      length: 10,
      startedAt: expected.relocation.startedAt,
      dueAt: expected.relocation.dueAt,
      workingDaysLeft: expected.relocation.left,
      overdue: true,
      provisional: false,
      paused: false,
      pauses: [],
      extendedDays: 0,
      extensionReason: null,
      stoppedAt: null,
    };
    expect(relocation).toMatchObject({ overdue: true, nextDueAt: expected.relocation.dueAt });
    expect(relocation!.currentClock).toEqual(acceptance);
    expect(relocation!.clocks).toEqual([acceptance]);
  });

  it('marks a deadline counted into an unloaded year as provisional', async () => {
    const cutoff = await readCase('CUTOFF');
    expect(cutoff).toMatchObject({ overdue: false, nextDueAt: expected.cutoff.dueAt });
    expect(cutoff!.currentClock).toMatchObject({
      phase: 'REVIEW',
      length: 30,
      dueAt: expected.cutoff.dueAt,
      workingDaysLeft: expected.cutoff.left,
      overdue: false,
      provisional: true,
    });
  });

  it('counts on the case regime’s calendar and zone (CFIUS: US calendar, New York)', async () => {
    const inbound = await readCase('INBOUND');
    expect(inbound!.currentClock).toMatchObject({
      phase: 'ACCEPTANCE',
      dueAt: expected.inbound.dueAt,
      workingDaysLeft: expected.inbound.left,
      provisional: false,
      paused: false,
      pauses: [],
    });
  });

  it('lists every clock of the case to the office, oldest first, with their pauses', async () => {
    const acquisition = await readCase('ACQUISITION');
    expect(acquisition!.currentClock).toMatchObject({
      phase: 'SCREENING',
      dueAt: expected.acquisition.dueAt,
      workingDaysLeft: expected.acquisition.left,
    });
    const consultation = {
      phase: 'CONSULTATION',
      ownerKind: 'CONSULTATION',
      dueAt: expected.consultation.dueAt,
      workingDaysLeft: expected.consultation.left,
      provisional: true,
    };
    expect(acquisition!.clocks.map((c) => [c.phase, c.startedAt])).toEqual([
      ['SCREENING', expected.acquisition.startedAt],
      ['CONSULTATION', expected.consultation.startedAt],
      ['CONSULTATION', expected.consultation.startedAt],
    ]);
    expect(acquisition!.clocks.slice(1)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ...consultation, paused: false, pauses: [pauses.miitConsultation] }),
        expect.objectContaining({ ...consultation, paused: true, pauses: [pauses.mofcomConsultation] }),
      ]),
    );
  });

  it('shows a case without a running clock with none', async () => {
    expect(await readCase('IDLE')).toMatchObject({ overdue: false, nextDueAt: null, currentClock: null, clocks: [] });
  });

  it('shows outside organisations the phase clocks and only the work-item clocks addressed to them', async () => {
    const miit = await readCase('ACQUISITION', await bearerFor(database, 'liaison@miit.example', NOW));
    expect(miit!.clocks.map((c) => [c.ownerKind, c.paused])).toEqual([
      ['CASE', false],
      ['CONSULTATION', false],
    ]);
    const mofcom = await readCase('ACQUISITION', await bearerFor(database, 'liaison@mofcom.example', NOW));
    expect(mofcom!.clocks.map((c) => [c.ownerKind, c.paused])).toEqual([
      ['CASE', false],
      ['CONSULTATION', true],
    ]);
    const meridian = await readCase('ACQUISITION', await bearerFor(database, 'rep@meridian.example', NOW));
    expect(meridian!.clocks.map((c) => c.phase)).toEqual(['SCREENING']);
    expect(meridian!.currentClock).toMatchObject({ dueAt: expected.acquisition.dueAt });
  });
});

describe('cases filters on deadlines', () => {
  it.each([
    ['{ overdue: true }', ['RELOCATION']],
    ['{ overdue: false }', ['ACQUISITION', 'CAPABILITY_GAP', 'CUTOFF', 'IDLE', 'INBOUND']],
    // The overdue case (−4 left) is within any window; ACQUISITION and INBOUND have 5 left, CUTOFF 23.
    ['{ dueWithinWorkingDays: 0 }', ['RELOCATION']],
    ['{ dueWithinWorkingDays: 4 }', ['RELOCATION']],
    ['{ dueWithinWorkingDays: 5 }', ['ACQUISITION', 'INBOUND', 'RELOCATION']],
    ['{ dueWithinWorkingDays: 5, overdue: false }', ['ACQUISITION', 'INBOUND']],
    ['{ dueWithinWorkingDays: 22 }', ['ACQUISITION', 'INBOUND', 'RELOCATION']],
    ['{ dueWithinWorkingDays: 23 }', ['ACQUISITION', 'CUTOFF', 'INBOUND', 'RELOCATION']],
    ['{ dueWithinWorkingDays: 23, states: [SUBMITTED] }', ['RELOCATION']],
  ])('filter %s → %j, and totalCount agrees', async (filter, keys) => {
    const { totalCount, nodes } = await listCases(`(first: 100, filter: ${filter})`);
    expect(keysOf(nodes).sort()).toEqual(keys);
    expect(totalCount).toBe(keys.length);
  });

  it('agrees with workingDaysLeft for every N: a case is listed exactly when its clock has at most N left', async () => {
    const result = await server.graphql<{ cases: { nodes: { id: string; currentClock: Clock | null }[] } }>(
      '{ cases(first: 100) { nodes { id currentClock { workingDaysLeft } } } }',
      {},
      officer,
    );
    const left = result.data!.cases.nodes.filter((n) => n.currentClock);
    for (let n = 0; n <= 25; n++) {
      const { nodes, totalCount } = await listCases(`(first: 100, filter: { dueWithinWorkingDays: ${n} })`);
      const within = left.filter((c) => c.currentClock!.workingDaysLeft! <= n).map((c) => c.id);
      expect(nodes.map((c) => c.id).sort(), `N = ${n}`).toEqual(within.sort());
      expect(totalCount).toBe(within.length);
    }
  });

  it('refuses a negative number of working days', async () => {
    const result = await server.graphql('{ cases(filter: { dueWithinWorkingDays: -1 }) { totalCount } }', {}, officer);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters in SQL under the caller’s rules: a firm counts only its own cases', async () => {
    const huaxin = await bearerFor(database, 'rep@huaxin.example', NOW);
    const { nodes, totalCount } = await listCases('(first: 100, filter: { dueWithinWorkingDays: 23 })', huaxin);
    expect(keysOf(nodes).sort()).toEqual(['CUTOFF', 'RELOCATION']);
    expect(totalCount).toBe(2);
  });
});

describe('cases orderBy', () => {
  /**
   * By due instant; the cases without one tie, last, and the connection breaks ties by id (ascending,
   * the direction of the last key), so their order is that of their random ids.
   */
  const byDue = () => [
    ...(['RELOCATION', 'ACQUISITION', 'INBOUND', 'CUTOFF'] as const),
    ...[...undatedKeys].sort((a, b) => (scenario.caseIds[a] < scenario.caseIds[b] ? -1 : 1)),
  ];

  it('NEXT_DUE_AT sorts the earliest deadline first and cases without one last', async () => {
    const { nodes, totalCount } = await listCases('(first: 100, orderBy: NEXT_DUE_AT)');
    expect(keysOf(nodes)).toEqual(byDue());
    expect(totalCount).toBe(byDue().length);
  });

  it('NEXT_DUE_AT pages with cursors, past the cases without a deadline', async () => {
    const seen: CaseKey[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const args: string = `(first: 2, orderBy: NEXT_DUE_AT${after ? `, after: "${after}"` : ''})`;
      const { nodes, pageInfo } = await listCases(args);
      seen.push(...keysOf(nodes));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(byDue());
  });

  it('combines with the filters, and LAST_ACTIVITY stays the default', async () => {
    const due = await listCases('(first: 100, orderBy: NEXT_DUE_AT, filter: { dueWithinWorkingDays: 5 })');
    expect(keysOf(due.nodes)).toEqual(['RELOCATION', 'ACQUISITION', 'INBOUND']);
    const byDefault = await listCases('(first: 100)');
    const byActivity = await listCases('(first: 100, orderBy: LAST_ACTIVITY)');
    expect(byDefault.nodes).toEqual(byActivity.nodes);
  });
});

describe('query count', () => {
  /** Counts the SQL statements the server runs for one request, through drizzle's logger. */
  async function statementsFor(query: string): Promise<number> {
    const session = (database.db as unknown as { session: { logger: { logQuery(): void } } }).session;
    const original = session.logger;
    let count = 0;
    session.logger = { logQuery: () => void count++ };
    try {
      const result = await server.graphql(query, {}, officer);
      expect(result.errors).toBeUndefined();
    } finally {
      session.logger = original;
    }
    return count;
  }

  it('does not grow with the number of cases listed with their clocks (calendars read once per request)', async () => {
    // Only the seeded cases (references ICSR-2026-0…), all on CN_CSR: one calendar either way.
    const page = (first: number) => `{ cases(first: ${first}, orderBy: NEXT_DUE_AT, filter: { text: "ICSR-2026-0" }) {
      totalCount nodes { reference currentClock { workingDaysLeft } clocks { dueAt workingDaysLeft paused pauses { from } } } } }`;
    const one = await statementsFor(page(1));
    const three = await statementsFor(page(3));
    expect(three).toBe(one);
  });
});
