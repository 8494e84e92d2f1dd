/**
 * `npm run bench`: clock wake-up lateness and relay throughput against real PostgreSQL and Redis.
 *
 * - 100,000 running clocks over 2,000 cases, due over the next 60 days at the end of a day
 *   (23:59:59.999 Asia/Shanghai, as every working-day deadline is), reminders at 50 % and 80 %
 *   spread through the day. Time is shifted (the runtime's clock source runs ahead of the wall
 *   clock by a fixed offset) so that an end-of-day instant, with ~1,700 clocks due at once, comes
 *   15 s after the runtime starts; every wake-up in the first 45 s is measured: when its job
 *   started (dispatch) and when its handling committed, after its wake instant. Target: p99 < 1 s.
 *   The clocks due at one instant are one wake-up job, handled in chunks of ~200 per transaction.
 * - Relay: 20,000 PENDING outbox rows handed to BullMQ in batches; target ≥ 2,000 rows/s.
 *
 * Uses DATABASE_URL (else the machine's postgres://postgres@127.0.0.1:5432) to create and drop a
 * scratch database, and REDIS_URL (else redis://127.0.0.1:6379) under a key prefix of its own,
 * removed afterwards.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { cases } from '../db/schema/cases.ts';
import { loadConfig } from '../src/config.ts';
import { openPostgres, selectRows } from '../src/database/database.ts';
import { clockChunkSize, handleClockWake, handleClockWakes } from '../src/jobs/clock-wake.ts';
import { startQueueRuntime } from '../src/jobs/queue-runtime.ts';
import { outboxQueueName } from '../src/jobs/queues.ts';
import { producerConnection } from '../src/jobs/redis.ts';
import { relayOnce } from '../src/jobs/relay.ts';
import { createLogger } from '../src/logger.ts';
import { demoSeedSteps } from '../src/seed/demo-data.ts';
import { runSeedSteps } from '../src/seed/seed-runner.ts';

const CLOCKS = 100_000;
const CASES = 2_000;
const DAYS = 60;
const LEAD_MS = 15_000;
const MEASURE_MS = 45_000;
const RELAY_ROWS = 20_000;

const config = loadConfig(process.env);
const pgUrl = config.database.kind === 'postgres' ? config.database.url : 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = config.redisUrl ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ logLevel: 'warn' });
const say = (line: string) => process.stdout.write(`${line}\n`);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const ms = (seconds: number) => `${Math.round(seconds * 1000)} ms`;

async function reachable(): Promise<string | null> {
  const admin = openPostgres(pgUrl, { max: 1 });
  try {
    await admin.ping();
  } catch (error) {
    return `PostgreSQL is not reachable at ${pgUrl} (${(error as Error).message}): set DATABASE_URL or start the server`;
  } finally {
    await admin.close();
  }
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    return `Redis is not reachable at ${redisUrl} (${(error as Error).message}): set REDIS_URL or start redis-server`;
  } finally {
    client.disconnect();
  }
  return null;
}

async function main() {
  const problem = await reachable();
  if (problem) {
    say(`bench: cannot run: ${problem}`);
    process.exit(2);
  }
  const name = `icsr_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const prefix = `icsr-bench-${name.slice(-8)}`;
  const adminUrl = new URL(pgUrl);
  adminUrl.pathname = '/postgres';
  const benchUrl = new URL(pgUrl);
  benchUrl.pathname = `/${name}`;
  const admin = openPostgres(adminUrl.toString(), { max: 1 });
  await admin.db.execute(sql.raw(`create database ${name}`));
  const database = openPostgres(benchUrl.toString(), { max: 20 });
  say(`bench: scratch database ${name}, Redis prefix ${prefix}`);
  try {
    await database.migrate();
    await runSeedSteps(database.db, demoSeedSteps, new Date());

    // 2,000 cases: copies of the seeded cut-off case (in screening, with a lead reviewer).
    const copied = Object.values(getTableColumns(cases))
      .map((c) => c.name)
      .filter((c) => !['id', 'reference', 'current_clock_id', 'next_due_at'].includes(c));
    const list = copied.map((c) => `"${c}"`).join(', ');
    await database.db.execute(
      sql.raw(`insert into ${getTableName(cases)} (reference, ${list})
        select 'ICSR-2099-' || lpad(i::text, 6, '0'), ${list} from ${getTableName(cases)}, generate_series(1, ${CASES}) as i
        where reference = 'ICSR-2026-000002'`),
    );

    // Virtual time: the first measured end of day (23:59:59.999 Shanghai) lies LEAD_MS after the start.
    const firstDue = DateTime.now().setZone('Asia/Shanghai').plus({ days: 1 }).endOf('day').toJSDate();
    const startAt = new Date(firstDue.getTime() - LEAD_MS);
    // Set when the runtime starts, so that the burst comes LEAD_MS after it however long the set-up took.
    let offset = 0;
    const now = () => new Date(Date.now() + offset);

    // Clocks: due at the end of day k (0…59), started 21 days earlier during office hours; the
    // reminder points already passed at the start are recorded as sent, as a running system has them.
    const t0 = Date.now();
    const due0 = firstDue.toISOString();
    const start0 = startAt.toISOString();
    await database.db.execute(sql`
      with regime as (select id from regimes where code = 'CN_CSR'),
      pool as (select id, (row_number() over (order by id)) - 1 as k, count(*) over () as total from cases),
      raw as (
        select i,
          ${due0}::timestamptz + ((i % ${DAYS}) * interval '1 day') as due_at,
          ${due0}::timestamptz + ((i % ${DAYS}) * interval '1 day') - interval '21 days'
            - interval '15 hours' - (random() * interval '8 hours') as started_at
        from generate_series(1, ${CLOCKS}) as i
      ),
      points as (
        select *,
          started_at + (floor(extract(epoch from (due_at - started_at)) * 1000 * 0.5) * interval '1 millisecond') as p50,
          started_at + (floor(extract(epoch from (due_at - started_at)) * 1000 * 0.8) * interval '1 millisecond') as p80
        from raw
      )
      insert into clocks (case_id, owner_kind, owner_id, phase, regime_id, unit, length, started_at, due_at,
                          reminders_sent, next_wake_at, created_at, updated_at)
      select pool.id,
        'CONSULTATION', gen_random_uuid(), 'CONSULTATION', (select id from regime), 'WORKING_DAYS', 15,
        started_at, due_at,
        case when p80 < ${start0}::timestamptz then '{50,80}'::smallint[]
             when p50 < ${start0}::timestamptz then '{50}'::smallint[] else '{}'::smallint[] end,
        case when p50 >= ${start0}::timestamptz then p50 when p80 >= ${start0}::timestamptz then p80 else due_at end,
        started_at, started_at
      from points join pool on pool.k = points.i % pool.total`);
    const [inWindow] = await selectRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from clocks where next_wake_at < ${new Date(startAt.getTime() + MEASURE_MS).toISOString()}::timestamptz`,
    );
    say(
      `bench: ${CLOCKS} clocks written in ${Date.now() - t0} ms; ${inWindow!.n} wake-ups fall in the ` +
        `${MEASURE_MS / 1000} s window (the end-of-day burst comes ${LEAD_MS / 1000} s in)`,
    );

    // The cost of one wake-up's handling, alone and 20 at a time (clocks due on the last day, woken after it).
    const sample = await selectRows<{ id: string }>(
      database.db,
      sql`select id from clocks order by due_at desc, id limit 220`,
    );
    const late = () => new Date(firstDue.getTime() + DAYS * 86_400_000);
    const probe = { db: database.db, logger, now: late };
    let h0 = Date.now();
    for (const { id } of sample.slice(0, 20)) await handleClockWake(probe, id);
    const alone = (Date.now() - h0) / 20;
    h0 = Date.now();
    await Promise.all(
      Array.from({ length: 20 }, (_, lane) =>
        (async () => {
          for (let j = 20 + lane; j < sample.length; j += 20) await handleClockWake(probe, sample[j]!.id);
        })(),
      ),
    );
    const perSecond = 200 / ((Date.now() - h0) / 1000);
    const chunk = await selectRows<{ id: string }>(
      database.db,
      sql`select id from clocks order by due_at desc, id offset 220 limit ${clockChunkSize}`,
    );
    h0 = Date.now();
    await handleClockWakes(
      probe,
      chunk.map((row) => row.id),
    );
    const chunkMs = Date.now() - h0;
    say(
      `bench: handling one breach takes ${alone.toFixed(1)} ms alone; 20 at a time: ${Math.round(perSecond)} wake-ups/s; ` +
        `${chunk.length} in one transaction: ${chunkMs} ms (${Math.round(chunk.length / (chunkMs / 1000))} wake-ups/s)`,
    );

    const dispatch: number[] = [];
    const handled: number[] = [];
    offset = startAt.getTime() - Date.now();
    const reconcileStart = Date.now();
    const runtime = await startQueueRuntime({
      db: database.db,
      logger,
      now,
      redisUrl,
      prefix,
      handlers: {},
      relay: false,
      digest: false,
      clockConcurrency: 100,
      observer: {
        completed: () => {},
        failed: () => {},
        clockWoken: (lateness) => dispatch.push(lateness),
        clockHandled: (lateness) => handled.push(lateness),
      },
    });
    say(`bench: start-up reconciliation scheduled the next 5 min of wake-ups in ${Date.now() - reconcileStart} ms`);
    const deadline = Date.now() + LEAD_MS + MEASURE_MS + 30_000;
    while (handled.length < inWindow!.n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    await runtime.close(10_000);

    say(`bench: wake-ups measured: ${handled.length} of ${inWindow!.n}`);
    say(
      `bench: lateness, job start after the wake instant: p50 ${ms(percentile(dispatch, 50))}, ` +
        `p99 ${ms(percentile(dispatch, 99))}, max ${ms(Math.max(...dispatch))}`,
    );
    say(
      `bench: lateness, handling committed (reminder or breach written): p50 ${ms(percentile(handled, 50))}, ` +
        `p99 ${ms(percentile(handled, 99))}, max ${ms(Math.max(...handled))}`,
    );
    const p99 = percentile(handled, 99);
    say(`bench: wake-up p99 < 1 s: ${p99 < 1 ? 'yes' : 'NO'}`);

    // Relay throughput: rows handed to a queue nobody consumes, so only the relay is measured.
    await database.db.execute(sql`
      insert into outbox (topic, payload, available_at, created_at)
      select 'bench.noop', jsonb_build_object('n', i), now() - interval '1 minute', now()
      from generate_series(1, ${RELAY_ROWS}) as i`);
    const queue = new Queue(outboxQueueName, { connection: producerConnection(redisUrl), prefix: `${prefix}-relay` });
    const relayContext = {
      db: database.db,
      queue,
      now: () => new Date(),
      retry: { attempts: 5, backoffMs: 2_000 },
      batchSize: 1_000,
    };
    const r0 = Date.now();
    let relayed = 0;
    for (let n = await relayOnce(relayContext); n > 0; n = await relayOnce(relayContext)) relayed += n;
    const seconds = (Date.now() - r0) / 1000;
    const rate = relayed / seconds;
    say(
      `bench: relay: ${relayed} outbox rows in ${seconds.toFixed(2)} s = ${Math.round(rate)} rows/s (target ≥ 2,000: ${rate >= 2000 ? 'yes' : 'NO'})`,
    );
    await queue.obliterate({ force: true });
    await queue.close();
    const cleanup = new Queue('icsr-clocks', { connection: producerConnection(redisUrl), prefix });
    await cleanup.obliterate({ force: true });
    await cleanup.close();
    const cleanupOutbox = new Queue(outboxQueueName, { connection: producerConnection(redisUrl), prefix });
    await cleanupOutbox.obliterate({ force: true });
    await cleanupOutbox.close();
  } finally {
    await database.close();
    await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
    await admin.close();
  }
  process.exit(0);
}

main().catch((error) => {
  say(`bench: failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
