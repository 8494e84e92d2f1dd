/** The workflow engine through the API: transitions, refusals as typed errors, idempotency, races. */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { selectRows } from '../../src/database/database.ts';
import { verifyAuditTrail } from '../../src/domain/audit/verify-audit-trail.ts';
import { systemActor } from '../../vocabulary/actor.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
let relocationId: string;

const accept = /* GraphQL */ `
  mutation($input: CaseActionInput!) {
    acceptFiling(input: $input) {
      __typename
      ... on CaseTransitioned { from to appliedEvent case { state version availableActions { event possible } } }
      ... on StaleVersion { currentVersion }
      ... on InvalidTransition { currentState event allowedEvents message }
      ... on Error { message }
    }
  }`;

type Outcome = {
  __typename: string;
  from?: string;
  to?: string;
  case?: { state: string; version: number; availableActions: { event: string; possible: boolean }[] };
  currentVersion?: number;
  allowedEvents?: string[];
  currentState?: string;
  message?: string;
};

type Action = { event: string; possible: boolean; blockedReason: string | null; reason: string | null };

async function caseRow() {
  const [row] = await database.db.select().from(cases).where(eq(cases.id, relocationId));
  return row!;
}

async function caseAuditCount() {
  const [row] = await selectRows<{ n: number }>(
    database.db,
    sql`select count(*) as n from audit_entries where case_id = ${relocationId}`,
  );
  return Number(row!.n);
}

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database);
  const [row] = await database.db.select().from(cases).where(eq(cases.state, 'SUBMITTED'));
  relocationId = row!.id;
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

describe('a submitted filing', () => {
  it('offers each viewer only the events they may send', async () => {
    const query =
      'query($id: ID!) { node(id: $id) { ... on Case { availableActions { event possible blockedReason reason } } } }';
    const id = encodeGlobalID('Case', relocationId);
    const actionsOf = async (email: string) =>
      (await server.graphql<{ node: { availableActions: Action[] } }>(query, { id }, await bearerFor(database, email)))
        .data!.node.availableActions;
    const possible = { possible: true, blockedReason: null, reason: null };
    // The office records a withdrawal too (design §4).
    expect(await actionsOf('officer@icsr.example')).toEqual([
      { event: 'RETURN_FOR_COMPLETION', ...possible },
      { event: 'ACCEPT', ...possible },
      { event: 'WITHDRAW', ...possible },
    ]);
    expect(await actionsOf('rep@huaxin.example')).toEqual([{ event: 'WITHDRAW', ...possible }]);
    expect(await actionsOf('auditor@icsr.example')).toEqual([]);
  });

  it('refuses an event the state does not allow, naming the allowed ones, and changes nothing', async () => {
    const before = await caseRow();
    const result = await server.graphql<{ startReview: Outcome }>(
      `mutation($input: CaseActionInput!) { startReview(input: $input) { __typename ... on InvalidTransition { currentState event allowedEvents } } }`,
      { input: { caseId: encodeGlobalID('Case', relocationId), expectedVersion: before.version } },
      await bearerFor(database, 'officer@icsr.example'),
    );
    expect(result.data!.startReview).toEqual({
      __typename: 'InvalidTransition',
      currentState: 'SUBMITTED',
      event: 'START_REVIEW',
      allowedEvents: ['RETURN_FOR_COMPLETION', 'ACCEPT', 'WITHDRAW'],
    });
    expect(await caseRow()).toEqual(before);
  });

  it('refuses a return without written reasons (a guard), and a firm accepting its own filing', async () => {
    const before = await caseRow();
    const input = { caseId: encodeGlobalID('Case', relocationId), expectedVersion: before.version };
    const noReason = await server.graphql<{ returnForCompletion: Outcome }>(
      `mutation($input: CaseActionInput!) { returnForCompletion(input: $input) { __typename ... on Error { message } } }`,
      { input },
      await bearerFor(database, 'officer@icsr.example'),
    );
    expect(noReason.data!.returnForCompletion).toEqual({
      __typename: 'InvalidTransition',
      message: 'written reasons are required',
    });
    const firm = await server.graphql<{ acceptFiling: Outcome }>(
      accept,
      { input },
      await bearerFor(database, 'rep@huaxin.example'),
    );
    expect(firm.data!.acceptFiling.__typename).toBe('Forbidden');
    const admin = await server.graphql<{ acceptFiling: Outcome }>(
      accept,
      { input },
      await bearerFor(database, 'admin@icsr.example'),
    );
    expect(admin.data!.acceptFiling.__typename).toBe('NotFound');
    expect(await caseRow()).toEqual(before);
  });

  it('moves once when fifty officers accept it at the same version; the rest learn the current version', async () => {
    const before = await caseRow();
    const auditBefore = await caseAuditCount();
    const officer = await bearerFor(database, 'officer@icsr.example');
    const input = { caseId: encodeGlobalID('Case', relocationId), expectedVersion: before.version };
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => server.graphql<{ acceptFiling: Outcome }>(accept, { input }, officer)),
    );
    const kinds = outcomes.map((o) => o.data!.acceptFiling.__typename);
    expect(kinds.filter((k) => k === 'CaseTransitioned')).toHaveLength(1);
    // A loser read the case after the winner committed: its version is stale, and that is what it
    // learns first (the state moved too, but "re-read and retry" is the useful answer).
    const losers = outcomes.map((o) => o.data!.acceptFiling).filter((o) => o.__typename !== 'CaseTransitioned');
    expect(losers).toHaveLength(49);
    for (const outcome of losers) {
      expect(outcome).toMatchObject({ __typename: 'StaleVersion', currentVersion: before.version + 1 });
    }
    const after = await caseRow();
    expect(after).toMatchObject({ state: 'SCREENING', version: before.version + 1 });
    expect(await caseAuditCount()).toBe(auditBefore + 1);
    const verification = await verifyAuditTrail(database.db, systemActor('test'), { caseId: relocationId });
    expect(verification).toMatchObject({ valid: true, entries: auditBefore + 1 });
  });
});

