/**
 * The API and the worker survive their database: connections terminated mid-request, and PostgreSQL
 * stopped for 15 s under a steady stream of transitions. No process ends, every refused request is a
 * typed, retryable 503, `/readyz` reports the outage, service resumes by itself, and afterwards no
 * acknowledged transition is lost or doubled and every notice, e-mail and webhook went out once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/database/database.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import {
  type ApiProcess,
  type Child,
  type DeliverySinks,
  deliverySinks,
  eventually,
  matchDeliveries,
  type PrivatePostgres,
  privatePostgres,
  privateRedis,
  registerWebhook,
  report,
  sleep,
  startApi,
  startWorker,
  streamOutcome,
  TransitionStream,
  terminateBackends,
  urlOf,
} from './support.ts';

let sinks: DeliverySinks;
beforeAll(async () => {
  sinks = await deliverySinks();
});
afterAll(async () => {
  await sinks.close();
});

/** Sent, committed, delivered, duplicated and lost for a stream, checked against the sinks. */
async function settle(database: Parameters<typeof streamOutcome>[0], stream: TransitionStream) {
  const outcome = await eventually(async () => {
    const o = await streamOutcome(database, stream.titlePrefix);
    return o.notices_pending === 0 ? o : null;
  }, 90_000);
  const matched = await matchDeliveries(database, stream.titlePrefix, sinks);
  return {
    outcome,
    ...matched,
    lost: stream.acknowledged - outcome.distinct_titles + (matched.deliveries - matched.received),
  };
}

