/**
 * The API's one CSRF rule (issue 12, finding 6; src/http/csrf.ts): form and multipart posts never
 * reach GraphQL, other non-JSON GraphQL requests need `X-ICSR-CSRF`, and every cookie-carrying REST
 * route refuses a request that may change something without it (or a browser's same-origin mark).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/database/database.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
let officer: Record<string, string>;
const mutation = 'mutation { markAllNotificationsRead { __typename } }';

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database);
  officer = await bearerFor(database, 'officer@icsr.example');
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

const unread = async () =>
  (
    await selectRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from notifications where read_at is null`,
    )
  )[0]!.n;

describe('/graphql', () => {
  it('never runs a mutation from a form post', async () => {
    const before = await unread();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-icsr-csrf': '1', ...officer },
      body: new URLSearchParams({ query: mutation }).toString(),
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await unread()).toBe(before);
  });

  it('never runs a mutation from a multipart post', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: mutation }));
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: officer, body: form });
    expect(response.status).toBe(415);
  });

  it('refuses a text/plain post without the header, in the GraphQL error shape', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...officer },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Send the header X-ICSR-CSRF: 1 with this request.', extensions: { code: 'CSRF' } }],
    });
  });

  it('serves JSON without the header, and a non-JSON request with it', async () => {
    const json = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...officer },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(json.status).toBe(200);
    const withHeader = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/graphql+json', 'x-icsr-csrf': '1', ...officer },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(withHeader.status).toBe(200);
  });
});

describe('cookie-carrying REST routes', () => {
  it.each(['/auth/login', '/auth/refresh', '/auth/logout'])(
    '%s refuses a form post without the header',
    async (path) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'icsr_refresh=x' },
        body: 'email=officer%40icsr.example&password=x',
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CSRF');
    },
  );

  it("accepts a browser's same-origin request without the header", async () => {
    const response = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: 'officer@icsr.example', password: 'wrong password' }),
    });
    expect(response.status).toBe(401);
  });

  it('the queue dashboard refuses a change without the header', async () => {
    const response = await fetch(`${server.url}/admin/queues/api/queues/notify/retry/failed`, {
      method: 'PUT',
      headers: { cookie: 'icsr_queue_dashboard=x', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(403);
  });
});
