/**
 * Redis and the worker fail: Redis stopped for 30 s under a steady stream of transitions, a worker
 * SIGKILLed in the middle of a backlog of notices, deliveries and clock wake-ups, and SIGTERM while
 * Redis does not answer. Afterwards nothing acknowledged is lost, no notice, e-mail, webhook or
 * wake-up happened twice, and the dead worker's jobs moved on within the lock duration.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/database/database.ts';
import { defaultLockDurationMs, defaultStalledIntervalMs } from '../../src/jobs/queue-runtime.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import {
  type ApiProcess,
  type Child,
  type DeliverySinks,
  deliverySinks,
  eventually,
  matchDeliveries,
  type PersistentRedis,
  persistentRedis,
  registerWebhook,
  report,
  sleep,
  startApi,
  startWorker,
  streamOutcome,
  TransitionStream,
  urlOf,
} from './support.ts';

let sinks: DeliverySinks;
let database: TestDatabase;
let redis: PersistentRedis;
let env: Record<string, string>;
const children: Child[] = [];

beforeAll(async () => {
  sinks = await deliverySinks({ webhookDelayMs: 100 });
  database = await createTestDatabase({ seeded: true });
  await registerWebhook(database, sinks.webhookUrl);
  redis = await persistentRedis();
  env = {
    DATABASE_URL: await urlOf(database),
    REDIS_URL: redis.url,
    SMTP_URL: sinks.smtpUrl,
    SHUTDOWN_TIMEOUT_MS: '5000',
  };
});
afterAll(async () => {
  await Promise.all(children.map((child) => child.kill()));
  await redis?.destroy();
  await sinks?.close();
  await database?.destroy();
});

async function api(name: string) {
  const child = await startApi(name, env);
  children.push(child);
  return child;
}
async function worker(name: string) {
  const child = await startWorker(name, env);
  children.push(child);
  return child;
}

/** Settles a stream: every notice done, and what the sinks got, by delivery id. */
async function settle(stream: TransitionStream, timeoutMs = 90_000) {
  const outcome = await eventually(async () => {
    const o = await streamOutcome(database, stream.titlePrefix);
    return o.notices_pending === 0 ? o : null;
  }, timeoutMs);
  const matched = await matchDeliveries(database, stream.titlePrefix, sinks);
  return {
    outcome,
    ...matched,
    lost: stream.acknowledged - outcome.distinct_titles + (matched.deliveries - matched.received),
  };
}

