/**
 * The console's sign-in routes: the refresh token only ever in an HttpOnly, SameSite=Strict cookie
 * scoped to /auth, rotated on refresh, revoked on sign-out, and the CSRF header required.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoTotpSecrets } from '../../src/seed/demo-data.ts';
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

const csrf = { 'x-icsr-csrf': '1' };
const post = (path: string, body?: unknown, headers: Record<string, string> = csrf) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const cookieOf = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith('icsr_refresh='));
const pairOf = (cookie: string) => cookie.split(';')[0]!;

describe('POST /auth/login', () => {
  it('answers the access token in the body and the refresh token only in a scoped HttpOnly cookie', async () => {
    const response = await post('/auth/login', { email: 'officer@icsr.example', password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ mfa: 'not-required', roles: ['CASE_OFFICER'] });
    expect(typeof body.accessToken).toBe('string');
    expect(body).not.toHaveProperty('refreshToken');
    const cookie = cookieOf(response)!;
    expect(cookie).toMatch(/^icsr_refresh=icsr_rt_/);
    expect(cookie).toMatch(/; Path=\/auth/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    // Plain HTTP outside production: a Secure cookie would never come back.
    expect(cookie).not.toMatch(/; Secure/);

    const viewer = await server.graphql<{ viewer: { person: { displayName: string } } }>(
      '{ viewer { person { displayName } } }',
      {},
      { authorization: `Bearer ${body.accessToken}` },
    );
    expect(viewer.data?.viewer.person.displayName).toBeTruthy();
  });

  it('refuses a request without the CSRF header and sets nothing', async () => {
    const response = await post('/auth/login', { email: 'officer@icsr.example', password: DEMO_PASSWORD }, {});
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: 'CSRF', message: 'Send the header X-ICSR-CSRF: 1 with this request.' },
    });
    expect(cookieOf(response)).toBeUndefined();
  });

  it('words a wrong password, a missing second factor and a bad e-mail as typed errors', async () => {
    const wrong = await post('/auth/login', { email: 'officer2@icsr.example', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });

    const lead = await post('/auth/login', { email: 'lead@icsr.example', password: DEMO_PASSWORD });
    expect(lead.status).toBe(401);
    expect(await lead.json()).toMatchObject({ error: { code: 'TOTP_REQUIRED' } });
    expect(cookieOf(lead)).toBeUndefined();

    const empty = await post('/auth/login', { email: '', password: DEMO_PASSWORD });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: 'VALIDATION', field: 'email' } });
  });

  it('signs a lead reviewer in with the one-time code', async () => {
    const totpCode = await generate({ secret: demoTotpSecrets['lead2@icsr.example']! });
    const response = await post('/auth/login', { email: 'lead2@icsr.example', password: DEMO_PASSWORD, totpCode });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ mfa: 'verified' });
  });
});

describe('POST /auth/refresh and /auth/logout', () => {
  it('rotates the cookie, refuses the spent one, and ends the session on sign-out', async () => {
    const signedIn = await post('/auth/login', { email: 'auditor@icsr.example', password: DEMO_PASSWORD });
    const first = pairOf(cookieOf(signedIn)!);

    const refreshed = await post('/auth/refresh', undefined, { ...csrf, cookie: first });
    expect(refreshed.status).toBe(200);
    expect(await refreshed.json()).toMatchObject({
      accessToken: expect.any(String),
      mfa: 'not-required',
      roles: ['AUDITOR'],
    });
    const second = pairOf(cookieOf(refreshed)!);
    expect(second).not.toBe(first);

    const withoutHeader = await post('/auth/refresh', undefined, { cookie: second });
    expect(withoutHeader.status).toBe(403);

    const loggedOut = await post('/auth/logout', undefined, { ...csrf, cookie: second });
    expect(loggedOut.status).toBe(204);
    expect(cookieOf(loggedOut)).toMatch(/^icsr_refresh=;.*Expires=Thu, 01 Jan 1970/);

    const after = await post('/auth/refresh', undefined, { ...csrf, cookie: second });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'INVALID_TOKEN' } });
  });

  it('answers a refresh without a session as unauthenticated', async () => {
    const response = await post('/auth/refresh');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});
