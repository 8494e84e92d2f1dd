/**
 * Regimes through the API: every version readable by everyone signed in; an administrator publishes
 * a new version (validated, never an edit in place) and a case keeps the version it started on.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../../db/schema/audit.ts';
import { regimes } from '../../../db/schema/clocks.ts';
import { startClock } from '../../../src/domain/clock/start-clock.ts';
import { stopClock } from '../../../src/domain/clock/stop-clock.ts';
import { cnCsrRegime } from '../../../workflows/regimes/cn-csr.ts';
import { usCfiusRegime } from '../../../workflows/regimes/us-cfius.ts';
import { bearerFor } from '../../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { type ClockScenario, expected, NOW, prepareClockScenario } from './fixtures.ts';

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

const publish = /* GraphQL */ `
  mutation($input: PublishRegimeVersionInput!) {
    publishRegimeVersion(input: $input) {
      __typename
      ... on Regime { code version isDefault clocks { phase length } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }`;

async function publishAs(headers: Record<string, string>, input: Record<string, unknown>) {
  const result = await server.graphql<{ publishRegimeVersion: Record<string, unknown> & { __typename: string } }>(
    publish,
    { input },
    headers,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.publishRegimeVersion;
}

/** CN_CSR v1 with the review shortened to 25 working days: a TEST version, not a real regime change. */
function testVersion(): Record<string, unknown> {
  // A deep copy: the cases below mutate it, and the shipped regime must stay as it is.
  const { code: _code, version: _version, ...definition } = structuredClone(cnCsrRegime);
  return {
    ...definition,
    name: `${definition.name} (TEST version)`,
    clocks: { ...definition.clocks, REVIEW: { ...definition.clocks.REVIEW!, length: 25, source: 'TEST: shortened' } },
  };
}

async function versionsOf(code: string) {
  const result = await server.graphql<{
    regimes: { totalCount: number; nodes: { version: number; isDefault: boolean; definitionJson: string }[] };
  }>(
    'query($code: String) { regimes(first: 100, code: $code) { totalCount nodes { version isDefault definitionJson } } }',
    { code },
    as.officer,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.regimes;
}

describe('regimes', () => {
  it('are read by everyone signed in: every version, its calendar, clocks and full definition', async () => {
    for (const headers of [as.officer, as.admin, as.huaxin]) {
      const result = await server.graphql<{ regimes: { nodes: Record<string, unknown>[] } }>(
        `{ regimes(first: 100) { nodes { code version isDefault timeZone rollToWorkingDay
          informationRequestPausesPhaseClock consultationSilence calendar { code }
          clocks { phase unit length extensionLength source } definitionJson } } }`,
        {},
        headers,
      );
      expect(result.errors).toBeUndefined();
      const [cn, us] = result.data!.regimes.nodes;
      expect(cn).toMatchObject({
        code: 'CN_CSR',
        version: 1,
        isDefault: true,
        timeZone: 'Asia/Shanghai',
        rollToWorkingDay: false,
        informationRequestPausesPhaseClock: true,
        consultationSilence: 'ESCALATE_TO_LEAD_REVIEWER',
        calendar: { code: 'CN' },
      });
      expect(cn!.clocks).toContainEqual({
        phase: 'REVIEW',
        unit: 'WORKING_DAYS',
        length: 30,
        extensionLength: 15,
        source: cnCsrRegime.clocks.REVIEW!.source,
      });
      // Phases without a clock (ASSESSMENT, INFORMATION_REQUEST, CONDITION) are not listed.
      expect((cn!.clocks as { phase: string }[]).map((c) => c.phase)).not.toContain('ASSESSMENT');
      expect(JSON.parse(cn!.definitionJson as string)).toEqual(JSON.parse(JSON.stringify(cnCsrRegime)));
      expect(us).toMatchObject({
        code: 'US_CFIUS',
        isDefault: false,
        rollToWorkingDay: true,
        calendar: { code: 'US' },
      });
      expect(JSON.parse(us!.definitionJson as string)).toEqual(JSON.parse(JSON.stringify(usCfiusRegime)));
    }
  });
});

describe('publishRegimeVersion', () => {
  it.each(['officer', 'auditor', 'huaxin'] as const)('is Forbidden to %s, and nothing is published', async (who) => {
    const result = await publishAs(as[who], { code: 'CN_CSR', definition: JSON.stringify(testVersion()) });
    expect(result.__typename).toBe('Forbidden');
    expect((await versionsOf('CN_CSR')).totalCount).toBe(1);
  });

  it.each([
    ['not JSON', () => '{"name": ', ['definition']],
    [
      'a zero-day review and a missing source',
      () => {
        const definition = testVersion() as { clocks: Record<string, object>; sources: Record<string, string> };
        definition.clocks.REVIEW = { ...definition.clocks.REVIEW, length: 0 };
        delete definition.sources.calendarCode;
        return JSON.stringify(definition);
      },
      ['definition.clocks.REVIEW.length', 'definition.sources.calendarCode'],
    ],
    [
      'a misspelt phase',
      () => {
        const definition = testVersion() as { clocks: Record<string, unknown> };
        definition.clocks.REVEIW = definition.clocks.REVIEW;
        return JSON.stringify(definition);
      },
      ['definition.clocks'],
    ],
    [
      'an unknown unit',
      () => JSON.stringify({ ...testVersion(), consultationSilenceAfter: { unit: 'WEEKS', length: 3 } }),
      ['definition.consultationSilenceAfter.unit'],
    ],
    [
      'a calendar that does not exist',
      () => JSON.stringify({ ...testVersion(), calendarCode: 'XX' }),
      ['definition.calendarCode'],
    ],
    [
      'a zone other than the calendar’s',
      () => JSON.stringify({ ...testVersion(), timeZone: 'Europe/Paris' }),
      ['definition.timeZone'],
    ],
    ['a version other than the next', () => JSON.stringify({ ...testVersion(), version: 5 }), ['definition.version']],
    ['another regime’s code', () => JSON.stringify({ ...testVersion(), code: 'US_CFIUS' }), ['definition.code']],
  ])('refuses %s, naming the field', async (_what, definition, fields) => {
    const result = await publishAs(as.admin, { code: 'CN_CSR', definition: definition() });
    expect(result.__typename).toBe('ValidationError');
    expect((result.fieldErrors as { field: string }[]).map((e) => e.field)).toEqual(fields);
    expect((await versionsOf('CN_CSR')).totalCount).toBe(1);
  });

  it('stores version 2 as the new default, keeps version 1 as it was, and records it', async () => {
    const before = await versionsOf('CN_CSR');
    const result = await publishAs(as.admin, {
      code: 'CN_CSR',
      definition: JSON.stringify(testVersion()),
      isDefault: true,
      reason: 'TEST: shorter review',
    });
    expect(result).toMatchObject({ __typename: 'Regime', code: 'CN_CSR', version: 2, isDefault: true });
    expect(result.clocks).toContainEqual({ phase: 'REVIEW', length: 25 });

    const after = await versionsOf('CN_CSR');
    expect(after.nodes.map((r) => [r.version, r.isDefault])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(after.nodes[0]!.definitionJson).toBe(before.nodes[0]!.definitionJson);
    expect(JSON.parse(after.nodes[1]!.definitionJson)).toMatchObject({ code: 'CN_CSR', version: 2 });
    // US_CFIUS was never the default and stays as it was.
    expect((await versionsOf('US_CFIUS')).nodes.map((r) => [r.version, r.isDefault])).toEqual([[1, false]]);

    const [entry] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.chain, 'admin'), eq(auditEntries.action, 'regime.published')))
      .orderBy(auditEntries.sequence)
      .then((rows) => rows.slice(-1));
    expect(entry).toMatchObject({
      entityKind: 'Regime',
      reason: 'TEST: shorter review',
      before: { defaultRegimes: ['CN_CSR v1'] },
      after: { code: 'CN_CSR', version: 2, isDefault: true },
    });
  });

  it('leaves a case that started on version 1 on version 1: its clocks keep v1’s lengths', async () => {
    const read = async () => {
      const result = await server.graphql<{
        nodes: { regime: { version: number }; currentClock: { phase: string; length: number; dueAt: string } }[];
      }>(
        'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Case { regime { version } currentClock { phase length dueAt } } } }',
        { ids: [encodeGlobalID('Case', scenario.caseIds.CUTOFF), encodeGlobalID('Case', scenario.caseIds.RELOCATION)] },
        as.officer,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.nodes;
    };
    const [cutoff] = await read();
    expect(cutoff).toEqual({
      regime: { version: 1 },
      currentClock: { phase: 'REVIEW', length: 30, dueAt: expected.cutoff.dueAt },
    });
    // A new phase clock on a v1 case is still counted from v1 (30 WD review), not the default v2 (25).
    await database.db.transaction(async (tx) => {
      await stopClock(tx, { clockId: scenario.clockIds.relocation, at: NOW });
      await startClock(tx, {
        caseId: scenario.caseIds.RELOCATION,
        ownerKind: 'CASE',
        ownerId: scenario.caseIds.RELOCATION,
        phase: 'REVIEW',
        startedAt: NOW,
      });
    });
    const [, relocation] = await read();
    // 30 WD from Mon 12-21: d1–d4 12-22..25, d5–d8 12-28..31, 2027 weekends only: d9 01-01,
    // d10–d14 01-04..08, d15–d19 01-11..15, d20–d24 01-18..22, d25–d29 01-25..29, d30 Mon 02-01.
    expect(relocation).toEqual({
      regime: { version: 1 },
      currentClock: { phase: 'REVIEW', length: 30, dueAt: '2027-02-01T15:59:59.999Z' },
    });
  });

  it('never edits a version in place: publishing again makes version 3', async () => {
    const result = await publishAs(as.admin, { code: 'CN_CSR', definition: JSON.stringify(testVersion()) });
    expect(result).toMatchObject({ __typename: 'Regime', version: 3, isDefault: false });
    const rows = await database.db.select().from(regimes).where(eq(regimes.code, 'CN_CSR'));
    expect(rows.map((r) => [r.version, r.isDefault]).sort()).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
  });
});
