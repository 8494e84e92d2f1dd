/**
 * Signing in, sessions and the second factor, proved through HTTP as a client sees them: every
 * token comes from the `login` mutation, never minted by the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  bearer,
  demoTotpCode,
  login,
  logoutMutation,
  minutes,
  post,
  type Result,
  refreshMutation,
  type SessionPayload,
  session,
  TestClock,
  totpCode,
  type ViewerData,
  viewerQuery,
} from './client.ts';

// More than the ~25 sign-ins of this file; transport.test.ts proves the per-IP limit itself.
const env = { LOGIN_ATTEMPTS_PER_IP: '200' };

const clock = new TestClock();
let database: TestDatabase;
let server: TestServer;
const extraServers: TestServer[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database, { env, deps: { now: clock.now } });
});
afterAll(async () => {
  for (const extra of extraServers) await extra.close();
  await server?.close();
  await database?.destroy();
});

/** Another server on the same database, whose clock reads `offsetMs` after the file's clock. */
async function serverLater(offsetMs: number, extraEnv: Record<string, string> = {}): Promise<TestServer> {
  const later = await startTestServer(database, {
    env: { ...env, ...extraEnv },
    deps: { now: () => clock.later(offsetMs) },
  });
  extraServers.push(later);
  return later;
}

const viewerWith = (url: string, token: string) => post<ViewerData>(url, viewerQuery, {}, bearer(token));

const refresh = async (url: string, refreshToken: string) => {
  const answer = await post<{ refreshSession: Result<SessionPayload> }>(url, refreshMutation, { refreshToken });
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data!.refreshSession!;
};

/** What a request with a refused access token must answer: a GraphQL error UNAUTHENTICATED, HTTP 401, no data. */
function expectUnauthenticated(answer: Awaited<ReturnType<typeof viewerWith>>) {
  expect(answer.status).toBe(401);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(answer.body.data ?? null).toBeNull();
}

describe('when a person signs in with the right password', () => {
  it('gets a session whose access token reads the viewer: person, organisation, roles and clearance', async () => {
    const officer = await session(server.url, { email: 'officer@icsr.example' });
    expect(officer.mfa).toBe('NOT_REQUIRED');
    expect(officer.refreshToken).toMatch(/^icsr_rt_/);
    expect(new Date(officer.expiresAt).getTime()).toBe(clock.later(minutes(15)).getTime());
    const answer = await viewerWith(server.url, officer.accessToken);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.viewer).toMatchObject({
      person: { email: 'officer@icsr.example' },
      organization: { code: 'ICSR-OFFICE' },
      roles: ['CASE_OFFICER'],
      clearance: 'SECRET',
    });
  });

  it('reads the organisation, roles and clearance of whoever signed in, not of a default', async () => {
    const liaison = await session(server.url, { email: 'liaison@mofcom.example' });
    const answer = await viewerWith(server.url, liaison.accessToken);
    expect(answer.body.data!.viewer).toMatchObject({
      person: { email: 'liaison@mofcom.example' },
      organization: { code: 'MOFCOM' },
      roles: ['LIAISON'],
    });
  });

  it('reads the viewer as null without a token', async () => {
    const answer = await post<ViewerData>(server.url, viewerQuery);
    expect(answer.body).toEqual({ data: { viewer: null } });
  });
});

describe('when the e-mail is unknown or the password is wrong', () => {
  it('answers both with the identical typed error', async () => {
    const unknown = await login(server.url, { email: 'nobody@icsr.example' });
    const wrong = await login(server.url, { email: 'officer2@icsr.example', password: 'Not-The-Password-1' });
    expect(unknown).toEqual({ __typename: 'InvalidCredentials', message: expect.any(String) });
    expect(wrong).toEqual(unknown);
  });
});

describe('when an account fails to sign in five times in a row', () => {
  const email = 'rep@dongfang-eda.example';

  it('is locked: the sixth attempt, with the right password, answers like an unknown e-mail', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await login(server.url, { email, password: `Wrong-Password-${attempt}` })).__typename).toBe(
        'InvalidCredentials',
      );
    }
    const locked = await login(server.url, { email });
    expect(locked).toEqual(await login(server.url, { email: 'nobody@icsr.example' }));
    expect(locked.__typename).toBe('InvalidCredentials');
  });

  it('is still locked 14 minutes later', async () => {
    const later = await serverLater(minutes(14));
    expect((await login(later.url, { email })).__typename).toBe('InvalidCredentials');
  });

  it('lets the right password in once 15 minutes have passed (a server 16 minutes later)', async () => {
    const later = await serverLater(minutes(16));
    const result = await login(later.url, { email });
    expect(result.__typename).toBe('Session');
  });
});

