/**
 * Worker mode (REDIS_URL set): the relay loop, a BullMQ Worker for outbox rows, a BullMQ Worker for
 * clock wake-ups and the daily digest (a job scheduler), and the clock reconciliation that puts
 * back any wake-up Redis lost. `npm run worker` starts it (src/worker.ts); tests start it in-process.
 */
import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import type { Database } from '../database/database.ts';
import { isDatabaseUnavailable } from '../database/database-errors.ts';
import type { JobContext, JobHandlers } from '../domain/jobs/job-handler.ts';
import type { Logger } from '../logger.ts';
import { within } from '../shutdown.ts';
import { handleClockWake, wakeClocksAt, wakeInstants } from './clock-wake.ts';
import { digestSchedule, sendConsultationDigest } from './digest.ts';
import { attemptOutboxRow, defaultRetryPolicy, type JobObserver, markDead, type RetryPolicy } from './outbox-rows.ts';
import {
  type ClockWakeData,
  clockQueueName,
  clockWakeJob,
  clockWakeJobId,
  clockWakeJobOptions,
  digestJob,
  digestSchedulerId,
  type OutboxJobData,
  outboxQueueName,
} from './queues.ts';
import { producerConnection, workerConnection } from './redis.ts';
import { startRelayLoop } from './relay.ts';

export interface QueueRuntimeOptions {
  readonly db: Database;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly redisUrl: string;
  readonly handlers: JobHandlers;
  readonly retry?: RetryPolicy;
  /** Outbox jobs run at once per process. */
  readonly concurrency?: number;
  readonly clockConcurrency?: number;
  /** Transactions one wake-up job runs side by side over the clocks due at its instant (default 4). */
  readonly clockParallel?: number;
  /**
   * BullMQ lock duration (default 10 s, renewed every half of it while the job runs): a worker that
   * dies mid-job loses its lock after this long, and the next stalled-job check (every
   * `stalledIntervalMs`, default 5 s) hands the job to another worker, so a dead worker's jobs move
   * on within about 15 s rather than BullMQ's default minute.
   */
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  /** Run the relay loop here (default true). */
  readonly relay?: boolean;
  readonly relayIdleMs?: number;
  /** Clock wake-ups due within this horizon are put in Redis; the scan repeats every `scheduleEveryMs`. */
  readonly scheduleHorizonMs?: number;
  readonly scheduleEveryMs?: number;
  /** Register the daily digest's job scheduler (default true). */
  readonly digest?: boolean;
  readonly observer?: JobObserver & {
    /** A wake-up job started this long after its wake instant. */
    clockWoken?(latenessSeconds: number): void;
    /** A wake-up was handled (committed) this long after its wake instant. */
    clockHandled?(latenessSeconds: number): void;
  };
  /** Redis key prefix of the queues (BullMQ's default 'bull'); tests sharing a Redis use their own. */
  readonly prefix?: string;
}

export interface QueueRuntime {
  readonly outboxQueue: Queue<OutboxJobData, unknown, string>;
  readonly clockQueue: Queue;
  /** Puts in Redis every wake-up instant within the horizon (idempotent). @returns how many instants. */
  reconcileClocks(): Promise<number>;
  /** Stops taking jobs, waits for running ones at most `timeoutMs`, then closes the connections. */
  close(timeoutMs?: number): Promise<void>;
}

/** See QueueRuntimeOptions.lockDurationMs: how fast a dead worker's jobs are taken over. */
export const defaultLockDurationMs = 10_000;
export const defaultStalledIntervalMs = 5_000;

/** How long a job that met a database outage waits before it runs again (no attempt spent). */
export const databaseRetryDelayMs = 2_000;

/**
 * Runs a job's work; when the database is away, the job goes back to the delayed set without spending
 * an attempt (an outage longer than the backoff must not make jobs dead), and runs when it returns.
 */
function outageTolerant<T extends Job>(logger: Logger, work: (job: T) => Promise<void>) {
  return async (job: T, token?: string) => {
    try {
      await work(job);
    } catch (error) {
      if (!isDatabaseUnavailable(error) || !token) throw error;
      logger.warn({ err: (error as Error).message, job: job.id }, 'database unavailable; job postponed');
      await job.moveToDelayed(Date.now() + databaseRetryDelayMs, token);
      throw new DelayedError();
    }
  };
}

