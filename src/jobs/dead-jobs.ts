/**
 * The dead letter: outbox rows whose job failed on every attempt. Administrators list them and
 * retry one; a retry puts the row back to PENDING (the relay or the embedded runner picks it up
 * again, with fresh attempts) and is recorded on the administrative audit chain.
 */
import { and, desc, eq } from 'drizzle-orm';
import { outbox } from '../../db/schema/messaging.ts';
import type { Actor } from '../../vocabulary/actor.ts';
import type { Queryable, Tx } from '../database/database.ts';
import { assertCan } from '../domain/access/authorize.ts';
import { adminChain, appendAuditEntry } from '../domain/audit/append-audit-entry.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { OutboxRow } from './outbox-rows.ts';

/** Dead rows, newest first. @throws ForbiddenError for anyone but an administrator. */
export async function listDeadJobs(
  db: Queryable,
  actor: Actor,
  page: { limit: number; offset: number },
): Promise<OutboxRow[]> {
  assertCan(actor, 'read', 'Job');
  return db
    .select()
    .from(outbox)
    .where(eq(outbox.status, 'DEAD'))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countDeadJobs(db: Queryable, actor: Actor): Promise<number> {
  assertCan(actor, 'read', 'Job');
  return db.$count(outbox, eq(outbox.status, 'DEAD'));
}

/**
 * Puts dead row `outboxId` back in line. @throws ForbiddenError (not an administrator),
 * NotFoundError (no such row, or it is not dead).
 */
export async function retryDeadJob(tx: Tx, actor: Actor, outboxId: string, now: Date): Promise<OutboxRow> {
  assertCan(actor, 'update', 'Job');
  const [dead] = await tx
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, outboxId), eq(outbox.status, 'DEAD')))
    .for('update');
  if (!dead) throw new NotFoundError('DeadJob');
  // Fresh attempts; the last error stays until the next run, so the relay knows to replace the failed job.
  const [row] = await tx
    .update(outbox)
    .set({ status: 'PENDING', attempts: 0, availableAt: now, relayedAt: null })
    .where(eq(outbox.id, outboxId))
    .returning();
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'job.retried',
    entityKind: 'Job',
    entityId: dead.id,
    before: { status: 'DEAD', topic: dead.topic, attempts: dead.attempts, lastError: dead.lastError },
    after: { status: 'PENDING' },
    occurredAt: now,
  });
  return row!;
}