describe('when the account has a second factor (the lead reviewer)', () => {
  const email = 'lead@icsr.example';

  it('asks for the code after the right password, refuses a wrong one, accepts the current one once', async () => {
    expect(await login(server.url, { email })).toEqual({ __typename: 'TotpRequired', message: expect.any(String) });

    const staleCode = await demoTotpCode(email, clock.later(-minutes(60)));
    expect((await login(server.url, { email, totpCode: staleCode })).__typename).toBe('InvalidTotp');

    const code = await demoTotpCode(email, clock.now());
    const signedIn = await login(server.url, { email, totpCode: code });
    expect(signedIn).toMatchObject({ __typename: 'Session', mfa: 'VERIFIED' });
    const viewer = await viewerWith(server.url, signedIn.accessToken!);
    expect(viewer.body.data!.viewer).toMatchObject({ person: { email }, roles: ['LEAD_REVIEWER'] });

    expect((await login(server.url, { email, totpCode: code })).__typename).toBe('InvalidTotp');
  });

  it('does not let a wrong password through to the second-factor question', async () => {
    const code = await demoTotpCode(email, clock.later(30_000));
    expect((await login(server.url, { email, password: 'Wrong-Password-9', totpCode: code })).__typename).toBe(
      'InvalidCredentials',
    );
  });
});

describe('when a session is refreshed', () => {
  it('rotates: the new pair works and the spent refresh token is refused', async () => {
    const first = await session(server.url, { email: 'officer2@icsr.example' });
    clock.advance(1000);
    const second = await refresh(server.url, first.refreshToken);
    expect(second.__typename).toBe('Session');
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await viewerWith(server.url, second.accessToken!)).body.data!.viewer!.person!.email).toBe(
      'officer2@icsr.example',
    );

    expect(await refresh(server.url, first.refreshToken)).toEqual({
      __typename: 'InvalidToken',
      message: expect.any(String),
    });
  });

  it('revokes the whole family when a spent refresh token is reused: the newest token fails too', async () => {
    const first = await session(server.url, { email: 'officer2@icsr.example' });
    clock.advance(1000);
    const second = await refresh(server.url, first.refreshToken);
    const third = await refresh(server.url, second.refreshToken!);
    expect(third.__typename).toBe('Session');

    expect((await refresh(server.url, second.refreshToken!)).__typename).toBe('InvalidToken');
    expect((await refresh(server.url, third.refreshToken!)).__typename).toBe('InvalidToken');
  });

  it('answers an unknown refresh token with InvalidToken', async () => {
    expect((await refresh(server.url, 'icsr_rt_not-a-token')).__typename).toBe('InvalidToken');
  });
});

describe('when a person logs out', () => {
  it('makes the refresh token of the session fail', async () => {
    const signedIn = await session(server.url, { email: 'officer2@icsr.example' });
    const answer = await post<{ logout: boolean }>(server.url, logoutMutation, { refreshToken: signedIn.refreshToken });
    expect(answer.body).toEqual({ data: { logout: true } });
    expect((await refresh(server.url, signedIn.refreshToken)).__typename).toBe('InvalidToken');
  });
});