export async function startQueueRuntime(options: QueueRuntimeOptions): Promise<QueueRuntime> {
  const { db, logger, handlers } = options;
  const now = options.now ?? (() => new Date());
  const retry = options.retry ?? defaultRetryPolicy;
  const connection = workerConnection(options.redisUrl);
  const prefix = options.prefix ? { prefix: options.prefix } : {};
  const context: JobContext = { db, logger, now };
  const horizonMs = options.scheduleHorizonMs ?? 5 * 60_000;
  const workerTiming = {
    lockDuration: options.lockDurationMs ?? defaultLockDurationMs,
    stalledInterval: options.stalledIntervalMs ?? defaultStalledIntervalMs,
    // A job whose worker died twice still gets a third worker before it counts as failed.
    maxStalledCount: 2,
  };

  // The relay adds jobs inside a database transaction: its commands must fail at once while Redis is
  // away (the rows stay PENDING), never wait for a reconnection with row locks held.
  const outboxQueue = new Queue<OutboxJobData>(outboxQueueName, {
    connection: producerConnection(options.redisUrl),
    ...prefix,
  });
  const clockQueue = new Queue(clockQueueName, { connection, ...prefix });
  for (const queue of [outboxQueue, clockQueue]) {
    queue.on('error', (error) => logger.warn({ err: error.message, queue: queue.name }, 'queue connection error'));
  }

  const outboxWorker = new Worker<OutboxJobData>(
    outboxQueueName,
    outageTolerant(logger, async (job: Job<OutboxJobData>) => {
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await attemptOutboxRow(context, handlers, job.data.outboxId, { finalAttempt }, options.observer);
    }),
    { connection, ...prefix, concurrency: options.concurrency ?? 10, ...workerTiming },
  );
  // A job that failed for good without its handler recording it (it stalled too often) is dead too.
  outboxWorker.on('failed', (job: Job<OutboxJobData> | undefined, error: Error) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      markDead(db, job.data.outboxId, error.message).catch((e: Error) =>
        logger.error({ err: e.message }, 'could not mark an outbox row dead'),
      );
    }
  });

  // One job per instant. An instant already past may still have a finished job under its id (a
  // clock resumed or recomputed onto it): that job goes first, or the add would be a no-op.
  const scheduleWakes = async (instants: readonly Date[]) => {
    const at = now();
    for (const instant of instants) {
      if (instant.getTime() >= at.getTime()) continue;
      const job = await clockQueue.getJob(clockWakeJobId(instant));
      if (job && ((await job.isCompleted()) || (await job.isFailed()))) await job.remove();
    }
    await clockQueue.addBulk(
      instants.map((instant) => ({
        name: clockWakeJob,
        data: { wakeAt: instant.toISOString() },
        opts: clockWakeJobOptions(instant, at),
      })),
    );
  };

  const clockWorker = new Worker<ClockWakeData | Record<string, never>>(
    clockQueueName,
    outageTolerant(logger, async (job: Job<ClockWakeData | Record<string, never>>) => {
      if (job.name === digestJob) {
        await sendConsultationDigest(context);
        return;
      }
      const data = job.data as ClockWakeData;
      const wakeAt = new Date(data.wakeAt);
      const lateness = () => (now().getTime() - wakeAt.getTime()) / 1000;
      const started = lateness();
      const { outcomes, failed } = data.clockId
        ? { outcomes: [await handleClockWake(context, data.clockId)], failed: 0 }
        : await wakeClocksAt(context, wakeAt, {
            parallel: options.clockParallel ?? 4,
            onClaimed: (clocks) => {
              for (let n = 0; n < clocks; n++) options.observer?.clockWoken?.(started);
            },
            onHandled: (clocks) => {
              const handled = lateness();
              for (let n = 0; n < clocks; n++) options.observer?.clockHandled?.(handled);
            },
          });
      const horizon = now().getTime() + horizonMs;
      const next = new Set(
        outcomes.flatMap((o) => (o.nextWakeAt && o.nextWakeAt.getTime() <= horizon ? [o.nextWakeAt.getTime()] : [])),
      );
      await scheduleWakes([...next].map((t) => new Date(t)));
      // The clocks that failed are still due: the retry wakes them (the others are done by then).
      if (failed > 0) throw new Error(`${failed} clock wake-up(s) failed`);
    }),
    { connection, ...prefix, concurrency: options.clockConcurrency ?? 20, ...workerTiming },
  );
  for (const worker of [outboxWorker, clockWorker]) {
    worker.on('error', (error) => logger.warn({ err: error.message, queue: worker.name }, 'worker error'));
  }

  const reconcileClocks = async (): Promise<number> => {
    const until = new Date(now().getTime() + horizonMs);
    let added = 0;
    let after: Date | undefined;
    for (;;) {
      const page = await wakeInstants(context, until, 1_000, after);
      if (page.length === 0) break;
      await scheduleWakes(page);
      added += page.length;
      after = page.at(-1);
    }
    return added;
  };

  await reconcileClocks().then(
    (added) => logger.info({ wakeUps: added }, 'clock wake-ups reconciled'),
    (error: Error) => logger.warn({ err: error.message }, 'clock reconciliation failed; retrying on the next scan'),
  );
  let scanning = Promise.resolve();
  const scan = setInterval(() => {
    scanning = reconcileClocks().then(
      () => undefined,
      (error: Error) => logger.warn({ err: error.message }, 'clock reconciliation failed'),
    );
  }, options.scheduleEveryMs ?? 30_000);
  scan.unref();

  if (options.digest ?? true) {
    await clockQueue.upsertJobScheduler(
      digestSchedulerId,
      { ...digestSchedule },
      { name: digestJob, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  const relay =
    (options.relay ?? true)
      ? startRelayLoop({
          db,
          logger,
          now,
          queue: outboxQueue,
          retry,
          ...(options.relayIdleMs ? { idleMs: options.relayIdleMs } : {}),
        })
      : null;

  return {
    outboxQueue,
    clockQueue,
    reconcileClocks,
    // Every wait is bounded: with Redis or PostgreSQL unreachable a close may never settle, and the
    // process must still exit by its deadline (a job cut off runs again once its lock expires).
    close: async (timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      const left = () => Math.max(0, deadline - Date.now());
      clearInterval(scan);
      await within(Promise.all([relay?.stop(), scanning]), left() / 2);
      const graceful = Promise.all([outboxWorker.close(), clockWorker.close()]);
      if ((await within(graceful, left() - 500)) === 'timeout') {
        logger.warn(
          { timeoutMs },
          'jobs still running at the shutdown deadline; their locks expire and they run again',
        );
        await within(Promise.all([outboxWorker.close(true), clockWorker.close(true)]), Math.min(250, left()));
      }
      await within(Promise.all([outboxQueue.close(), clockQueue.close()]), Math.min(250, left()));
      await Promise.all(
        [outboxWorker, clockWorker, outboxQueue, clockQueue].map((closable) => closable.disconnect().catch(() => {})),
      );
    },
  };
}