describe('an idempotency key', () => {
  it('replays the first result for the same input, and refuses another input', async () => {
    const officer = await bearerFor(database, 'officer@icsr.example');
    const current = await caseRow();
    expect(current.state).toBe('SCREENING');
    const input = {
      caseId: encodeGlobalID('Case', relocationId),
      expectedVersion: current.version,
      reason: 'No review needed: the line is outside the key-technology list.',
      idempotencyKey: 'close-relocation-1',
    };
    const mutation = `mutation($input: CaseActionInput!) { closeAfterScreening(input: $input) { __typename ... on CaseTransitioned { from to } ... on Error { message } } }`;
    const first = await server.graphql<{ closeAfterScreening: Outcome }>(mutation, { input }, officer);
    expect(first.data!.closeAfterScreening).toEqual({
      __typename: 'CaseTransitioned',
      from: 'SCREENING',
      to: 'CLOSED',
    });
    const audit = await caseAuditCount();
    const replay = await server.graphql<{ closeAfterScreening: Outcome }>(mutation, { input }, officer);
    expect(replay.data!.closeAfterScreening).toEqual(first.data!.closeAfterScreening);
    expect(await caseAuditCount()).toBe(audit);
    expect((await caseRow()).version).toBe(current.version + 1);
    const other = await server.graphql<{ closeAfterScreening: Outcome & { fieldErrors?: unknown } }>(
      `mutation($input: CaseActionInput!) { closeAfterScreening(input: $input) { __typename ... on ValidationError { fieldErrors { field } } } }`,
      { input: { ...input, reason: 'Another reason' } },
      officer,
    );
    expect(other.data!.closeAfterScreening).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'idempotencyKey' }],
    });
  });
});