describe('when an access token is expired or tampered with', () => {
  let token: string;
  beforeAll(async () => {
    token = (await session(server.url, { email: 'officer@icsr.example' })).accessToken;
  });

  it('is accepted while fresh, also 14 minutes later', async () => {
    expect((await viewerWith(server.url, token)).body.data!.viewer!.person!.email).toBe('officer@icsr.example');
    const later = await serverLater(minutes(14));
    expect((await viewerWith(later.url, token)).body.data!.viewer!.person!.email).toBe('officer@icsr.example');
  });

  it('answers UNAUTHENTICATED with HTTP 401 once expired (a server 16 minutes later)', async () => {
    const later = await serverLater(minutes(16));
    expectUnauthenticated(await viewerWith(later.url, token));
  });

  it('answers UNAUTHENTICATED with HTTP 401 when one character of the signature is changed', async () => {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const i = Math.floor(signature.length / 2);
    const changed = signature[i] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload}.${signature.slice(0, i)}${changed}${signature.slice(i + 1)}`;
    expect(tampered).not.toBe(token);
    expectUnauthenticated(await viewerWith(server.url, tampered));
  });

  it('answers UNAUTHENTICATED when the claims are changed under the original signature', async () => {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400 })).toString('base64url');
    expectUnauthenticated(await viewerWith(server.url, `${header}.${forged}.${signature}`));
  });

  it('answers UNAUTHENTICATED for a bearer that is not a token at all', async () => {
    expectUnauthenticated(await viewerWith(server.url, 'not-a-token'));
  });
});

describe('when an administrator deactivates a person', () => {
  const email = 'liaison@ndrc.example';

  it('refuses the access token already issued on the very next request, and the refresh token', async () => {
    const person = await session(server.url, { email });
    const before = await viewerWith(server.url, person.accessToken);
    expect(before.body.data!.viewer!.person!.email).toBe(email);
    const personId = before.body.data!.viewer!.person!.id;

    const admin = await session(server.url, {
      email: 'admin@icsr.example',
      totpCode: await demoTotpCode('admin@icsr.example', clock.now()),
    });
    const deactivated = await post<{ deactivatePerson: { __typename: string; person?: { status: string } } }>(
      server.url,
      /* GraphQL */ `mutation Deactivate($input: PersonActionInput!) {
        deactivatePerson(input: $input) { __typename ... on PersonDeactivated { person { status } } ... on Error { message } }
      }`,
      { input: { personId, reason: 'left the department' } },
      bearer(admin.accessToken),
    );
    expect(deactivated.body.data!.deactivatePerson).toEqual({
      __typename: 'PersonDeactivated',
      person: { status: 'DEACTIVATED' },
    });

    expectUnauthenticated(await viewerWith(server.url, person.accessToken));
    expect((await refresh(server.url, person.refreshToken)).__typename).toBe('InvalidToken');
    expect((await login(server.url, { email })).__typename).toBe('InvalidCredentials');
  });
});

describe('when a role requires a second factor the person has not enrolled', () => {
  const email = 'panel1@icsr.example';
  let mfaServer: TestServer;
  let pending: SessionPayload;
  let secret: string;
  const asPending = (query: string, variables: Record<string, unknown> = {}) =>
    post(mfaServer.url, query, variables, bearer(pending.accessToken));

  beforeAll(async () => {
    mfaServer = await serverLater(0, { MFA_REQUIRED_ROLES: 'ADMIN,LEAD_REVIEWER,APPEALS_PANEL' });
    pending = await session(mfaServer.url, { email });
  });

  it('signs in with the password alone, into a session marked ENROLMENT_REQUIRED', () => {
    expect(pending.mfa).toBe('ENROLMENT_REQUIRED');
  });

  it('can read the viewer', async () => {
    const answer = await viewerWith(mfaServer.url, pending.accessToken);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.viewer).toMatchObject({ person: { email }, roles: ['APPEALS_PANEL'] });
  });

  it('is refused everything else with MFA_ENROLMENT_REQUIRED', async () => {
    for (const query of [
      '{ cases { totalCount } }',
      '{ people { totalCount } }',
      '{ organizations { totalCount } }',
      'mutation { requestPasswordReset(input: { personId: "x" }) { __typename } }',
    ]) {
      const answer = await asPending(query);
      expect(answer.body.errors?.[0]?.extensions?.code, query).toBe('MFA_ENROLMENT_REQUIRED');
      expect(answer.body.data ?? null, query).toBeNull();
    }
  });

  it('enrols through the API: begins, is refused a wrong code, confirms with the current one', async () => {
    const begun = await asPending(
      'mutation { beginTotpEnrolment { __typename ... on TotpEnrolment { secret otpauthUri } ... on Error { message } } }',
    );
    const enrolment = (begun.body.data as { beginTotpEnrolment: { secret: string; otpauthUri: string } })
      .beginTotpEnrolment;
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    secret = enrolment.secret;

    const confirm = (code: string) =>
      asPending(
        `mutation Confirm($code: String!) {
          confirmTotpEnrolment(code: $code) { __typename ... on SecondFactorEnabled { enabledAt } ... on Error { message } }
        }`,
        { code },
      );
    const wrong = await confirm(await totpCode(secret, clock.later(-minutes(60))));
    expect((wrong.body.data as { confirmTotpEnrolment: { __typename: string } }).confirmTotpEnrolment.__typename).toBe(
      'InvalidTotp',
    );
    const confirmed = await confirm(await totpCode(secret, clock.now()));
    expect(confirmed.body.data).toEqual({
      confirmTotpEnrolment: { __typename: 'SecondFactorEnabled', enabledAt: clock.now().toISOString() },
    });
  });

  it('must give a code from then on, and cannot replay the one that confirmed the enrolment', async () => {
    expect((await login(mfaServer.url, { email })).__typename).toBe('TotpRequired');
    const confirmingCode = await totpCode(secret, clock.now());
    expect((await login(mfaServer.url, { email, totpCode: confirmingCode })).__typename).toBe('InvalidTotp');

    clock.advance(30_000);
    const verified = await session(mfaServer.url, { email, totpCode: await totpCode(secret, clock.now()) });
    expect(verified.mfa).toBe('VERIFIED');
    const cases = await post(mfaServer.url, '{ cases { totalCount } }', {}, bearer(verified.accessToken));
    expect(cases.body.errors).toBeUndefined();
    expect(cases.body.data).toEqual({ cases: { totalCount: expect.any(Number) } });
  });

  it('needs the code on every server once enrolled, while an unenrolled colleague signs in without one', async () => {
    expect((await login(server.url, { email })).__typename).toBe('TotpRequired');
    expect(await login(server.url, { email: 'panel2@icsr.example' })).toMatchObject({
      __typename: 'Session',
      mfa: 'NOT_REQUIRED',
    });
  });
});
