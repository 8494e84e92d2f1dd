/**
 * Transport security as a client meets it over HTTP: helmet headers, CORS from configuration, the
 * body limit, GraphQL Armor's depth and alias limits, introspection and GraphiQL in production, the
 * request rate limit on /graphql and the per-IP limit on `login`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { login, minutes, post, TestClock } from './client.ts';

let database: TestDatabase;
const servers: TestServer[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await database?.destroy();
});

/** A server of this file's database with these settings; closed after the file. */
async function serve(env: Record<string, string> = {}, now?: () => Date): Promise<TestServer> {
  const server = await startTestServer(database, { env, deps: now ? { now } : {} });
  servers.push(server);
  return server;
}

const postRaw = (url: string, body: string | FormData | URLSearchParams, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers, body });

describe('when any response is sent', () => {
  it('carries the helmet security headers and no x-powered-by', async () => {
    const server = await serve();
    for (const response of [
      await fetch(`${server.url}/healthz`),
      await postRaw(server.url, JSON.stringify({ query: '{ viewer { roles } }' }), {
        'content-type': 'application/json',
      }),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('adds a content security policy in production (outside it GraphiQL needs inline scripts)', async () => {
    const production = await serve({ NODE_ENV: 'production' });
    const development = await serve({ NODE_ENV: 'development' });
    expect((await fetch(`${production.url}/healthz`)).headers.get('content-security-policy')).toMatch(
      /default-src 'self'/,
    );
    expect((await fetch(`${development.url}/healthz`)).headers.get('content-security-policy')).toBeNull();
  });
});

describe('when a browser calls from another origin', () => {
  const allowed = 'https://app.example';
  const other = 'https://evil.example';
  let server: TestServer;
  beforeAll(async () => {
    server = await serve({ CORS_ORIGINS: allowed });
  });

  const preflight = (url: string, origin: string) =>
    fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
  const call = (url: string, origin: string) =>
    postRaw(url, JSON.stringify({ query: '{ viewer { roles } }' }), { 'content-type': 'application/json', origin });

  it('answers a configured origin, preflight and request, with access-control-allow-origin', async () => {
    const options = await preflight(server.url, allowed);
    expect(options.status).toBeLessThan(300);
    expect(options.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(options.headers.get('access-control-allow-credentials')).toBe('true');
    expect(options.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const response = await call(server.url, allowed);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
  });

  it('does not answer another origin with access-control-allow-origin', async () => {
    expect((await preflight(server.url, other)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await call(server.url, other)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers no origin at all when CORS_ORIGINS is empty', async () => {
    const closed = await serve();
    expect((await preflight(closed.url, allowed)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await call(closed.url, allowed)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('when a request body is larger than BODY_LIMIT', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serve({ BODY_LIMIT: '1kb' });
  });

  /**
   * The same operation in each body format the API serves, padded with a comment to `size` characters
   * (form and multipart bodies are refused before they are read: test/api/csrf.test.ts).
   */
  const bodies = (size: number) => {
    const query = `{ viewer { roles } } #${'x'.repeat(size)}`;
    return {
      'application/json': () => postRaw(server.url, JSON.stringify({ query }), { 'content-type': 'application/json' }),
      'application/graphql+json': () =>
        postRaw(server.url, JSON.stringify({ query }), { 'content-type': 'application/graphql+json' }),
    };
  };

  it('answers 413 with a JSON GraphQL error, whatever the content type', async () => {
    for (const [type, send] of Object.entries(bodies(2000))) {
      const response = await send();
      expect(response.status, type).toBe(413);
      expect(response.headers.get('content-type'), type).toMatch(/^application\/json/);
      expect(await response.json(), type).toEqual({
        errors: [{ message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      });
    }
  });

  it('serves the same operations under the limit', async () => {
    for (const [type, send] of Object.entries(bodies(100))) {
      const response = await send();
      expect(response.status, type).toBe(200);
      expect(await response.json(), type).toEqual({ data: { viewer: null } });
    }
  });

  it('answers malformed JSON with a JSON GraphQL error, not a 500', async () => {
    const response = await postRaw(server.url, '{"query": ', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });
});

describe('when a query is too deep or has too many aliases', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serve();
  });

  /** `industryChains { segments { chain { segments … name } } }`: 1 + 2 × levels + 1 fields deep. */
  const nested = (levels: number) => {
    let selection = 'name';
    for (let i = 0; i < levels; i++) selection = `segments { chain { ${selection} } }`;
    return `{ industryChains { ${selection} } }`;
  };
  const aliased = (count: number) =>
    `{ ${Array.from({ length: count }, (_, i) => `o${i}: organizations(first: 1) { totalCount }`).join(' ')} }`;

  it('refuses a query deeper than 12 with a clear GraphQL error, not a 500', async () => {
    const answer = await post(server.url, nested(8));
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.[0]?.message).toMatch(/depth limit of 12 exceeded/i);
  });

  it('lets a query within the depth limit through to the access rules', async () => {
    const answer = await post(server.url, nested(5));
    expect(answer.body.errors?.[0]?.message ?? '').not.toMatch(/depth/i);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses more than 20 aliases with a clear GraphQL error', async () => {
    const answer = await post(server.url, aliased(21));
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.[0]?.message).toMatch(/aliases limit of 20 exceeded/i);
  });

  it('lets 20 aliases through to the access rules', async () => {
    const answer = await post(server.url, aliased(20));
    expect(answer.body.errors?.[0]?.message).not.toMatch(/alias/i);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('when NODE_ENV is production', () => {
  let production: TestServer;
  let development: TestServer;
  beforeAll(async () => {
    production = await serve({ NODE_ENV: 'production' });
    development = await serve({ NODE_ENV: 'development' });
  });

  it('refuses introspection of the schema and of a type', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Case") { fields { name } } }']) {
      const answer = await post(production.url, query);
      expect(answer.body.data ?? null, query).toBeNull();
      expect(answer.body.errors?.[0]?.message, query).toMatch(/introspection has been disabled/);
    }
  });

  it('does not serve GraphiQL to a browser', async () => {
    const response = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await response.text()).not.toMatch(/graphiql/i);
  });

  it('suggests no field names to a stranger', async () => {
    const answer = await post(production.url, '{ viewe { roles } }');
    expect(answer.body.errors?.[0]?.message).toBeDefined();
    expect(answer.body.errors?.[0]?.message).not.toMatch(/viewer/);
  });

  it('while in development introspection, GraphiQL and suggestions work', async () => {
    const introspection = await post<{ __schema: { types: { name: string }[] } }>(
      development.url,
      '{ __schema { types { name } } }',
    );
    expect(introspection.body.errors).toBeUndefined();
    expect(introspection.body.data!.__schema.types.map((t) => t.name)).toContain('Case');
    const page = await fetch(`${development.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('GraphiQL');
    expect((await post(development.url, '{ viewe { roles } }')).body.errors?.[0]?.message).toMatch(/"viewer"/);
  });
});

describe('when a client sends more than REQUESTS_PER_MINUTE requests to /graphql', () => {
  it('answers 429 with a JSON GraphQL error once the limit is used up, and leaves the probes alone', async () => {
    const server = await serve({ REQUESTS_PER_MINUTE: '5' });
    for (let i = 1; i <= 5; i++) {
      const answer = await post(server.url, '{ viewer { roles } }');
      expect(answer.status, `request ${i}`).toBe(200);
    }
    const limited = await post(server.url, '{ viewer { roles } }');
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('ratelimit-policy')).toMatch(/^"5-in-1min"/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('when one address tries to sign in too often', () => {
  it('answers RateLimited after LOGIN_ATTEMPTS_PER_IP attempts, even with the right password, for 15 minutes', async () => {
    const clock = new TestClock();
    const env = { LOGIN_ATTEMPTS_PER_IP: '3' };
    const server = await serve(env, clock.now);
    for (const email of ['officer@icsr.example', 'officer2@icsr.example', 'panel2@icsr.example']) {
      expect((await login(server.url, { email, password: 'Wrong-Password-1' })).__typename).toBe('InvalidCredentials');
    }
    expect(await login(server.url, { email: 'auditor@icsr.example' })).toEqual({
      __typename: 'RateLimited',
      message: expect.any(String),
      retryAfterSeconds: 900,
    });

    const later = await serve(env, () => clock.later(minutes(16)));
    expect((await login(later.url, { email: 'auditor@icsr.example' })).__typename).toBe('Session');
  });
});