describe('Redis and the worker fail', () => {
  let theApi: ApiProcess | undefined;
  let first: Child | undefined;

  it('accepts every transition while Redis is down for 30 s and delivers everything once when it returns', async () => {
    theApi = await api('api');
    first = await worker('worker-1');
    const api1 = theApi;
    const stream = await TransitionStream.create(database, () => [api1]);
    stream.start(2, 100);
    await sleep(2_000);
    await redis.stop();
    const down = Date.now();
    const readiness = new Set<string>();
    while (Date.now() - down < 30_000) {
      readiness.add((await theApi.ready()).body.status);
      await sleep(1_000);
    }
    const acknowledgedWhileDown = stream.acknowledged;
    await redis.start();
    const back = Date.now();
    await sleep(1_000);
    await stream.stop();
    const result = await settle(stream);
    const deliveredAfterMs = Date.now() - back;
    expect(theApi.running() && first.running()).toBe(true);
    expect(readiness).toContain('degraded');
    expect(stream.unexpected).toEqual([]);
    expect(stream.answers.get('unavailable') ?? 0).toBe(0);
    expect(result.outcome.cases).toBe(stream.acknowledged);
    expect(result.outcome.distinct_titles).toBe(stream.acknowledged);
    expect(result.outcome.dead).toBe(0);
    expect(result.received).toBe(result.deliveries);
    expect(result.duplicated).toBe(0);
    expect(await theApi.ready()).toMatchObject({ status: 200, body: { status: 'ready' } });
    report({
      fault: 'Redis stopped 30 s under transitions (API + worker)',
      injected:
        'SIGTERM to a private redis-server (append-only file) under 2 lanes of openCase; started again after 30 s',
      checked: 'every transition accepted meanwhile; /readyz degraded, then ready; notices, e-mails, webhooks once',
      sent: stream.sent,
      committed: result.outcome.cases,
      delivered: result.received,
      duplicated: result.duplicated,
      lost: result.lost,
      figures: `${result.resent} re-sent under the same delivery id; ${acknowledgedWhileDown} transitions acknowledged by the end of the outage; all delivered ${deliveredAfterMs} ms after Redis returned; /readyz: ${[...readiness].join(', ')}`,
      result: 'pass',
    });
  });

  it('hands a SIGKILLed worker’s notices, deliveries and wake-ups to another, each done once', async () => {
    // A backlog: transitions while no worker runs, then every stream case's clock falls due.
    const api1 = theApi ?? (await api('api'));
    theApi = api1;
    await first?.terminate();
    const stream = await TransitionStream.create(database, () => [api1]);
    stream.start(4, 0);
    await sleep(8_000);
    await stream.stop();
    const cases = stream.acknowledged;
    // TEST SETUP: the cases' screening clocks fall due now (written directly, with the microseconds
    // of now()), so the worker's start-up reconciliation schedules one wake-up job.
    await database.db.execute(sql`
      update clocks set due_at = now() - interval '1 minute', next_wake_at = now() - interval '1 minute'
      where stopped_at is null and case_id in (select id from cases where title like ${`${stream.titlePrefix}-%`})`);

    const doomed = await worker('worker-doomed');
    const progress = async () => {
      const [row] = await selectRows<{ done: number; breached: number }>(
        database.db,
        sql`select (select count(*)::int from notification_deliveries d join outbox o on o.id = d.source_outbox_id
                     join cases c on c.id = o.case_id where c.title like ${`${stream.titlePrefix}-%`} and d.status = 'DELIVERED') as done,
                   (select count(*)::int from clocks k join cases c on c.id = k.case_id
                     where c.title like ${`${stream.titlePrefix}-%`} and k.breached_at is not null) as breached`,
      );
      return row!;
    };
    await eventually(async () => (await progress()).done > 0, 60_000);
    const atKill = await progress();
    await doomed.kill();
    const killedAt = Date.now();
    const survivor = await worker('worker-survivor');
    const result = await settle(stream, 120_000);
    await eventually(async () => (await progress()).breached === cases, 60_000);
    const takeoverMs = Date.now() - killedAt;
    const [wakes] = await selectRows<{ entries: number; clocks: number }>(
      database.db,
      sql`select count(*)::int as entries, count(distinct a.entity_id)::int as clocks from audit_entries a
          join cases c on c.id = a.case_id
          where a.action = 'clock.breached' and c.title like ${`${stream.titlePrefix}-%`}`,
    );
    expect(survivor.running()).toBe(true);
    expect(stream.unexpected).toEqual([]);
    expect(result.outcome.distinct_titles).toBe(cases);
    expect(result.outcome.dead).toBe(0);
    expect(result.received).toBe(result.deliveries);
    expect(result.duplicated).toBe(0);
    expect(wakes!.entries).toBe(cases);
    expect(wakes!.clocks).toBe(cases);
    // Lock duration + one stalled-job check + the work itself.
    expect(takeoverMs).toBeLessThan(defaultLockDurationMs + defaultStalledIntervalMs + 30_000);
    report({
      fault: 'worker SIGKILLed mid-batch (notices, deliveries, clock wake-ups)',
      injected: `SIGKILL to the only worker while it worked through ${cases} cases' notices (webhook receiver answering in 100 ms) and ${cases} clocks due at once; a second worker started at once`,
      checked:
        'every notice, e-mail and webhook delivered once; each clock breached once (one audit entry); nothing dead',
      sent: stream.sent,
      committed: result.outcome.cases,
      delivered: result.received,
      duplicated: result.duplicated + (wakes!.entries - wakes!.clocks),
      lost: result.lost + (cases - wakes!.clocks),
      figures: `${result.resent} webhooks/e-mails in flight at the kill re-sent under the same delivery id (dropped by the receiver); killed after ${atKill.done} deliveries and ${atKill.breached} wake-ups; all done ${takeoverMs} ms after the kill (lock ${defaultLockDurationMs} ms, stalled check every ${defaultStalledIntervalMs} ms)`,
      result: 'pass',
    });
    first = survivor;
  });

  it('stops the worker and the API within SHUTDOWN_TIMEOUT_MS while Redis does not answer', async () => {
    await redis.stop();
    await sleep(1_000);
    if (!first || !theApi) throw new Error('the earlier tests of this file did not run');
    const [workerExit, apiExit] = await Promise.all([first.terminate(), theApi.terminate()]);
    await redis.start();
    expect(workerExit.ms).toBeLessThan(5_000 + 500);
    expect(apiExit.ms).toBeLessThan(5_000 + 500);
    report({
      fault: 'SIGTERM while Redis is unreachable',
      injected: 'redis-server stopped, then SIGTERM to the worker and the API; SHUTDOWN_TIMEOUT_MS=5000',
      checked: 'both processes exit within SHUTDOWN_TIMEOUT_MS (issue 12, finding 8)',
      sent: 0,
      committed: 0,
      delivered: null,
      duplicated: 0,
      lost: 0,
      figures: `worker exited in ${workerExit.ms} ms (code ${workerExit.code}), API in ${apiExit.ms} ms (code ${apiExit.code})`,
      result: 'pass',
    });
  });
});