describe('the database goes away', () => {
  it('survives its connections being terminated mid-request (5 rounds under write load)', async () => {
    const database: TestDatabase = await createTestDatabase({ seeded: true });
    let api: ApiProcess | undefined;
    try {
      await registerWebhook(database, sinks.webhookUrl);
      // No REDIS_URL: the embedded runner delivers the notices from this same pool.
      api = await startApi('api', { DATABASE_URL: await urlOf(database), SMTP_URL: sinks.smtpUrl });
      const apis = [api];
      const stream = await TransitionStream.create(database, () => apis);
      stream.start(4, 10);
      let terminated = 0;
      for (let round = 0; round < 5; round++) {
        await sleep(1_000);
        terminated += await terminateBackends(database);
      }
      await sleep(1_000);
      await stream.stop();
      expect(api.running()).toBe(true);
      expect(stream.unexpected).toEqual([]);
      const result = await settle(database, stream);
      expect(result.outcome.cases).toBe(stream.acknowledged);
      expect(result.outcome.distinct_titles).toBe(stream.acknowledged);
      expect(result.outcome.dead).toBe(0);
      expect(result.received).toBe(result.deliveries);
      expect(result.duplicated).toBe(0);
      expect(api.output()).not.toMatch(/uncaught|TypeError/i);
      report({
        fault: 'API database connections terminated mid-request',
        injected: `pg_terminate_backend of every API connection, 5 rounds 1 s apart (${terminated} backends) under 4 lanes of openCase`,
        checked:
          'process alive; each refusal a 503 SERVICE_UNAVAILABLE; retried with the idempotency key; cases, notices, e-mails, webhooks',
        sent: stream.sent,
        committed: result.outcome.cases,
        delivered: result.received,
        duplicated: result.duplicated,
        lost: result.lost,
        figures: `${result.resent} re-sent under the same delivery id; answers: ${JSON.stringify(Object.fromEntries(stream.answers))}; ${result.deliveries} deliveries`,
        result: 'pass',
      });
    } finally {
      await api?.kill();
      await database.destroy();
    }
  });

  describe('PostgreSQL stopped for 15 s, then started again', () => {
    let cluster: PrivatePostgres;
    let redis: Awaited<ReturnType<typeof privateRedis>>;
    let api: ApiProcess;
    let worker: Child;

    beforeAll(async () => {
      cluster = await privatePostgres();
      redis = await privateRedis();
      const database = openPostgres(cluster.url, { max: 2 });
      await registerWebhook(database, sinks.webhookUrl);
      await database.close();
      const env = {
        DATABASE_URL: cluster.url,
        REDIS_URL: redis.url,
        SMTP_URL: sinks.smtpUrl,
        SHUTDOWN_TIMEOUT_MS: '5000',
      };
      api = await startApi('api', env);
      worker = await startWorker('worker', env);
    });
    afterAll(async () => {
      await api?.kill();
      await worker?.kill();
      await redis?.stop();
      await cluster?.destroy();
    });

    it('answers 503 meanwhile, reports not ready, and serves again by itself', async () => {
      const database = openPostgres(cluster.url, { max: 2 });
      const stream = await TransitionStream.create(database, () => [api]);
      await database.close();
      stream.start(2, 50);
      await sleep(2_000);
      await cluster.stop();
      const stoppedAt = Date.now();
      const readiness: number[] = [];
      while (Date.now() - stoppedAt < 15_000) {
        readiness.push((await api.ready()).status);
        await sleep(500);
      }
      await cluster.start();
      const startedAt = Date.now();
      await eventually(async () => (await api.ready()).status === 200, 30_000);
      const readyAfterMs = Date.now() - startedAt;
      const before = stream.acknowledged;
      await eventually(async () => stream.acknowledged > before, 30_000);
      const servingAfterMs = Date.now() - startedAt;
      await sleep(1_000);
      await stream.stop();

      expect(api.running()).toBe(true);
      expect(worker.running()).toBe(true);
      expect(readiness).toContain(503);
      expect(stream.answers.get('unavailable') ?? 0).toBeGreaterThan(0);
      expect(stream.unexpected).toEqual([]);
      const check = openPostgres(cluster.url, { max: 2 });
      try {
        const result = await settle(check, stream);
        expect(result.outcome.cases).toBe(stream.acknowledged);
        expect(result.outcome.distinct_titles).toBe(stream.acknowledged);
        expect(result.outcome.dead).toBe(0);
        expect(result.received).toBe(result.deliveries);
        expect(result.duplicated).toBe(0);
        report({
          fault: 'PostgreSQL stopped 15 s and started again (API + worker + Redis)',
          injected: 'pg_ctl stop -m fast of a private cluster under 2 lanes of openCase, start after 15 s',
          checked:
            'API and worker alive; 503 SERVICE_UNAVAILABLE meanwhile; /readyz 503 then 200; cases, notices, e-mails, webhooks',
          sent: stream.sent,
          committed: result.outcome.cases,
          delivered: result.received,
          duplicated: result.duplicated,
          lost: result.lost,
          figures: `${result.resent} re-sent under the same delivery id; /readyz 200 ${readyAfterMs} ms and first write ${servingAfterMs} ms after the start; answers: ${JSON.stringify(Object.fromEntries(stream.answers))}`,
          result: 'pass',
        });
      } finally {
        await check.close();
      }
    });

    it('exits within SHUTDOWN_TIMEOUT_MS on SIGTERM while PostgreSQL is stopped', async () => {
      await cluster.stop();
      // A request in flight towards the stopped database.
      const pending = api.graphql('{ cases { totalCount } }').catch(() => null);
      const [apiExit, workerExit] = await Promise.all([api.terminate(), worker.terminate()]);
      await pending;
      expect(apiExit.ms).toBeLessThan(5_000 + 500);
      expect(workerExit.ms).toBeLessThan(5_000 + 500);
      report({
        fault: 'SIGTERM while PostgreSQL is stopped',
        injected: 'pg_ctl stop, then SIGTERM to the API (a request in flight) and the worker; SHUTDOWN_TIMEOUT_MS=5000',
        checked: 'both processes exit within SHUTDOWN_TIMEOUT_MS',
        sent: 1,
        committed: 0,
        delivered: null,
        duplicated: 0,
        lost: 0,
        figures: `API exited in ${apiExit.ms} ms (code ${apiExit.code}), worker in ${workerExit.ms} ms (code ${workerExit.code})`,
        result: 'pass',
      });
      await cluster.start();
    });
  });
});
