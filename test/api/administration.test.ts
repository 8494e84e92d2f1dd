/**
 * People and service-account administration through HTTP: the administrator signs in with the
 * `login` mutation and a TOTP code, and every account it creates is then used as its owner would.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/database/database.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  bearer,
  DEMO_PASSWORD,
  demoTotpCode,
  type GraphQLBody,
  login,
  post,
  type Result,
  refreshMutation,
  type SessionPayload,
  session,
  TestClock,
  type ViewerData,
  viewerQuery,
} from './client.ts';

const clock = new TestClock();
let database: TestDatabase;
let server: TestServer;
let admin: SessionPayload;
let adminId: string;
let auditStart: number;
const organizationIds = new Map<string, string>();
const personIds = new Map<string, string>();
/** Every token and password this file sees: none may end up in the audit trail. */
const secrets = new Set<string>();

const keep = <T extends SessionPayload>(s: T) => {
  secrets.add(s.accessToken);
  secrets.add(s.refreshToken);
  return s;
};

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database, { deps: { now: clock.now } });
  auditStart = await adminChainLength();
  admin = keep(
    await session(server.url, {
      email: 'admin@icsr.example',
      totpCode: await demoTotpCode('admin@icsr.example', clock.now()),
    }),
  );
  const directory = await asAdmin<{
    organizations: { nodes: { id: string; code: string }[] };
    people: { nodes: { id: string; email: string }[] };
    viewer: { person: { id: string } };
  }>(
    '{ organizations(first: 100) { nodes { id code } } people(first: 100) { nodes { id email } } viewer { person { id } } }',
  );
  for (const o of directory.data!.organizations.nodes) organizationIds.set(o.code, o.id);
  for (const p of directory.data!.people.nodes) personIds.set(p.email, p.id);
  adminId = directory.data!.viewer.person.id;
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

const asAdmin = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody<T>> =>
  (await post<T>(server.url, query, variables, bearer(admin.accessToken))).body;

const orgId = (code: string) => organizationIds.get(code) ?? expect.unreachable(`no organisation ${code}`);
const personId = (email: string) => personIds.get(email) ?? expect.unreachable(`no person ${email}`);
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

async function adminChainLength(): Promise<number> {
  const [row] = await selectRows<{ n: number | null }>(
    database.db,
    sql`select max(sequence)::int as n from audit_entries where chain = 'admin'`,
  );
  return row?.n ?? 0;
}

