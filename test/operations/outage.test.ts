/**
 * What a client meets while the database is away and while the server shuts down, in-process on
 * both engines (the fault suite, `npm run test:faults`, does the same to real processes): a
 * retryable 503 with a code, never "Unexpected error."; `/readyz` not ready; subscriptions that end
 * with `event: complete` and new requests refused once shutdown begins. And who may run the jobs
 * of a database: the embedded runner alone, or any number of workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/database/database.ts';
import { isDatabaseUnavailable } from '../../src/database/database-errors.ts';
import { takeRunnerLock } from '../../src/jobs/runner-lock.ts';
import { createLogger } from '../../src/logger.ts';
import { freePort } from '../faults/support.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const logger = createLogger({ logLevel: 'silent' });
let database: TestDatabase;
let officer: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  officer = await bearerFor(database, 'officer@icsr.example');
});
afterAll(async () => {
  await database?.destroy();
});

describe('a lost database connection', () => {
  it('is told apart from other failures, through the causes drizzle and GraphQL wrap around it', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new Error('Failed query: insert …', { cause: terminated }))).toBe(true);
    expect(isDatabaseUnavailable({ originalError: new Error('wrapped', { cause: refused }) })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of null (reading 'id')"))).toBe(false);
  });
});

describe('while PostgreSQL does not answer', () => {
  let server: TestServer;
  let unreachable: ReturnType<typeof openPostgres>;

  beforeAll(async () => {
    // A server nobody listens on: every connection is refused, as during a restart.
    unreachable = openPostgres(`postgres://postgres@127.0.0.1:${await freePort()}/icsr`, { max: 2 });
    server = await startTestServer({ ...unreachable, destroy: () => unreachable.close() });
  });
  afterAll(async () => {
    await server?.close();
    await unreachable?.close();
  });

  it('answers GraphQL with 503 SERVICE_UNAVAILABLE and Retry-After, never "Unexpected error."', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...officer },
      body: JSON.stringify({ query: '{ cases(first: 1) { totalCount } }' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(body.errors[0]).toMatchObject({
      message: 'The database is not reachable right now; retry shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    });
  });

  it('answers REST routes with the same 503, and /readyz with 503 while /healthz stays up', async () => {
    const document = await fetch(`${server.url}/documents/00000000-0000-4000-8000-000000000000`, { headers: officer });
    expect(document.status).toBe(503);
    expect(await document.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', retryable: true } });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', checks: { database: { status: 'down' } } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('when shutdown begins', () => {
  it('ends open subscriptions with event: complete and refuses new requests with 503 SHUTTING_DOWN', async () => {
    const shutdown = new AbortController();
    const server = await startTestServer(database, { deps: { shutdown: shutdown.signal } });
    try {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...officer },
        body: JSON.stringify({ query: 'subscription { inbox { id } }' }),
      });
      const text = response.text();
      await new Promise((resolve) => setTimeout(resolve, 200));
      shutdown.abort();
      expect(await text).toMatch(/^event: complete$/m);
      const late = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...officer },
        body: JSON.stringify({ query: '{ viewer { roles } }' }),
      });
      expect(late.status).toBe(503);
      expect(await late.json()).toMatchObject({ errors: [{ extensions: { code: 'SHUTTING_DOWN' } }] });
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('who runs the jobs of a database', () => {
  it('lets workers share it and keeps the embedded runner out while they hold it (PGlite: one process, always granted)', async () => {
    if (!onPostgres()) {
      const lock = await takeRunnerLock(database, 'embedded', logger);
      expect(lock).not.toBeNull();
      await lock!.release();
      return;
    }
    const first = await takeRunnerLock(database, 'worker', logger);
    const second = await takeRunnerLock(database, 'worker', logger);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(await takeRunnerLock(database, 'embedded', logger)).toBeNull();
    await first!.release();
    await second!.release();
    const embedded = await takeRunnerLock(database, 'embedded', logger);
    expect(embedded).not.toBeNull();
    expect(await takeRunnerLock(database, 'worker', logger)).toBeNull();
    expect(await takeRunnerLock(database, 'embedded', logger)).toBeNull();
    await embedded!.release();
  });
});
