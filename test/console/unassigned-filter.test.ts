/** `cases(filter: { unassigned })`: what a lead reviewer still has to staff (the console's approvals page). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database);
});
afterAll(async () => {
  await server.close();
  await database.destroy();
});

const query = `query($unassigned: Boolean) {
  cases(filter: { unassigned: $unassigned }, first: 50) { totalCount nodes { title caseOfficer { displayName } } }
}`;
type Answer = {
  cases: { totalCount: number; nodes: { title: string; caseOfficer: { displayName: string } | null }[] };
};

describe('the unassigned filter', () => {
  it('splits the visible cases into those without a case officer and those with one', async () => {
    const lead = server.as(await bearerFor(database, 'lead@icsr.example'));
    const all = (await lead.graphql<Answer>(query, {})).data!.cases;
    const without = (await lead.graphql<Answer>(query, { unassigned: true })).data!.cases;
    const withOne = (await lead.graphql<Answer>(query, { unassigned: false })).data!.cases;
    expect(without.totalCount).toBeGreaterThan(0);
    expect(withOne.totalCount).toBeGreaterThan(0);
    expect(without.totalCount + withOne.totalCount).toBe(all.totalCount);
    expect(without.nodes.every((c) => c.caseOfficer === null)).toBe(true);
    expect(withOne.nodes.every((c) => c.caseOfficer !== null)).toBe(true);
  });
});
