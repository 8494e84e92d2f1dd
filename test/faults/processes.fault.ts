/**
 * Several processes on one database and one Redis, and SIGTERM under load. Two API processes and
 * two workers share a PostgreSQL database and a Redis: transitions spread over both APIs, a
 * subscription on one API hears what was done through the other, notices, deliveries and wake-ups
 * are handled once between the workers, and an API without REDIS_URL never runs the jobs beside
 * them (nor they beside it). SIGTERM with requests in flight and SSE subscribers attached: the
 * requests complete, the streams end with `event: complete`, new connections are refused and the
 * process exits within SHUTDOWN_TIMEOUT_MS.
 */
import { request } from 'node:http';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/database/database.ts';
import { bearerFor } from '../support/sign-in.ts';
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
  spawnEntry,
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
  sinks = await deliverySinks();
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

const track = <T extends Child>(child: T) => {
  children.push(child);
  return child;
};

/** A raw SSE subscription: every byte the server sent, and whether it ended with `event: complete`. */
function subscribe(
  api: ApiProcess,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  let text = '';
  const ended = fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
  }).then(async (response) => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return { complete: /^event: complete$/m.test(text) };
      text += chunk.value;
    }
  });
  return {
    ended,
    events: () => [...text.matchAll(/^event: next\ndata: (.*)$/gm)].map((m) => JSON.parse(m[1]!)),
  };
}

const caseEvents = 'subscription($caseId: ID!) { caseEvents(caseId: $caseId) { action resultingState } }';
const inbox = 'subscription { inbox { id kind caseId } }';

describe('two APIs and two workers on one PostgreSQL database and one Redis', () => {
  let apis: ApiProcess[];

  it('spreads transitions, shares live events, and handles every notice, delivery and wake-up once', async () => {
    apis = [track(await startApi('api-a', env)), track(await startApi('api-b', env))];
    // A backlog made through both APIs before any worker runs, with every clock of it due.
    const stream = await TransitionStream.create(database, () => apis);
    stream.start(4, 0);
    await sleep(6_000);
    await stream.stop();
    await database.db.execute(sql`
      update clocks set due_at = date_trunc('milliseconds', now() - interval '1 minute'),
        next_wake_at = date_trunc('milliseconds', now() - interval '1 minute')
      where stopped_at is null and case_id in (select id from cases where title like ${`${stream.titlePrefix}-%`})`);
    const workers = await Promise.all([startWorker('worker-a', env), startWorker('worker-b', env)]);
    workers.forEach(track);

    // Live: subscribed on API A, caused through API B.
    const officer = await bearerFor(database, 'officer@icsr.example');
    const firm = await bearerFor(database, 'rep@huaxin.example');
    const [target] = await selectRows<{ id: string; version: number }>(
      database.db,
      sql`select id, version from cases where title = ${`${stream.titlePrefix}-0`}`,
    );
    const caseId = encodeGlobalID('Case', target!.id);
    const events = subscribe(apis[0]!, caseEvents, { caseId }, officer);
    const notices = subscribe(apis[0]!, inbox, {}, firm);
    await sleep(1_500);
    const closed = await apis[1]!.graphql<{ closeAfterScreening: { __typename: string } }>(
      'mutation($input: CaseActionInput!) { closeAfterScreening(input: $input) { __typename } }',
      { input: { caseId, expectedVersion: target!.version, reason: 'Nothing to review.' } },
      officer,
    );
    expect(closed.body.data?.closeAfterScreening.__typename).toBe('CaseTransitioned');
    await eventually(async () => events.events().some((e) => e.data?.caseEvents?.resultingState === 'CLOSED'), 30_000);
    await eventually(async () => notices.events().some((e) => e.data?.inbox?.caseId === caseId), 30_000);

    const outcome = await eventually(async () => {
      const o = await streamOutcome(database, stream.titlePrefix);
      return o.notices_pending === 0 ? o : null;
    }, 90_000);
    const matched = await matchDeliveries(database, stream.titlePrefix, sinks);
    const [wakes] = await selectRows<{ entries: number; clocks: number }>(
      database.db,
      sql`select count(*)::int as entries, count(distinct a.entity_id)::int as clocks from audit_entries a
          join cases c on c.id = a.case_id where a.action = 'clock.breached' and c.title like ${`${stream.titlePrefix}-%`}`,
    );
    expect(stream.unexpected).toEqual([]);
    expect(outcome.distinct_titles).toBe(stream.acknowledged);
    expect(outcome.cases).toBe(stream.acknowledged);
    expect(outcome.dead).toBe(0);
    expect(matched.received).toBe(matched.deliveries);
    expect(matched.duplicated).toBe(0);
    expect(matched.resent).toBe(0);
    expect(wakes!.entries).toBe(stream.acknowledged);
    expect(wakes!.clocks).toBe(stream.acknowledged);
    report({
      fault: 'two API processes and two workers, one database and one Redis',
      injected: `${stream.sent} openCase round-robin over two APIs, ${stream.acknowledged} clocks due at once, then two workers; caseEvents and inbox subscribed on API A, the transition sent through API B`,
      checked:
        'subscriptions on A receive what B caused; notices, e-mails, webhooks and wake-ups once between the workers',
      sent: stream.sent,
      committed: outcome.cases,
      delivered: matched.received,
      duplicated: matched.duplicated + matched.resent + (wakes!.entries - wakes!.clocks),
      lost: stream.acknowledged - outcome.distinct_titles + (matched.deliveries - matched.received),
      figures: `${wakes!.clocks} clocks breached once each; caseEvents and inbox events crossed from API B to API A`,
      result: 'pass',
    });
  });

  it('never lets an API without REDIS_URL run the jobs beside the workers, nor a worker beside it', async () => {
    const { REDIS_URL: _redis, ...withoutRedis } = env;
    const embedded = track(await startApi('api-embedded', withoutRedis));
    await eventually(async () => embedded.output().includes('jobs do not run in this process'), 30_000);
    // The workers go; the next API without Redis runs the jobs, and now a worker refuses to start.
    const workers = children.filter((c) => c.name.startsWith('worker-') && c.running());
    await Promise.all(workers.map((w) => w.terminate()));
    await embedded.terminate();
    const runner = track(await startApi('api-runner', withoutRedis));
    await eventually(async () => runner.output().includes('run in this process'), 30_000);
    const refused = track(spawnEntry('worker-refused', 'src/worker.ts', env));
    const exit = await refused.exit;
    expect(exit.code).toBe(1);
    expect(refused.output()).toContain('an API process without REDIS_URL runs the jobs of this database');
    await runner.terminate();
    report({
      fault: 'an API without REDIS_URL beside Redis-backed workers',
      injected:
        'API started without REDIS_URL while two workers ran; then a worker started while that API ran the jobs',
      checked: 'the API serves but does not run jobs; the worker refuses to start (exit 1, one line)',
      sent: 0,
      committed: 0,
      delivered: null,
      duplicated: 0,
      lost: 0,
      figures: 'PostgreSQL advisory lock: shared per worker, exclusive for the embedded runner',
      result: 'pass',
    });
  });
});

