/**
 * Cross-organisation probes: every way a caller could reach a case they may not see reads as
 * "not found", exactly like an ID that does not exist, and no total moves.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { type AuthorizationFixture, prepareAuthorizationFixture } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let fixture: AuthorizationFixture;
const missingCaseId = encodeGlobalID('Case', '00000000-0000-4000-8000-000000000000');

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  fixture = await prepareAuthorizationFixture(database);
  // The acquisition refiles the cut-off case: a nested path from a visible case to a hidden one.
  await database.db
    .update(cases)
    .set({ refiledFromCaseId: fixture.caseIds.CUTOFF })
    .where(eq(cases.id, fixture.caseIds.ACQUISITION));
  server = await startTestServer(database);
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

const caseId = (key: keyof AuthorizationFixture['caseIds']) => encodeGlobalID('Case', fixture.caseIds[key]);

async function asPerson(email: string) {
  return server.as(await bearerFor(database, email));
}

/** What a caller learns about one ID: through `node`, through `nodes`, and an error if any. */
async function probe(api: Awaited<ReturnType<typeof asPerson>>, id: string) {
  const result = await api.graphql<{ node: unknown; nodes: unknown[] }>(
    'query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }',
    { id },
  );
  return { node: result.data?.node, nodes: result.data?.nodes, errors: result.errors };
}

async function total(api: Awaited<ReturnType<typeof asPerson>>, filter: Record<string, unknown> = {}) {
  const result = await api.graphql<{ cases: { totalCount: number; nodes: { id: string }[] } }>(
    'query($filter: CaseFilter) { cases(first: 100, filter: $filter) { totalCount nodes { id } } }',
    { filter },
  );
  return result.data!.cases;
}

describe('a firm representative probing another firm’s case', () => {
  it('reads it by ID exactly like an ID that does not exist', async () => {
    const huaxin = await asPerson('rep@huaxin.example');
    expect(await probe(huaxin, caseId('ACQUISITION'))).toEqual(await probe(huaxin, missingCaseId));
    expect((await probe(huaxin, caseId('ACQUISITION'))).node).toBeNull();
    expect((await probe(huaxin, caseId('ACQUISITION'))).nodes).toEqual([null]);
  });

  it('reads malformed, unknown and invisible IDs in a list as null, entry by entry', async () => {
    const huaxin = await asPerson('rep@huaxin.example');
    const own = caseId('CUTOFF');
    const result = await huaxin.graphql<{ nodes: ({ id: string } | null)[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      {
        ids: [own, 'not-a-global-id', Buffer.from('NoSuchType:1').toString('base64'), caseId('ACQUISITION'), own],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes).toEqual([{ id: own }, null, null, null, { id: own }]);
  });

  it('finds nothing through a list filter, and the total does not move', async () => {
    const huaxin = await asPerson('rep@huaxin.example');
    expect(await total(huaxin, { text: 'Dongfang' })).toEqual({ totalCount: 0, nodes: [] });
    expect(await total(huaxin, { states: ['SCREENING'] })).toMatchObject({ totalCount: 1 });
    expect((await total(huaxin)).totalCount).toBe(2);
  });

  it('cannot reach it through a nested field of a case it sees', async () => {
    const meridian = await asPerson('rep@meridian.example');
    const result = await meridian.graphql<{ node: { title: string; refiledFrom: unknown } }>(
      'query($id: ID!) { node(id: $id) { ... on Case { title refiledFrom { id title } } } }',
      { id: caseId('ACQUISITION') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.node.title).toMatch(/Dongfang/);
    expect(result.data!.node.refiledFrom).toBeNull();
    // The office sees the same link.
    const officer = await asPerson('officer@icsr.example');
    const office = await officer.graphql<{ node: { refiledFrom: { id: string } | null } }>(
      'query($id: ID!) { node(id: $id) { ... on Case { refiledFrom { id } } } }',
      { id: caseId('ACQUISITION') },
    );
    expect(office.data!.node.refiledFrom).toEqual({ id: caseId('CUTOFF') });
  });

  it('cannot see another firm’s draft, even as a party named in it', async () => {
    const huaxin = await asPerson('rep@huaxin.example');
    expect((await probe(huaxin, caseId('DRAFT'))).node).toBeNull();
  });
});

describe('a liaison probing a case their department was not consulted on', () => {
  it('reads it as not found and lists only the cases it was consulted on', async () => {
    const mofcom = await asPerson('liaison@mofcom.example');
    expect(await probe(mofcom, caseId('ACQUISITION'))).toEqual(await probe(mofcom, missingCaseId));
    expect(await total(mofcom)).toEqual({ totalCount: 0, nodes: [] });
    // MIIT: the acquisition (above), and the seeded capability-gap case the seed consults it on; not the
    // SECRET cut-off, which is above its liaison's clearance.
    const miit = await asPerson('liaison@miit.example');
    const listed = await total(miit);
    expect(listed.totalCount).toBe(2);
    expect(listed.nodes.map((n) => n.id).sort()).toEqual([caseId('ACQUISITION'), caseId('CAPABILITY_GAP')].sort());
    expect(await probe(miit, caseId('CUTOFF'))).toEqual(await probe(miit, missingCaseId));
  });
});

describe('an assessor who declared a conflict', () => {
  it('reads the case as not found, while a colleague institute without conflict sees it', async () => {
    const conflicted = await asPerson('assessor@icrs.example');
    expect(await probe(conflicted, caseId('ACQUISITION'))).toEqual(await probe(conflicted, missingCaseId));
    expect(await total(conflicted)).toEqual({ totalCount: 0, nodes: [] });
    const ciie = await asPerson('assessor@ciie.example');
    expect((await probe(ciie, caseId('ACQUISITION'))).node).toEqual({ id: caseId('ACQUISITION') });
  });
});

describe('malformed and foreign IDs', () => {
  it('read as not found, never as an error that tells them apart', async () => {
    const officer = await asPerson('officer@icsr.example');
    const notAUuid = encodeGlobalID('Case', 'not-a-uuid');
    const unknownType = encodeGlobalID('Ledger', fixture.caseIds.CUTOFF);
    for (const id of [notAUuid, unknownType]) {
      const result = await probe(officer, id);
      expect(result.node ?? null).toBeNull();
    }
  });
});
