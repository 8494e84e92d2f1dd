/**
 * Operations: /metrics (who may scrape it, what it reports), the queue dashboard at /admin/queues
 * behind an administrator's short-lived cookie, and the embedded runner's dead letter and retry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema/messaging.ts';
import { ForbiddenError } from '../../src/domain/errors.ts';
import { openApiQueues } from '../../src/jobs/api-queues.ts';
import { retryDeadJob } from '../../src/jobs/dead-jobs.ts';
import { runOutboxBatch } from '../../src/jobs/embedded.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { actorFor, controllableClock, jobContext, outboxRow, silentLogger, testPrefix, testRedis } from './support.ts';

let database: TestDatabase;
const cleanups: (() => Promise<unknown>)[] = [];
beforeEach(async () => {
  database = await createTestDatabase({ seeded: true });
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  await database.destroy();
});

async function serve(options: Parameters<typeof startTestServer>[1] = {}): Promise<TestServer> {
  const server = await startTestServer(database, options);
  cleanups.push(() => server.close());
  return server;
}

describe('/metrics', () => {
  it('is open outside production without METRICS_TOKEN and reports the outbox and job metrics', async () => {
    const server = await serve();
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = await response.text();
    // The seed leaves its notices waiting.
    expect(body).toMatch(/^icsr_outbox_pending [1-9]\d*$/m);
    expect(body).toContain('# TYPE icsr_job_latency_seconds histogram');
    expect(body).toContain('# TYPE icsr_job_failures_total counter');
    expect(body).toContain('# TYPE icsr_queue_jobs gauge');
  });

  it('asks for the METRICS_TOKEN bearer when one is set', async () => {
    const server = await serve({ env: { METRICS_TOKEN: 'scrape-me-0123456789' } });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456' } })).status,
    ).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer scrape-me-0123456789' } });
    expect(ok.status).toBe(200);
  });

  it('is off in production without METRICS_TOKEN', async () => {
    const server = await serve({ env: { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) } });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  it('reports the depth of each queue in worker mode', async () => {
    const redis = await testRedis();
    cleanups.push(() => redis.close());
    const queues = openApiQueues(redis.url, silentLogger, testPrefix());
    cleanups.push(() => Promise.all(queues.map((q) => q.obliterate({ force: true }).then(() => q.close()))));
    await queues[0]!.add('notify', { outboxId: 'x' }, { delay: 60_000 });
    const server = await serve({ deps: { queues } });
    const body = await (await fetch(`${server.url}/metrics`)).text();
    expect(body).toContain('icsr_queue_jobs{queue="icsr-outbox",state="delayed"} 1');
    expect(body).toContain('icsr_queue_jobs{queue="icsr-clocks",state="waiting"} 0');
  });
});

describe('/admin/queues', () => {
  it('opens only for an administrator, through a short-lived HTTP-only cookie', async () => {
    const redis = await testRedis();
    cleanups.push(() => redis.close());
    const queues = openApiQueues(redis.url, silentLogger, testPrefix());
    cleanups.push(() => Promise.all(queues.map((q) => q.close())));
    const server = await serve({ deps: { queues } });
    expect((await fetch(`${server.url}/admin/queues`)).status).toBe(401);

    const session = (headers: Record<string, string>) =>
      fetch(`${server.url}/admin/queues/session`, { method: 'POST', headers });
    expect((await session({})).status).toBe(401);
    expect((await session(await bearerFor(database, 'officer@icsr.example'))).status).toBe(403);
    expect((await session(await bearerFor(database, 'auditor@icsr.example'))).status).toBe(403);

    const opened = await session(await bearerFor(database, 'admin@icsr.example'));
    expect(opened.status).toBe(204);
    const cookie = opened.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
    expect(cookie).toMatch(/Max-Age=900/);
    expect(cookie).not.toMatch(/Secure/);
    const value = cookie.split(';')[0]!;
    const page = await fetch(`${server.url}/admin/queues`, { headers: { cookie: value } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const api = await fetch(`${server.url}/admin/queues/api/queues`, { headers: { cookie: value } });
    expect(api.status).toBe(200);
    expect(JSON.stringify(await api.json())).toContain('icsr-outbox');
    // A forged or stale cookie opens nothing.
    const forged = await fetch(`${server.url}/admin/queues/api/queues`, { headers: { cookie: `${value}x` } });
    expect(forged.status).toBe(401);
  });

  it('sets a Secure cookie in production and says there are no queues in the embedded mode', async () => {
    const server = await serve({ env: { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) } });
    const opened = await fetch(`${server.url}/admin/queues/session`, {
      method: 'POST',
      headers: await bearerFor(database, 'admin@icsr.example'),
    });
    expect(opened.headers.get('set-cookie')).toMatch(/Secure/);
    const page = await fetch(`${server.url}/admin/queues`, {
      headers: { cookie: opened.headers.get('set-cookie')!.split(';')[0]! },
    });
    expect(page.status).toBe(404);
  });
});

describe('the embedded dead letter', () => {
  it('retries with backoff, marks the row DEAD after the last attempt, and runs it again when an administrator retries it', async () => {
    let healthy = false;
    let runs = 0;
    const time = controllableClock(SEED_INSTANT);
    const context = {
      ...jobContext(database, time.now),
      retry: { attempts: 3, backoffMs: 1_000 },
      handlers: {
        'test.flaky': async () => {
          runs += 1;
          if (!healthy) throw new Error('the receiver is down');
        },
      },
    };
    await database.db.delete(outbox);
    const [row] = await database.db
      .insert(outbox)
      .values({ topic: 'test.flaky', payload: {}, availableAt: SEED_INSTANT, createdAt: SEED_INSTANT })
      .returning();

    await runOutboxBatch(context);
    expect(await outboxRow(database, row!.id)).toMatchObject({ status: 'PENDING', attempts: 1 });
    // Not before its backoff (1 s, then 2 s).
    expect(await runOutboxBatch(context)).toBe(0);
    time.set(new Date(SEED_INSTANT.getTime() + 1_000));
    await runOutboxBatch(context);
    expect(await outboxRow(database, row!.id)).toMatchObject({ status: 'PENDING', attempts: 2 });
    time.set(new Date(SEED_INSTANT.getTime() + 3_000));
    await runOutboxBatch(context);
    expect(await outboxRow(database, row!.id)).toMatchObject({ status: 'DEAD', attempts: 3 });
    time.set(new Date(SEED_INSTANT.getTime() + 60_000));
    expect(await runOutboxBatch(context)).toBe(0);
    expect(runs).toBe(3);

    const officer = await actorFor(database, 'officer@icsr.example');
    await expect(database.db.transaction((tx) => retryDeadJob(tx, officer, row!.id, time.now()))).rejects.toThrow(
      ForbiddenError,
    );
    healthy = true;
    const admin = await actorFor(database, 'admin@icsr.example');
    await database.db.transaction((tx) => retryDeadJob(tx, admin, row!.id, time.now()));
    await runOutboxBatch(context);
    expect(await outboxRow(database, row!.id)).toMatchObject({ status: 'DONE', attempts: 1 });
    expect(runs).toBe(4);
  });
});