describe('SIGTERM under load', () => {
  it('completes requests in flight, ends the SSE streams cleanly, refuses new connections, exits in time', async () => {
    // The default SHUTDOWN_TIMEOUT_MS: the ten mutations finish one after another on a busy machine.
    const api = track(await startApi('api-sigterm', { ...env, SHUTDOWN_TIMEOUT_MS: '10000' }));
    const officer = await bearerFor(database, 'officer@icsr.example');
    const stream = await TransitionStream.create(database, () => [api]);
    const streams = Array.from({ length: 3 }, () => subscribe(api, inbox, {}, officer));
    await sleep(1_000);
    // Ten mutations whose bodies arrive over 1.5 s: in flight when the signal comes.
    const key = (n: number) => `${stream.titlePrefix}-${n}`;
    const inFlight = Array.from(
      { length: 10 },
      (_, n) =>
        new Promise<number>((resolve, reject) => {
          const body = JSON.stringify({
            query: 'mutation($input: OpenCaseInput!) { openCase(input: $input) { __typename } }',
            variables: { input: { title: key(n), subject: 'RELOCATION', idempotencyKey: key(n) } },
          });
          const req = request(`${api.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...officer },
          });
          req.on('response', (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          });
          req.on('error', reject);
          req.write(body.slice(0, 20));
          setTimeout(() => req.end(body.slice(20)), 1_500);
        }),
    );
    await sleep(300);
    const exit = api.terminate();
    await sleep(200);
    // A new connection (no keep-alive socket of an earlier request) after the signal.
    const late = await new Promise<string>((resolve) => {
      const req = request(`${api.url}/readyz`, { agent: false }, (res) => {
        res.resume();
        resolve(`HTTP ${res.statusCode}`);
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
    const statuses = await Promise.all(inFlight);
    const ends = await Promise.all(streams.map((s) => s.ended));
    const { code, ms } = await exit;
    const [committed] = await selectRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from cases where title like ${`${stream.titlePrefix}-%`}`,
    );
    expect(statuses).toEqual(Array(10).fill(200));
    expect(committed!.n).toBe(10);
    expect(ends.every((e) => e.complete)).toBe(true);
    expect(late).toBe('ECONNREFUSED');
    expect(ms).toBeLessThan(10_000);
    expect(code).toBe(0);
    report({
      fault: 'SIGTERM to the API with requests in flight and SSE subscribers',
      injected:
        'SIGTERM while 10 openCase bodies were still arriving and 3 inbox subscriptions were open; SHUTDOWN_TIMEOUT_MS=10000',
      checked:
        'each request answered 200 and committed; each stream ended with event: complete; a new connection refused; exit 0 in time',
      sent: 10,
      committed: committed!.n,
      delivered: null,
      duplicated: 0,
      lost: 10 - committed!.n,
      figures: `exited in ${ms} ms (code ${code}); a new connection after the signal: ${late}`,
      result: 'pass',
    });
  });
});
