/**
 * The outbox rows' lifecycle, shared by the BullMQ runtime and the embedded runner:
 * PENDING → RELAYED (handed to the queue, or claimed by the embedded runner) → DONE, or DEAD after
 * the last attempt. The row is the truth; a queue job is only its delivery.
 */
import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { outbox } from '../../db/schema/messaging.ts';
import type { Database, Queryable } from '../database/database.ts';
import { isDatabaseUnavailable } from '../database/database-errors.ts';
import type { JobContext, JobHandlers, JobInput } from '../domain/jobs/job-handler.ts';

export type OutboxRow = typeof outbox.$inferSelect;

/** How many times a job runs before it is dead, and the first retry's delay (doubled each time). */
export interface RetryPolicy {
  readonly attempts: number;
  readonly backoffMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, backoffMs: 2_000 };

/** The delay before retry number `retry` (1 = the first retry): exponential, as BullMQ's 'exponential'. */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  return policy.backoffMs * 2 ** (retry - 1);
}

/**
 * Locks up to `limit` rows due for delivery (PENDING, available by `now`), oldest first. Rows locked
 * by another relay or runner are skipped, so several of them never hand out the same row twice.
 */
export function lockDueRows(tx: Queryable, now: Date, limit: number): Promise<OutboxRow[]> {
  return tx
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'PENDING'), lte(outbox.availableAt, now)))
    .orderBy(asc(outbox.availableAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Marks rows handed over (to the queue or to the embedded runner). */
export async function markRelayed(tx: Queryable, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(outbox)
    .set({ status: 'RELAYED', relayedAt: now })
    .where(and(inArray(outbox.id, [...ids]), eq(outbox.status, 'PENDING')));
}

/**
 * Rows handed over before `before` and not finished: their queue job may be lost (Redis flushed),
 * or the embedded runner stopped while holding them. Handing them over again is harmless.
 */
export function lockStaleRelayed(tx: Queryable, before: Date, limit: number): Promise<OutboxRow[]> {
  return tx
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'RELAYED'), lt(outbox.relayedAt, before)))
    .orderBy(asc(outbox.relayedAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Outcome of one delivery attempt. */
export type AttemptOutcome = 'done' | 'skipped';

export interface AttemptOptions {
  /** This is the last attempt: a failure makes the row DEAD. */
  readonly finalAttempt: boolean;
  /** Embedded runner only: a failed row becomes PENDING again at this instant. */
  readonly retryAt?: Date;
}

/** Reported to metrics: which topic ran, how long it took and how it ended. */
export interface JobObserver {
  completed(topic: string, seconds: number, latencySeconds: number): void;
  failed(topic: string, dead: boolean): void;
}

/**
 * Runs the handler of outbox row `outboxId` once. A row already DONE or DEAD is skipped (a second
 * delivery of the same row does nothing). On success the row is DONE; on failure its attempt and
 * error are recorded, it becomes DEAD on the last attempt, and the error is thrown again so the
 * queue retries with its backoff.
 */
export async function attemptOutboxRow(
  context: JobContext,
  handlers: JobHandlers,
  outboxId: string,
  options: AttemptOptions,
  observer?: JobObserver,
): Promise<AttemptOutcome> {
  const [row] = await context.db.select().from(outbox).where(eq(outbox.id, outboxId));
  if (!row || row.status === 'DONE' || row.status === 'DEAD') return 'skipped';
  const started = Date.now();
  try {
    const handler = handlers[row.topic];
    if (!handler) throw new Error(`no handler for topic ${row.topic}`);
    const job: JobInput = {
      outboxId: row.id,
      topic: row.topic,
      payload: (row.payload ?? {}) as Record<string, unknown>,
      caseId: row.caseId,
    };
    await handler(context, job);
  } catch (error) {
    // The database went away mid-job: nothing can be recorded, and it is not the job's fault. The
    // runtime retries it without spending an attempt (queue-runtime.ts, embedded.ts).
    if (isDatabaseUnavailable(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await recordFailure(context.db, row.id, message, options);
    observer?.failed(row.topic, options.finalAttempt);
    throw error;
  }
  const now = context.now();
  await context.db
    .update(outbox)
    .set({ status: 'DONE', completedAt: now, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(and(eq(outbox.id, row.id), inArray(outbox.status, ['PENDING', 'RELAYED'])));
  observer?.completed(
    row.topic,
    (Date.now() - started) / 1000,
    Math.max(0, (now.getTime() - row.availableAt.getTime()) / 1000),
  );
  return 'done';
}

async function recordFailure(db: Database, id: string, message: string, options: AttemptOptions): Promise<void> {
  const status = options.finalAttempt ? 'DEAD' : options.retryAt ? 'PENDING' : 'RELAYED';
  await db
    .update(outbox)
    .set({
      status,
      attempts: sql`${outbox.attempts} + 1`,
      lastError: message.slice(0, 2_000),
      ...(status === 'PENDING' && options.retryAt ? { availableAt: options.retryAt } : {}),
    })
    .where(and(eq(outbox.id, id), inArray(outbox.status, ['PENDING', 'RELAYED'])));
}

/** Marks a row DEAD whose queue job failed without its handler recording it (it stalled too often). */
export async function markDead(db: Database, id: string, message: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'DEAD', lastError: message.slice(0, 2_000) })
    .where(and(eq(outbox.id, id), inArray(outbox.status, ['PENDING', 'RELAYED'])));
}

/** Number of rows waiting to be handed over (for /metrics). */
export async function pendingCount(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(eq(outbox.status, 'PENDING'));
  return Number(row?.n ?? 0);
}
