/** Creating cases through the API: a firm's draft and its submission, cases the office opens, the case team. */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations, people } from '../../db/schema/organizations.ts';
import { selectRows } from '../../src/database/database.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database);
  for (const o of await database.db.select().from(organizations)) ids[o.code] = encodeGlobalID('Organization', o.id);
  for (const p of await database.db.select().from(people)) ids[p.email] = encodeGlobalID('Person', p.id);
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

type Payload = {
  __typename: string;
  case?: {
    id: string;
    state: string;
    reference: string | null;
    version: number;
    currentClock: { phase: string } | null;
  };
  fieldErrors?: { field: string }[];
  message?: string;
};
const selection = `__typename
  ... on CaseChanged { case { id state reference version currentClock { phase } } }
  ... on ValidationError { fieldErrors { field } }
  ... on Error { message }`;

async function run(email: string, field: string, inputType: string, input: Record<string, unknown>): Promise<Payload> {
  const result = await server.graphql<Record<string, Payload>>(
    `mutation($input: ${inputType}!) { ${field}(input: $input) { ${selection} } }`,
    { input },
    await bearerFor(database, email),
  );
  expect(result.errors).toBeUndefined();
  return result.data![field]!;
}

const caseCount = async () =>
  Number((await selectRows<{ n: number }>(database.db, sql`select count(*) as n from cases`))[0]!.n);

describe('a firm’s filing', () => {
  it('is a draft only the firm sees until it submits it; then it has a reference and an acceptance clock', async () => {
    const created = await run('rep@jinghua.example', 'createFiling', 'CreateFilingInput', {
      filerOrganizationId: ids['JINGHUA-PR'],
      title: 'Sale of the KrF resin line to a foreign buyer',
      subject: 'ACQUISITION',
    });
    expect(created.case).toMatchObject({ state: 'DRAFT', reference: null });
    const probe = 'query($id: ID!) { node(id: $id) { id } }';
    const officer = await server.graphql<{ node: unknown }>(
      probe,
      { id: created.case!.id },
      await bearerFor(database, 'officer@icsr.example'),
    );
    expect(officer.data!.node).toBeNull();

    const submitted = await server.graphql<{
      submitFiling: { __typename: string; case: { state: string; reference: string } };
    }>(
      `mutation($input: CaseActionInput!) { submitFiling(input: $input) { __typename ... on CaseTransitioned { case { state reference } } } }`,
      { input: { caseId: created.case!.id, expectedVersion: created.case!.version } },
      await bearerFor(database, 'rep@jinghua.example'),
    );
    expect(submitted.data!.submitFiling.case.state).toBe('SUBMITTED');
    expect(submitted.data!.submitFiling.case.reference).toMatch(/^ICSR-2026-\d{6}$/);
  });

  it('is refused for another firm, and invalid input names its field and writes nothing', async () => {
    const before = await caseCount();
    const foreign = await run('rep@jinghua.example', 'createFiling', 'CreateFilingInput', {
      filerOrganizationId: ids['HUAXIN-IC'],
      title: 'Filed in another firm’s name',
      subject: 'RELOCATION',
    });
    expect(foreign.__typename).toBe('Forbidden');
    const short = await run('rep@jinghua.example', 'createFiling', 'CreateFilingInput', {
      filerOrganizationId: ids['JINGHUA-PR'],
      title: 'Hi',
      subject: 'RELOCATION',
    });
    expect(short).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'title' }] });
    expect(await caseCount()).toBe(before);
  });
});

describe('a case the office opens', () => {
  it('starts in screening with its reference, ex officio or on a referral; a firm cannot open one', async () => {
    const exOfficio = await run('officer@icsr.example', 'openCase', 'OpenCaseInput', {
      title: 'Route switch of optical modules to an open standard',
      subject: 'TECHNOLOGY_ROUTE',
    });
    expect(exOfficio.case).toMatchObject({ state: 'SCREENING', currentClock: { phase: 'SCREENING' } });
    expect(exOfficio.case!.reference).toMatch(/^ICSR-2026-/);
    const referral = await run('officer@icsr.example', 'openCase', 'OpenCaseInput', {
      referringDepartmentId: ids.NDRC,
      title: 'Referral: wafer supply concentration',
      subject: 'SUPPLY_DISRUPTION',
    });
    expect(referral.case!.state).toBe('SCREENING');
    const firm = await run('rep@huaxin.example', 'openCase', 'OpenCaseInput', {
      title: 'Not for firms',
      subject: 'RELOCATION',
    });
    expect(firm.__typename).toBe('Forbidden');
    const notADepartment = await run('officer@icsr.example', 'openCase', 'OpenCaseInput', {
      referringDepartmentId: ids['HUAXIN-IC'],
      title: 'Referral by a firm?',
      subject: 'RELOCATION',
    });
    expect(notADepartment).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'referringDepartmentId' }],
    });

    // The lead reviewer staffs it; an officer may not, and the officer named must hold the role.
    const team = {
      caseId: exOfficio.case!.id,
      expectedVersion: exOfficio.case!.version,
      caseOfficerId: ids['officer2@icsr.example'],
      leadReviewerId: ids['lead2@icsr.example'],
    };
    expect((await run('officer@icsr.example', 'assignCaseTeam', 'AssignCaseTeamInput', team)).__typename).toBe(
      'Forbidden',
    );
    const wrongRole = await run('lead@icsr.example', 'assignCaseTeam', 'AssignCaseTeamInput', {
      ...team,
      caseOfficerId: ids['panel1@icsr.example'],
    });
    expect(wrongRole).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'caseOfficerId' }] });
    const assigned = await run('lead@icsr.example', 'assignCaseTeam', 'AssignCaseTeamInput', team);
    expect(assigned.case!.version).toBe(exOfficio.case!.version + 1);
  });
});
