/**
 * Worker mode against real Redis: the relay hands outbox rows to BullMQ (re-relaying is harmless),
 * the worker runs them once; clock wake-ups through BullMQ give the same outcomes as the embedded
 * mode; a handler that always fails ends DEAD after its attempts and an administrator's retry runs
 * it again (others are refused); a Redis flush or restart loses no wake-up (reconciliation puts it
 * back); and API transitions succeed while Redis is down, their effects delivered once it returns.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema/messaging.ts';
import { consultations } from '../../db/schema/work-items.ts';
import { loadConfig } from '../../src/config.ts';
import { reminderInstant } from '../../src/domain/clock/reminders.ts';
import type { JobHandlers } from '../../src/domain/jobs/job-handler.ts';
import { createNotificationHandlers, notificationDepsFromConfig } from '../../src/domain/notifications/handlers.ts';
import { openApiQueues } from '../../src/jobs/api-queues.ts';
import { type QueueRuntime, startQueueRuntime } from '../../src/jobs/queue-runtime.ts';
import { clockWakeJobId, type OutboxJobData, outboxQueueName } from '../../src/jobs/queues.ts';
import { producerConnection } from '../../src/jobs/redis.ts';
import { relayOnce } from '../../src/jobs/relay.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer } from '../support/test-server.ts';
import {
  ACQUISITION,
  CUTOFF,
  caseByReference,
  consultMiit,
  controllableClock,
  decidedWithCondition,
  eventually,
  fastLocks,
  inboxOf,
  justAfter,
  notices,
  outboxRow,
  privateRedis,
  runningClock,
  silentLogger,
  testPrefix,
  testRedis,
} from './support.ts';

let database: TestDatabase;
let redis: Awaited<ReturnType<typeof testRedis>>;
const cleanups: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  database = await createTestDatabase({ seeded: true });
  redis = await testRedis();
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  await redis.close();
  await database.destroy();
});

function notificationHandlers(): JobHandlers {
  const deps = notificationDepsFromConfig(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), silentLogger);
  cleanups.push(() => deps.close());
  return createNotificationHandlers(deps);
}

async function runtime(
  options: Partial<Parameters<typeof startQueueRuntime>[0]> & { now: () => Date; redisUrl?: string },
): Promise<QueueRuntime> {
  const started = await startQueueRuntime({
    db: database.db,
    logger: silentLogger,
    redisUrl: redis.url,
    handlers: notificationHandlers(),
    prefix: testPrefix(),
    relayIdleMs: 50,
    digest: false,
    ...fastLocks,
    ...options,
  });
  cleanups.push(async () => {
    await started.close(2_000);
    if (!options.redisUrl) await started.outboxQueue.obliterate({ force: true }).catch(() => {});
    if (!options.redisUrl) await started.clockQueue.obliterate({ force: true }).catch(() => {});
  });
  return started;
}

describe('relay and worker', () => {
  it('delivers a reminder once, even when its row is relayed twice', async () => {
    const cutoff = await caseByReference(database, CUTOFF);
    const clock = await runningClock(database, cutoff.id);
    const time = controllableClock(justAfter(reminderInstant(clock.startedAt, clock.dueAt, 50)));
    const queues = await runtime({ now: time.now, relay: false });

    await queues.reconcileClocks();
    const [reminder] = await eventually(async () => {
      const rows = await notices(database, cutoff.id, 'clock.reminder');
      return rows.length > 0 && rows;
    });
    const context = {
      db: database.db,
      now: time.now,
      queue: queues.outboxQueue,
      retry: { attempts: 3, backoffMs: 50 },
    };
    expect(await relayOnce(context)).toBeGreaterThan(0);
    // The commit of the first relay is lost: the row is handed over again under the same job id.
    await database.db.update(outbox).set({ status: 'PENDING' }).where(eq(outbox.id, reminder!.id));
    expect(await relayOnce(context)).toBe(1);

    await eventually(async () => (await outboxRow(database, reminder!.id)).status === 'DONE');
    expect(await queues.outboxQueue.getJob(reminder!.id)).toBeTruthy();
    expect(await inboxOf(database, 'officer@icsr.example', 'clock.reminder')).toHaveLength(1);
  });

  it('hands each row over once when several relays run at the same time', async () => {
    await database.db.insert(outbox).values(
      Array.from({ length: 300 }, (_, n) => ({
        topic: 'test.noop',
        payload: { n },
        availableAt: SEED_INSTANT,
        createdAt: SEED_INSTANT,
      })),
    );
    const pending = await database.db.$count(outbox, eq(outbox.status, 'PENDING'));
    // A queue nobody consumes: only the relays are measured.
    const queue = new Queue<OutboxJobData, unknown, string>(outboxQueueName, {
      connection: producerConnection(redis.url),
      prefix: testPrefix(),
    });
    cleanups.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
    const time = controllableClock();
    const relay = { db: database.db, now: time.now, queue, retry: { attempts: 3, backoffMs: 50 }, batchSize: 50 };
    const drain = async () => {
      let total = 0;
      for (let n = await relayOnce(relay); n > 0; n = await relayOnce(relay)) total += n;
      return total;
    };
    const handed = await Promise.all([drain(), drain(), drain()]);
    expect(handed.reduce((a, b) => a + b, 0)).toBe(pending);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: pending });
    expect(await database.db.$count(outbox, eq(outbox.status, 'PENDING'))).toBe(0);
  });

  it('wakes clocks through BullMQ: breach, both silence rules and the appeal window', async () => {
    const cn = await consultMiit(database, CUTOFF, 'CN_CSR', SEED_INSTANT);
    const us = await consultMiit(database, ACQUISITION, 'US_CFIUS', SEED_INSTANT);
    const decided = await decidedWithCondition(database, 'ICSR-2026-000001', SEED_INSTANT);
    const lastDue = Math.max(
      ...(await Promise.all(
        [cn.id, us.id, decided.id, CUTOFF].map(async (owner) => {
          const id = owner === CUTOFF ? (await caseByReference(database, CUTOFF)).id : owner;
          return (await runningClock(database, id)).dueAt.getTime();
        }),
      )),
    );
    const time = controllableClock(new Date(lastDue + 1));
    const queues = await runtime({ now: time.now });
    await queues.reconcileClocks();

    await eventually(async () => (await caseByReference(database, 'ICSR-2026-000001')).state === 'MONITORING');
    await eventually(async () => (await caseByReference(database, CUTOFF)).overdue);
    const deemed = await eventually(async () => {
      const [row] = await database.db.select().from(consultations).where(eq(consultations.id, us.id));
      return row!.deemed && row;
    });
    expect(deemed).toMatchObject({ state: 'OVERDUE', opinion: 'CONCUR' });
    await eventually(async () => (await notices(database, cn.caseId, 'consultation.escalated')).length === 1);
    // The relay and the worker deliver the breach to the lead reviewer's inbox, once.
    await eventually(async () => (await inboxOf(database, 'lead@icsr.example', 'clock.breached')).length > 0);
    await eventually(async () =>
      (await notices(database, cn.caseId, 'clock.breached')).every((n) => n.status === 'DONE'),
    );
    const inbox = await inboxOf(database, 'lead@icsr.example', 'clock.breached');
    expect(inbox.filter((n) => n.caseId === cn.caseId)).toHaveLength(1);
  });
});

describe('the dead letter', () => {
  it('marks a job that always fails DEAD after its attempts; an administrator retries it, nobody else', async () => {
    let healthy = false;
    let runs = 0;
    const time = controllableClock();
    const queues = await runtime({
      now: time.now,
      retry: { attempts: 3, backoffMs: 20 },
      handlers: {
        ...notificationHandlers(),
        'test.flaky': async () => {
          runs += 1;
          if (!healthy) throw new Error('the receiver is down');
        },
      },
    });
    const [row] = await database.db
      .insert(outbox)
      .values({ topic: 'test.flaky', payload: {}, availableAt: SEED_INSTANT, createdAt: SEED_INSTANT })
      .returning();
    const dead = await eventually(async () => {
      const current = await outboxRow(database, row!.id);
      return current.status === 'DEAD' && current;
    });
    expect(dead).toMatchObject({ attempts: 3, lastError: 'the receiver is down' });
    expect(runs).toBe(3);
    expect(await (await queues.outboxQueue.getJob(row!.id))!.isFailed()).toBe(true);

    const server = await startTestServer(database, { deps: { now: time.now } });
    cleanups.push(() => server.close());
    const jobId = encodeGlobalID('DeadJob', row!.id);
    const list = `{ deadJobs { __typename ... on DeadJobsSuccess { data { id topic attempts lastError } } ... on Error { message } } }`;
    const retry = `mutation($id: ID!) { retryDeadJob(jobId: $id) { __typename ... on DeadJobRetried { status } ... on Error { message } } }`;
    const officer = server.as(await bearerFor(database, 'officer@icsr.example', time.now()));
    expect((await officer.graphql<{ deadJobs: { __typename: string } }>(list)).data!.deadJobs.__typename).toBe(
      'Forbidden',
    );
    expect(
      (await officer.graphql<{ retryDeadJob: { __typename: string } }>(retry, { id: jobId })).data!.retryDeadJob
        .__typename,
    ).toBe('Forbidden');
    expect((await outboxRow(database, row!.id)).status).toBe('DEAD');

    const admin = server.as(await bearerFor(database, 'admin@icsr.example', time.now()));
    const listed = await admin.graphql<{ deadJobs: { data: { id: string; topic: string; attempts: number }[] } }>(list);
    expect(listed.data!.deadJobs.data).toEqual([
      { id: jobId, topic: 'test.flaky', attempts: 3, lastError: 'the receiver is down' },
    ]);
    healthy = true;
    const retried = await admin.graphql<{ retryDeadJob: { __typename: string } }>(retry, { id: jobId });
    expect(retried.data!.retryDeadJob.__typename).toBe('DeadJobRetried');
    await eventually(async () => (await outboxRow(database, row!.id)).status === 'DONE');
    expect(runs).toBe(4);
  });
});

describe('Redis failures', () => {
  it('puts back the wake-ups a Redis restart lost, and they fire', async () => {
    const own = await privateRedis();
    cleanups.push(() => own.stop());
    const cutoff = await caseByReference(database, CUTOFF);
    const clock = await runningClock(database, cutoff.id);
    const time = controllableClock(SEED_INSTANT);
    const queues = await runtime({
      now: time.now,
      redisUrl: own.url,
      scheduleHorizonMs: 30 * 86_400_000,
      scheduleEveryMs: 3_600_000,
    });
    const jobId = clockWakeJobId(clock.nextWakeAt!);
    expect(await (await queues.clockQueue.getJob(jobId))!.isDelayed()).toBe(true);

    await own.flush();
    expect(await queues.clockQueue.getJob(jobId)).toBeUndefined();
    await queues.reconcileClocks();
    expect(await queues.clockQueue.getJob(jobId)).toBeTruthy();

    // A restart without persistence loses everything again, while the reminder instant passes.
    await own.stop();
    time.set(justAfter(clock.nextWakeAt!));
    await own.start();
    await eventually(async () => (await queues.reconcileClocks()) >= 0 && queues.clockQueue.getJob(jobId));
    await eventually(async () => (await notices(database, cutoff.id, 'clock.reminder')).length === 1);
  });

  it('lets the API transition a case while Redis is down and delivers the effects when it returns', async () => {
    const own = await privateRedis();
    cleanups.push(() => own.stop());
    const time = controllableClock(SEED_INSTANT);
    const prefix = testPrefix();
    const apiQueues = openApiQueues(own.url, silentLogger, prefix);
    cleanups.push(() => Promise.all(apiQueues.map((q) => q.close())));
    const server = await startTestServer(database, { deps: { now: time.now, queues: apiQueues } });
    cleanups.push(() => server.close());
    await runtime({ now: time.now, redisUrl: own.url, prefix });
    // The seed's own notices are relayed first; then Redis goes away.
    await eventually(async () => (await database.db.$count(outbox, eq(outbox.status, 'PENDING'))) === 0);

    await own.stop();
    const relocation = await caseByReference(database, 'ICSR-2026-000001');
    const officer = server.as(await bearerFor(database, 'officer@icsr.example', time.now()));
    const returned = await officer.graphql<{ returnForCompletion: { __typename: string } }>(
      `mutation($input: CaseActionInput!) { returnForCompletion(input: $input) { __typename ... on Error { message } } }`,
      {
        input: {
          caseId: encodeGlobalID('Case', relocation.id),
          expectedVersion: relocation.version,
          reason: 'The supplier list is missing.',
        },
      },
    );
    expect(returned.data!.returnForCompletion.__typename).toBe('CaseTransitioned');
    const [notice] = await notices(database, relocation.id, 'case.returned-for-completion');
    expect(notice!.status).toBe('PENDING');

    await own.start();
    await eventually(async () => (await outboxRow(database, notice!.id)).status === 'DONE', 30_000);
    expect(await inboxOf(database, 'rep@huaxin.example', 'case.returned-for-completion')).toHaveLength(1);
  });
});
