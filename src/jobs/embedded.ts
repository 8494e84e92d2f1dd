/**
 * Embedded mode (no REDIS_URL): the same handlers run inside the API process. The relay is replaced
 * by claiming outbox rows directly (SKIP LOCKED, then RELAYED while they run), retries by moving a
 * failed row's `availableAt` on with the same exponential backoff, and clock wake-ups by a scan of
 * due clocks on a timer. Same outbox rows, same clock rows, same outcomes as worker mode.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { outbox } from '../../db/schema/messaging.ts';
import type { Database } from '../database/database.ts';
import { isDatabaseUnavailable } from '../database/database-errors.ts';
import type { JobContext, JobHandlers } from '../domain/jobs/job-handler.ts';
import { wakeDueClocks } from './clock-wake.ts';
import { lastScheduledDigest, sendConsultationDigest } from './digest.ts';
import {
  attemptOutboxRow,
  backoffDelay,
  defaultRetryPolicy,
  type JobObserver,
  lockDueRows,
  markRelayed,
  type RetryPolicy,
} from './outbox-rows.ts';

export interface EmbeddedContext extends JobContext {
  readonly handlers: JobHandlers;
  /**
   * Rows claimed here whose run met a database outage: nothing could be recorded on them, so they are
   * put back to PENDING (no attempt spent) once the database answers again.
   */
  readonly stranded?: Set<string>;
  readonly retry?: RetryPolicy;
  readonly observer?: JobObserver;
}

/**
 * Claims up to `limit` due outbox rows and runs each once. A failure is recorded on its row (retried
 * after the backoff, or DEAD after the last attempt) and does not stop the batch.
 * @returns how many rows were run.
 */
export async function runOutboxBatch(context: EmbeddedContext, limit = 100): Promise<number> {
  const policy = context.retry ?? defaultRetryPolicy;
  const now = context.now();
  if (context.stranded && context.stranded.size > 0) {
    const ids = [...context.stranded];
    await context.db
      .update(outbox)
      .set({ status: 'PENDING' })
      .where(and(inArray(outbox.id, ids), eq(outbox.status, 'RELAYED')));
    for (const id of ids) context.stranded.delete(id);
  }
  const rows = await context.db.transaction(async (tx) => {
    const due = await lockDueRows(tx, now, limit);
    await markRelayed(
      tx,
      due.map((row) => row.id),
      now,
    );
    return due;
  });
  for (const row of rows) {
    const attempt = row.attempts + 1;
    const finalAttempt = attempt >= policy.attempts;
    const retryAt = new Date(now.getTime() + backoffDelay(policy, attempt));
    await attemptOutboxRow(context, context.handlers, row.id, { finalAttempt, retryAt }, context.observer).catch(
      (error: Error) => {
        if (isDatabaseUnavailable(error)) context.stranded?.add(row.id);
        context.logger.warn({ err: error.message, outboxId: row.id, topic: row.topic, attempt }, 'job failed');
      },
    );
  }
  return rows.length;
}

/** Rows a previous process claimed and never finished go back to PENDING (one process runs them all). */
export async function releaseClaimedRows(db: Database): Promise<void> {
  await db.update(outbox).set({ status: 'PENDING' }).where(eq(outbox.status, 'RELAYED'));
}

export interface EmbeddedRuntime {
  /** Stops the timers and waits for the round in progress, at most `timeoutMs`. */
  close(timeoutMs?: number): Promise<void>;
}

/** Starts the in-process loops: outbox rows every `pollMs`, due clocks and the daily digest every `clockPollMs`. */
export async function startEmbeddedRuntime(
  context: EmbeddedContext & { readonly pollMs?: number; readonly clockPollMs?: number },
): Promise<EmbeddedRuntime> {
  await releaseClaimedRows(context.db);
  context = { ...context, stranded: context.stranded ?? new Set() };
  let stopped = false;
  let digestSentFor: number | null = null;
  const rounds = new Set<Promise<void>>();
  // One round of each loop at a time: a tick while the previous round still runs is skipped.
  const guard = (what: string, work: () => Promise<unknown>) => {
    let busy = false;
    return () => {
      if (stopped || busy) return;
      busy = true;
      const round = work().then(
        () => undefined,
        (error: Error) => context.logger.warn({ err: error.message }, `${what} failed; retrying`),
      );
      rounds.add(round);
      void round.finally(() => {
        busy = false;
        rounds.delete(round);
      });
    };
  };
  const outboxTimer = setInterval(
    guard('outbox round', async () => {
      while (!stopped && (await runOutboxBatch(context)) === 100) {
        /* drain */
      }
    }),
    context.pollMs ?? 500,
  );
  const clockTimer = setInterval(
    guard('clock scan', async () => {
      await wakeDueClocks(context);
      const scheduled = lastScheduledDigest(context.now()).getTime();
      if (scheduled !== digestSentFor) {
        await sendConsultationDigest(context);
        digestSentFor = scheduled;
      }
    }),
    context.clockPollMs ?? 1_000,
  );
  outboxTimer.unref();
  clockTimer.unref();
  return {
    close: async (timeoutMs = 10_000) => {
      stopped = true;
      clearInterval(outboxTimer);
      clearInterval(clockTimer);
      await Promise.race([Promise.all(rounds), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    },
  };
}
