/** Filtering the cases list by taxonomy, party, assignee and consulted department — never past what you may see. */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { type AuthorizationFixture, prepareAuthorizationFixture } from '../authorization/fixtures.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
let fixture: AuthorizationFixture;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  // MIIT consulted on the cut-off and the acquisition cases (see the fixture), and by the seed on the capability gap.
  fixture = await prepareAuthorizationFixture(database);
  await database.db
    .update(cases)
    .set({ securityType: 'CAPABILITY_RESPONSE', keyDimension: 'SUPPORT_CAPACITY', strategy: 'RECONSTRUCTION' })
    .where(eq(cases.id, fixture.caseIds.CUTOFF));
  server = await startTestServer(database);
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

async function list(email: string, filter: Record<string, unknown>) {
  const result = await server.graphql<{ cases: { totalCount: number; nodes: { id: string }[] } }>(
    'query($filter: CaseFilter) { cases(first: 50, filter: $filter) { totalCount nodes { id } } }',
    { filter },
    await bearerFor(database, email),
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!.cases.totalCount).toBe(result.data!.cases.nodes.length);
  return result.data!.cases.nodes.map((n) => n.id).sort();
}

const gid = (key: keyof AuthorizationFixture['caseIds']) => encodeGlobalID('Case', fixture.caseIds[key]);

describe('the cases list', () => {
  it('filters by the taxonomy', async () => {
    expect(await list('officer@icsr.example', { securityTypes: ['CAPABILITY_RESPONSE'] })).toEqual([gid('CUTOFF')]);
    expect(
      await list('officer@icsr.example', { keyDimensions: ['SUPPORT_CAPACITY'], strategies: ['RECONSTRUCTION'] }),
    ).toEqual([gid('CUTOFF')]);
    expect(await list('officer@icsr.example', { strategies: ['DEFENCE'] })).toEqual([]);
  });

  it('filters by party and by assignee', async () => {
    const huaxin = encodeGlobalID('Organization', fixture.organizationIds['HUAXIN-IC']!);
    expect(await list('officer@icsr.example', { partyOrganizationId: huaxin })).toEqual(
      [gid('CUTOFF'), gid('RELOCATION')].sort(),
    );
    const officer2 = encodeGlobalID('Person', fixture.personIds['officer2@icsr.example']!);
    expect(await list('officer@icsr.example', { assigneeId: officer2 })).toEqual([gid('ACQUISITION')]);
    expect(await list('officer@icsr.example', { assigneeId: 'not-an-id' })).toEqual([]);
  });

  it('filters by consulted department only as far as the caller may see the consultation', async () => {
    const miit = encodeGlobalID('Organization', fixture.organizationIds.MIIT!);
    // The fixture's two, and the seeded capability-gap case.
    expect(await list('officer@icsr.example', { consultedDepartmentId: miit })).toEqual(
      [gid('ACQUISITION'), gid('CUTOFF'), gid('CAPABILITY_GAP')].sort(),
    );
    // Huaxin is a party to the cut-off case, but firms never see consultations: the filter reveals nothing.
    expect(await list('rep@huaxin.example', {})).toContain(gid('CUTOFF'));
    expect(await list('rep@huaxin.example', { consultedDepartmentId: miit })).toEqual([]);
  });
});