async function rowCount(table: 'people' | 'service_accounts' | 'audit_entries' | 'one_time_tokens'): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from ${sql.identifier(table)}`,
  );
  return row!.n;
}

const viewerWith = (token: string) => post<ViewerData>(server.url, viewerQuery, {}, bearer(token));

// The administrative mutations, each selecting its payload, the error message and the typed extras.
const errorFields =
  '__typename ... on Error { message } ... on StaleVersion { currentVersion } ... on ValidationError { fieldErrors { field message } }';
const invite = /* GraphQL */ `mutation Invite($input: InvitePersonInput!) {
  invitePerson(input: $input) { ${errorFields} ... on Invitation { activationToken person { id email status roles } } } }`;
const setAccess = /* GraphQL */ `mutation SetAccess($input: SetPersonAccessInput!) {
  setPersonAccess(input: $input) { ${errorFields} ... on PersonAccessChanged { person { roles clearance } } } }`;
const requestReset = /* GraphQL */ `mutation RequestReset($input: PersonActionInput!) {
  requestPasswordReset(input: $input) { ${errorFields} ... on PasswordResetIssued { resetToken } } }`;
const deactivate = /* GraphQL */ `mutation Deactivate($input: PersonActionInput!) {
  deactivatePerson(input: $input) { ${errorFields} ... on PersonDeactivated { person { status } } } }`;
const createAccount = /* GraphQL */ `mutation CreateServiceAccount($input: CreateServiceAccountInput!) {
  createServiceAccount(input: $input) { ${errorFields} ... on ServiceAccountCreated { token serviceAccount { id name } } } }`;
const revokeAccount = /* GraphQL */ `mutation RevokeServiceAccount($id: ID!) {
  revokeServiceAccount(serviceAccountId: $id, reason: "replaced") { ${errorFields} ... on ServiceAccount { revokedAt } } }`;
const activate = /* GraphQL */ `mutation Activate($input: NewPasswordInput!) {
  activateAccount(input: $input) { ${errorFields} ... on PasswordSet { email } } }`;
const reset = /* GraphQL */ `mutation Reset($input: NewPasswordInput!) {
  resetPassword(input: $input) { ${errorFields} ... on PasswordSet { email } } }`;

type Answer = {
  __typename: string;
  message?: string;
  currentVersion?: number;
  fieldErrors?: { field: string; message: string }[];
  [payload: string]: unknown;
};
/** The one root field of a mutation's answer, after checking there was no GraphQL error. */
function only(body: GraphQLBody<Record<string, Answer>>): Answer {
  expect(body.errors).toBeUndefined();
  const values = Object.values(body.data!);
  expect(values).toHaveLength(1);
  return values[0]!;
}

/** Sends a mutation (signed out, or with `token`) and returns its one answer. */
async function mutate(query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  return only((await post<Record<string, Answer>>(server.url, query, variables, token ? bearer(token) : {})).body);
}

async function personVersion(email: string): Promise<number> {
  const [row] = await selectRows<{ version: number }>(
    database.db,
    sql`select version from people where email = ${email}`,
  );
  return row!.version;
}

describe('when an administrator invites a person', () => {
  const email = 'new.analyst@icsr.example';
  const password = 'Fresh-Analyst-Pass-42';
  let activationToken: string;
  let invitedSession: SessionPayload;

  it('returns a one-time activation token, and the invited person cannot sign in yet', async () => {
    const invited = only(
      await asAdmin(invite, {
        input: {
          organizationId: orgId('ICSR-OFFICE'),
          email,
          displayName: 'Zhou Lan 周兰',
          roles: ['CASE_OFFICER'],
          clearance: 'CONFIDENTIAL',
        },
      }),
    );
    expect(invited).toMatchObject({
      __typename: 'Invitation',
      activationToken: expect.stringMatching(/^icsr_ot_/),
      person: { email, status: 'INVITED', roles: ['CASE_OFFICER'] },
    });
    activationToken = invited.activationToken as string;
    secrets.add(activationToken);
    personIds.set(email, (invited.person as { id: string }).id);
    expect((await login(server.url, { email, password })).__typename).toBe('InvalidCredentials');
  });

  it('refuses a weak first password without spending the token', async () => {
    const weak = await mutate(activate, { input: { token: activationToken, password: 'short' } });
    expect(weak.__typename).toBe('ValidationError');
    expect(weak.fieldErrors!.map((e) => e.field).join()).toMatch(/password/);
  });

  it('activates the account with the token and a password; the person then signs in through login', async () => {
    secrets.add(password);
    const activated = await mutate(activate, { input: { token: activationToken, password } });
    expect(activated).toEqual({ __typename: 'PasswordSet', email });

    invitedSession = keep(await session(server.url, { email, password }));
    const viewer = await viewerWith(invitedSession.accessToken);
    expect(viewer.body.data!.viewer).toMatchObject({
      person: { email },
      organization: { code: 'ICSR-OFFICE' },
      roles: ['CASE_OFFICER'],
      clearance: 'CONFIDENTIAL',
    });
  });

  it('refuses the same activation token a second time with InvalidToken', async () => {
    const again = await mutate(activate, { input: { token: activationToken, password: 'Another-Pass-4321' } });
    expect(again).toEqual({ __typename: 'InvalidToken', message: expect.any(String) });
    expect((await login(server.url, { email, password: 'Another-Pass-4321' })).__typename).toBe('InvalidCredentials');
  });

  it('refuses a second invitation for an e-mail already registered, as a Conflict', async () => {
    const twice = only(
      await asAdmin(invite, {
        input: { organizationId: orgId('ICSR-OFFICE'), email, displayName: 'Zhou Lan', roles: ['CASE_OFFICER'] },
      }),
    );
    expect(twice.__typename).toBe('Conflict');
  });

  it('deactivates the person: their session stops at once', async () => {
    const done = only(await asAdmin(deactivate, { input: { personId: personId(email), reason: 'test over' } }));
    expect(done).toEqual({ __typename: 'PersonDeactivated', person: { status: 'DEACTIVATED' } });
    expect((await viewerWith(invitedSession.accessToken)).status).toBe(401);
  });
});

describe('when an administrator sets a person’s access', () => {
  const email = 'officer2@icsr.example';

  it('answers a stale expectedVersion with StaleVersion and the current version, changing nothing', async () => {
    const current = await personVersion(email);
    const stale = only(
      await asAdmin(setAccess, {
        input: {
          personId: personId(email),
          expectedVersion: current + 7,
          roles: ['LEAD_REVIEWER'],
          clearance: 'SECRET',
        },
      }),
    );
    expect(stale).toEqual({ __typename: 'StaleVersion', message: expect.any(String), currentVersion: current });
    expect(await personVersion(email)).toBe(current);
  });

  it('answers roles that do not fit the organisation with a ValidationError naming roles', async () => {
    const current = await personVersion(email);
    const misfit = only(
      await asAdmin(setAccess, {
        input: { personId: personId(email), expectedVersion: current, roles: ['LIAISON'], clearance: 'SECRET' },
      }),
    );
    expect(misfit.__typename).toBe('ValidationError');
    expect(misfit.fieldErrors!.map((e) => e.field)).toEqual([expect.stringMatching(/roles$/)]);
    expect(await personVersion(email)).toBe(current);
  });

  it('sets roles and clearance with the version it read; the access token issued before stops working', async () => {
    const before = keep(await session(server.url, { email }));
    clock.advance(1000);
    // A client learns the version from StaleVersion.currentVersion (Person does not expose it).
    const probe = only(
      await asAdmin(setAccess, {
        input: { personId: personId(email), expectedVersion: 9999, roles: ['CASE_OFFICER'], clearance: 'SECRET' },
      }),
    );
    const changed = only(
      await asAdmin(setAccess, {
        input: {
          personId: personId(email),
          expectedVersion: probe.currentVersion,
          roles: ['CASE_OFFICER', 'AUDITOR'],
          clearance: 'SECRET',
          reason: 'covers the audit desk',
        },
      }),
    );
    expect(changed).toEqual({
      __typename: 'PersonAccessChanged',
      person: { roles: expect.arrayContaining(['CASE_OFFICER', 'AUDITOR']), clearance: 'SECRET' },
    });
    expect((await viewerWith(before.accessToken)).status).toBe(401);
    const refreshed = (
      await post<{ refreshSession: Result<SessionPayload> }>(server.url, refreshMutation, {
        refreshToken: before.refreshToken,
      })
    ).body.data!.refreshSession!;
    expect(refreshed.__typename).toBe('Session');
    secrets.add(refreshed.accessToken!);
    secrets.add(refreshed.refreshToken!);
    const viewer = await viewerWith(refreshed.accessToken!);
    expect([...viewer.body.data!.viewer!.roles].sort()).toEqual(['AUDITOR', 'CASE_OFFICER']);
    expect(viewer.body.data!.viewer!.clearance).toBe('SECRET');
  });
});

describe('when an administrator resets a password', () => {
  const email = 'liaison@miit.example';
  const newPassword = 'Reset-Liaison-Pass-77';
  let old: SessionPayload;
  let resetToken: string;

  beforeAll(async () => {
    old = keep(await session(server.url, { email }));
    clock.advance(1000);
  });

  it('hands over a one-time reset token', async () => {
    const issued = only(await asAdmin(requestReset, { input: { personId: personId(email), reason: 'forgot it' } }));
    expect(issued).toEqual({ __typename: 'PasswordResetIssued', resetToken: expect.stringMatching(/^icsr_ot_/) });
    resetToken = issued.resetToken as string;
    secrets.add(resetToken);
  });

  it('lets the person set a new password with it: the old password is refused, the new one works', async () => {
    secrets.add(newPassword);
    const done = await mutate(reset, { input: { token: resetToken, password: newPassword } });
    expect(done).toEqual({ __typename: 'PasswordSet', email });
    expect((await login(server.url, { email, password: DEMO_PASSWORD })).__typename).toBe('InvalidCredentials');
    const fresh = keep(await session(server.url, { email, password: newPassword }));
    expect((await viewerWith(fresh.accessToken)).body.data!.viewer!.person!.email).toBe(email);
  });

  it('ends the sessions of the old password: access token 401, refresh token InvalidToken', async () => {
    const answer = await viewerWith(old.accessToken);
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const refreshed = await post<{ refreshSession: Result<SessionPayload> }>(server.url, refreshMutation, {
      refreshToken: old.refreshToken,
    });
    expect(refreshed.body.data!.refreshSession!.__typename).toBe('InvalidToken');
  });

  it('refuses the reset token a second time', async () => {
    const again = await mutate(reset, { input: { token: resetToken, password: 'Yet-Another-Pass-88' } });
    expect(again.__typename).toBe('InvalidToken');
  });
});

describe('when an administrator creates a service account', () => {
  let token: string;
  let accountId: string;

  it('refuses ADMIN, and roles outside the organisation kind, naming roles', async () => {
    for (const roles of [['ADMIN'], ['CASE_OFFICER']]) {
      const refused = only(
        await asAdmin(createAccount, { input: { organizationId: orgId('MIIT'), name: 'Bad roles', roles } }),
      );
      expect(refused.__typename, roles.join()).toBe('ValidationError');
      expect(refused.fieldErrors!.map((e) => e.field).join(), roles.join()).toMatch(/roles/);
    }
  });

  it('returns its token once; the token reads the viewer as MIIT with the LIAISON role', async () => {
    const created = only(
      await asAdmin(createAccount, {
        input: { organizationId: orgId('MIIT'), name: 'MIIT case-intake system', roles: ['LIAISON'] },
      }),
    );
    expect(created).toMatchObject({ __typename: 'ServiceAccountCreated', token: expect.stringMatching(/^icsr_sa_/) });
    token = created.token as string;
    accountId = (created.serviceAccount as { id: string }).id;
    secrets.add(token);

    const viewer = await post<ViewerData>(
      server.url,
      '{ viewer { person { id } organization { code } roles } }',
      {},
      bearer(token),
    );
    expect(viewer.body).toEqual({
      data: { viewer: { person: null, organization: { code: 'MIIT' }, roles: ['LIAISON'] } },
    });
  });

  it('revokes it: the token is refused at once', async () => {
    const revoked = only(await asAdmin(revokeAccount, { id: accountId }));
    expect(revoked).toEqual({ __typename: 'ServiceAccount', revokedAt: clock.now().toISOString() });
    const answer = await post(server.url, '{ viewer { roles } }', {}, bearer(token));
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('when a case officer calls the administrative mutations', () => {
  let officer: SessionPayload;
  let accountId: string;

  beforeAll(async () => {
    officer = keep(await session(server.url, { email: 'officer@icsr.example' }));
    const created = only(
      await asAdmin(createAccount, {
        input: { organizationId: orgId('MOST'), name: 'MOST intake', roles: ['LIAISON'] },
      }),
    );
    accountId = (created.serviceAccount as { id: string }).id;
    secrets.add(created.token as string);
  });

  it('answers every one with Forbidden and writes nothing', async () => {
    const tables = ['people', 'service_accounts', 'audit_entries', 'one_time_tokens'] as const;
    const counts = async () => Promise.all(tables.map(rowCount));
    const before = await counts();
    const target = personId('officer2@icsr.example');
    const calls: [string, Record<string, unknown>][] = [
      [
        invite,
        {
          input: {
            organizationId: orgId('ICSR-OFFICE'),
            email: 'sneaky@icsr.example',
            displayName: 'Sneaky',
            roles: ['ADMIN'],
          },
        },
      ],
      [setAccess, { input: { personId: target, expectedVersion: 1, roles: ['ADMIN'], clearance: 'SECRET' } }],
      [requestReset, { input: { personId: target } }],
      [deactivate, { input: { personId: target } }],
      [createAccount, { input: { organizationId: orgId('MIIT'), name: 'Shadow system', roles: ['LIAISON'] } }],
      [revokeAccount, { id: accountId }],
    ];
    for (const [mutation, variables] of calls) {
      const answer = await mutate(mutation, variables, officer.accessToken);
      expect(answer, mutation).toEqual({ __typename: 'Forbidden', message: expect.any(String) });
    }
    expect(await counts()).toEqual(before);
    const [account] = await selectRows<{ revoked_at: unknown }>(
      database.db,
      sql`select revoked_at from service_accounts where id = ${uuidOf(accountId)}`,
    );
    expect(account!.revoked_at).toBeNull();
  });
});

describe('when an auditor invites a person', () => {
  it('is Forbidden: auditors change nothing', async () => {
    const auditor = keep(await session(server.url, { email: 'auditor@icsr.example' }));
    const before = await rowCount('people');
    const answer = await mutate(
      invite,
      {
        input: {
          organizationId: orgId('ICSR-OFFICE'),
          email: 'audited@icsr.example',
          displayName: 'Audited',
          roles: ['CASE_OFFICER'],
        },
      },
      auditor.accessToken,
    );
    expect(answer).toEqual({ __typename: 'Forbidden', message: expect.any(String) });
    expect(await rowCount('people')).toBe(before);
  });
});

describe('when an administrator reads cases', () => {
  it('sees none: administrators see no case content', async () => {
    const answer = await asAdmin<{ cases: { totalCount: number; nodes: unknown[] } }>(
      '{ cases(first: 50) { totalCount nodes { id title } } }',
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.cases).toEqual({ totalCount: 0, nodes: [] });
    // The same query as a case officer does find cases: the zero is the rule, not an empty database.
    const officer = await session(server.url, { email: 'officer@icsr.example' });
    const seen = await post<{ cases: { totalCount: number } }>(
      server.url,
      '{ cases { totalCount } }',
      {},
      bearer(officer.accessToken),
    );
    expect(seen.body.data!.cases.totalCount).toBeGreaterThan(0);
  });
});

describe('the administrative audit chain', () => {
  type Entry = {
    sequence: number;
    action: string;
    actor_id: string | null;
    entity_id: string | null;
    before: unknown;
    after: unknown;
    reason: string | null;
  };
  let entries: Entry[];
  beforeAll(async () => {
    entries = await selectRows<Entry>(
      database.db,
      sql`select * from audit_entries where chain = 'admin' and sequence > ${auditStart} order by sequence`,
    );
  });

  it('records every administrative change of this file, with who did it and to whom', () => {
    const admin = uuidOf(adminId);
    const has = (action: string, email: string, actor: string) =>
      expect(
        entries.some((e) => e.action === action && e.entity_id === uuidOf(personId(email)) && e.actor_id === actor),
        `${action} ${email}`,
      ).toBe(true);
    const invited = 'new.analyst@icsr.example';
    has('person.invited', invited, admin);
    has('person.activated', invited, uuidOf(personId(invited)));
    has('person.deactivated', invited, admin);
    has('person.access_set', 'officer2@icsr.example', admin);
    has('person.password_reset_requested', 'liaison@miit.example', admin);
    has('person.password_reset', 'liaison@miit.example', uuidOf(personId('liaison@miit.example')));
    const accountActions = entries.filter((e) => e.action.startsWith('service_account.')).map((e) => e.action);
    expect(accountActions).toEqual(['service_account.created', 'service_account.revoked', 'service_account.created']);
    expect(entries.find((e) => e.action === 'person.access_set')!.reason).toBe('covers the audit desk');
  });

  it('records no refused attempt: the chain holds exactly the successful changes', () => {
    expect(entries.map((e) => e.action)).toEqual([
      'person.created',
      'person.invited',
      'person.activated',
      'person.deactivated',
      'person.access_set',
      'person.password_reset_requested',
      'person.password_reset',
      'service_account.created',
      'service_account.revoked',
      'service_account.created',
    ]);
  });

  it('contains no token, password, password hash, token hash or TOTP secret', async () => {
    const stored = await selectRows<{ value: string }>(
      database.db,
      sql`select password_hash as value from people where password_hash is not null
          union all select totp_secret from people where totp_secret is not null
          union all select token_hash from refresh_tokens
          union all select token_hash from one_time_tokens
          union all select token_hash from service_accounts`,
    );
    const forbidden = [
      ...secrets,
      ...[...secrets].map((s) => createHash('sha256').update(s).digest('hex')),
      ...stored.map((r) => r.value),
    ];
    expect(secrets.size).toBeGreaterThan(10);
    expect(stored.length).toBeGreaterThan(20);
    const text = JSON.stringify(entries);
    expect(text).toContain('new.analyst@icsr.example'); // the search reads real entry text
    for (const value of forbidden)
      expect(text.includes(value), `audit text contains ${value.slice(0, 12)}…`).toBe(false);
  });
});
