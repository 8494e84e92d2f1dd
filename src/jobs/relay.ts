/**
 * The relay: hands PENDING outbox rows to BullMQ in batches (one `addBulk` per batch), with the row
 * id as the job id, and marks them RELAYED in the same transaction. If Redis refuses, the
 * transaction rolls back and the rows stay PENDING; if the commit fails after the add, the next
 * relay adds the same job ids again, which BullMQ ignores. Rows are locked with SKIP LOCKED, so
 * several relays can run side by side.
 */
import type { Queue } from 'bullmq';
import { inArray } from 'drizzle-orm';
import { outbox } from '../../db/schema/messaging.ts';
import type { Database } from '../database/database.ts';
import type { Logger } from '../logger.ts';
import { lockDueRows, lockStaleRelayed, markRelayed, type OutboxRow, type RetryPolicy } from './outbox-rows.ts';
import { type OutboxJobData, outboxJobOptions } from './queues.ts';

export interface RelayContext {
  readonly db: Database;
  readonly queue: Queue<OutboxJobData>;
  readonly now: () => Date;
  readonly retry: RetryPolicy;
  /** Rows per batch. */
  readonly batchSize?: number;
}

/** How long the relay waits on Redis while it holds the rows' locks; then it rolls back and tries again. */
const handOverTimeoutMs = 10_000;

function withinTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function handOver(context: RelayContext, rows: OutboxRow[]): Promise<void> {
  // A command in flight when Redis goes away may never settle: bound the wait.
  await withinTimeout(addJobs(context, rows), handOverTimeoutMs);
}

async function addJobs(context: RelayContext, rows: OutboxRow[]): Promise<void> {
  // A row retried by an administrator (PENDING with the error of its last run) still has its failed
  // job under the same id, which would make the add a no-op: remove that job first.
  for (const row of rows) if (row.status === 'PENDING' && row.lastError !== null) await context.queue.remove(row.id);
  await context.queue.addBulk(
    rows.map((row) => ({
      name: row.topic,
      data: { outboxId: row.id },
      opts: outboxJobOptions(context.retry, row.id),
    })),
  );
}

/** Relays one batch of due rows. @returns how many rows were handed over. */
export async function relayOnce(context: RelayContext): Promise<number> {
  const now = context.now();
  return context.db.transaction(async (tx) => {
    const rows = await lockDueRows(tx, now, context.batchSize ?? 500);
    if (rows.length === 0) return 0;
    await handOver(context, rows);
    await markRelayed(
      tx,
      rows.map((row) => row.id),
      now,
    );
    return rows.length;
  });
}

/**
 * Hands over again rows RELAYED before `before` and not finished: a Redis flush or restart without
 * persistence loses their jobs. An existing job with the same id makes the add a no-op.
 * @returns how many rows were handed over again.
 */
export async function rerelayStale(context: RelayContext, before: Date): Promise<number> {
  const now = context.now();
  return context.db.transaction(async (tx) => {
    const rows = await lockStaleRelayed(tx, before, context.batchSize ?? 500);
    if (rows.length === 0) return 0;
    await handOver(context, rows);
    await tx
      .update(outbox)
      .set({ relayedAt: now })
      .where(
        inArray(
          outbox.id,
          rows.map((row) => row.id),
        ),
      );
    return rows.length;
  });
}

/** A loop that relays until stopped: batches back to back while rows are due, else a short pause. */
export function startRelayLoop(
  context: RelayContext & { readonly logger: Logger; readonly idleMs?: number; readonly staleAfterMs?: number },
): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | null = null;
  const idleMs = context.idleMs ?? 250;
  const staleAfterMs = context.staleAfterMs ?? 5 * 60_000;
  let lastSweep = 0;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    while (!stopped) {
      try {
        if (Date.now() - lastSweep > staleAfterMs / 2) {
          lastSweep = Date.now();
          const again = await rerelayStale(context, new Date(context.now().getTime() - staleAfterMs));
          if (again > 0)
            context.logger.warn({ rows: again }, 'outbox rows relayed again after their jobs went missing');
        }
        const relayed = await relayOnce(context);
        if (relayed < (context.batchSize ?? 500)) await pause(idleMs);
      } catch (error) {
        context.logger.warn({ err: (error as Error).message }, 'relay failed; retrying');
        await pause(Math.max(idleMs, 1_000));
      }
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
