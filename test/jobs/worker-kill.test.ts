/**
 * A worker process killed mid-job (SIGKILL, not closed): its job's lock expires, another worker
 * takes it over, and the job completes exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { outbox } from '../../db/schema/messaging.ts';
import { loadTestSettings } from '../../src/config.ts';
import { selectRows } from '../../src/database/database.ts';
import { type QueueRuntime, startQueueRuntime } from '../../src/jobs/queue-runtime.ts';
import { outboxQueueName } from '../../src/jobs/queues.ts';
import { producerConnection } from '../../src/jobs/redis.ts';
import { relayOnce } from '../../src/jobs/relay.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import { databaseUrl } from '../support/postgres-admin.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-database.ts';
import { controllableClock, eventually, fastLocks, outboxRow, silentLogger, testPrefix, testRedis } from './support.ts';

let database: TestDatabase;
let redis: Awaited<ReturnType<typeof testRedis>>;
let child: ChildProcess | null = null;
let restarted: QueueRuntime | null = null;
const scratch = mkdtempSync(path.join(tmpdir(), 'icsr-kill-'));

beforeEach(async () => {
  database = await createTestDatabase({ seeded: true });
  redis = await testRedis();
});
afterEach(async () => {
  child?.kill('SIGKILL');
  await restarted?.outboxQueue.obliterate({ force: true });
  await restarted?.close(2_000);
  await redis.close();
  await database.destroy();
  rmSync(scratch, { recursive: true, force: true });
});

/** How the child reaches this test's database: the same PostgreSQL database, or a PGlite snapshot. */
async function childDatabaseEnv(): Promise<Record<string, string>> {
  if (onPostgres()) {
    const [row] = await selectRows<{ name: string }>(database.db, sql`select current_database() as name`);
    return { CHILD_DATABASE_URL: databaseUrl(loadTestSettings(process.env).databaseUrl!, row!.name) };
  }
  const client = (database.db as unknown as { $client: { dumpDataDir(): Promise<Blob> } }).$client;
  const file = path.join(scratch, 'snapshot.tar');
  writeFileSync(file, Buffer.from(await (await client.dumpDataDir()).arrayBuffer()));
  return { CHILD_PGLITE_DUMP: file };
}

it('completes a job once after the worker running it was killed', async () => {
  const prefix = testPrefix();
  const time = controllableClock();
  const [row] = await database.db
    .insert(outbox)
    .values({ topic: 'test.slow', payload: {}, availableAt: SEED_INSTANT, createdAt: SEED_INSTANT })
    .returning();

  child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/worker-child.ts')], {
    env: { ...process.env, ...(await childDatabaseEnv()), CHILD_REDIS_URL: redis.url, CHILD_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += String(chunk);
  });
  await eventually(async () => output.includes('ready'), 30_000);

  // Relay from here (the child does not relay): the child takes the job and hangs in it.
  const queue = new Queue(outboxQueueName, { connection: producerConnection(redis.url), prefix });
  await relayOnce({ db: database.db, now: time.now, queue, retry: { attempts: 3, backoffMs: 50 } });
  await eventually(async () => output.includes('started'), 30_000);
  child.kill('SIGKILL');
  await new Promise((resolve) => child!.once('exit', resolve));
  child = null;
  expect((await outboxRow(database, row!.id)).status).toBe('RELAYED');

  let runs = 0;
  restarted = await startQueueRuntime({
    db: database.db,
    logger: silentLogger,
    now: time.now,
    redisUrl: redis.url,
    prefix,
    handlers: {
      'test.slow': async () => {
        runs += 1;
      },
    },
    relay: false,
    digest: false,
    ...fastLocks,
  });
  await eventually(async () => (await outboxRow(database, row!.id)).status === 'DONE', 30_000);
  const job = await queue.getJob(row!.id);
  expect(await job!.isCompleted()).toBe(true);
  expect(runs).toBe(1);
  expect((await outboxRow(database, row!.id)).attempts).toBe(1);
  await queue.close();
});
