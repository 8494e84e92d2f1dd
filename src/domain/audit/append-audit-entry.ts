/** Appends one entry to a hash chain, inside the caller's transaction. */
import { eq, sql } from 'drizzle-orm';
import { auditChainHeads, auditEntries } from '../../../db/schema/audit.ts';
import { outbox } from '../../../db/schema/messaging.ts';
import type { Tx } from '../../db/database.ts';
import { type Actor, actorId } from '../actor.ts';
import { hashAuditEntry } from './audit-hash.ts';

/** The chain of administrative events: people, organisations, calendars, regimes, reference data. */
export const adminChain = 'admin';
export const caseChain = (caseId: string) => `case:${caseId}`;

export interface AuditEntryInput {
  readonly chain: string;
  readonly caseId?: string | null;
  readonly action: string;
  readonly entityKind: string;
  readonly entityId?: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly reason?: string | null;
  readonly occurredAt: Date;
}

export async function appendAuditEntry(
  tx: Tx,
  actor: Actor,
  input: AuditEntryInput,
): Promise<{ sequence: number; hash: string }> {
  // Serialise appends per chain: two transactions must not both extend the same head.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${input.chain}, 0))`);
  const [head] = await tx.select().from(auditChainHeads).where(eq(auditChainHeads.chain, input.chain));
  const fields = {
    chain: input.chain,
    sequence: (head?.lastSequence ?? 0) + 1,
    caseId: input.caseId ?? null,
    actorKind: actor.kind,
    actorId: actorId(actor),
    action: input.action,
    entityKind: input.entityKind,
    entityId: input.entityId ?? null,
    // Stored as jsonb; normalising through JSON now makes the hash match what is read back.
    before: input.before === undefined ? null : JSON.parse(JSON.stringify(input.before)),
    after: input.after === undefined ? null : JSON.parse(JSON.stringify(input.after)),
    reason: input.reason ?? null,
    occurredAt: input.occurredAt,
    previousHash: head?.lastHash ?? null,
  };
  const hash = hashAuditEntry(fields);
  const [entry] = await tx
    .insert(auditEntries)
    .values({ ...fields, hash })
    .returning({ id: auditEntries.id });
  // Subscribers of the case hear of the change only once it commits, and of every one (caseEvents).
  if (input.caseId && input.chain === caseChain(input.caseId)) {
    await tx.insert(outbox).values({
      topic: 'case.event',
      caseId: input.caseId,
      payload: { caseId: input.caseId, auditEntryId: String(entry!.id), action: input.action },
      createdAt: input.occurredAt,
      availableAt: input.occurredAt,
    });
  }
  await tx
    .insert(auditChainHeads)
    .values({ chain: input.chain, lastSequence: fields.sequence, lastHash: hash, updatedAt: input.occurredAt })
    .onConflictDoUpdate({
      target: auditChainHeads.chain,
      set: { lastSequence: fields.sequence, lastHash: hash, updatedAt: input.occurredAt },
    });
  return { sequence: fields.sequence, hash };
}
