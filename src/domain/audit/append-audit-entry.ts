/** Appends entries to a hash chain, inside the caller's transaction: one, or many at once. */
import { eq, inArray, sql } from 'drizzle-orm';
import { auditChainHeads, auditEntries } from '../../../db/schema/audit.ts';
import { type Actor, actorId } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { enqueue, type Job } from '../jobs/enqueue.ts';
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
  const fields = entryFields(actor, input, head);
  const hash = hashAuditEntry(fields);
  const [entry] = await tx
    .insert(auditEntries)
    .values({ ...fields, hash })
    .returning({ id: auditEntries.id });
  // Subscribers of the case hear of the change only once it commits, and of every one (caseEvents).
  if (input.caseId && input.chain === caseChain(input.caseId)) {
    await enqueue(
      tx,
      [
        {
          kind: 'case.event',
          caseId: input.caseId,
          payload: { caseId: input.caseId, auditEntryId: String(entry!.id), action: input.action },
        },
      ],
      input.occurredAt,
    );
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

/** The stored fields of the entry that follows `head` on its chain (what the hash covers). */
function entryFields(
  actor: Actor,
  input: AuditEntryInput,
  head: { lastSequence: number; lastHash: string } | undefined,
) {
  return {
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
}

/**
 * Appends many entries at once, inside the caller's transaction: the same entries, hashes and
 * 'case.event' rows as `appendAuditEntry` called for each input in order, in a handful of statements
 * (the clock wake-ups of a whole end of day). Entries of one chain follow each other in input order.
 */
export async function appendAuditEntries(
  tx: Tx,
  actor: Actor,
  inputs: readonly AuditEntryInput[],
): Promise<{ sequence: number; hash: string }[]> {
  if (inputs.length === 0) return [];
  const chains = [...new Set(inputs.map((input) => input.chain))].sort();
  // The same per-chain lock as a single append, taken in a fixed order so two batches cannot deadlock.
  // (A volatile function in the select list runs after the sort, so the locks follow the order.)
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(v.chain, 0))
    from (values ${sql.join(
      chains.map((chain) => sql`(${chain}::text)`),
      sql`, `,
    )}) as v(chain) order by v.chain`);
  const heads = new Map(
    (await tx.select().from(auditChainHeads).where(inArray(auditChainHeads.chain, chains))).map((head) => [
      head.chain,
      { lastSequence: head.lastSequence, lastHash: head.lastHash },
    ]),
  );
  const updated = new Map<string, Date>();
  const rows = inputs.map((input) => {
    const fields = entryFields(actor, input, heads.get(input.chain));
    const hash = hashAuditEntry(fields);
    heads.set(input.chain, { lastSequence: fields.sequence, lastHash: hash });
    updated.set(input.chain, input.occurredAt);
    return { ...fields, hash };
  });
  const inserted = await tx
    .insert(auditEntries)
    .values(rows)
    .returning({ id: auditEntries.id, chain: auditEntries.chain, sequence: auditEntries.sequence });
  const idOf = new Map(inserted.map((row) => [`${row.chain}#${row.sequence}`, row.id]));
  const events = inputs.flatMap((input, n): Job[] =>
    input.caseId && input.chain === caseChain(input.caseId)
      ? [
          {
            kind: 'case.event',
            caseId: input.caseId,
            availableAt: input.occurredAt,
            payload: {
              caseId: input.caseId,
              auditEntryId: String(idOf.get(`${input.chain}#${rows[n]!.sequence}`)),
              action: input.action,
            },
          },
        ]
      : [],
  );
  await enqueue(tx, events, inputs[0]!.occurredAt);
  await tx
    .insert(auditChainHeads)
    .values(chains.map((chain) => ({ chain, ...heads.get(chain)!, updatedAt: updated.get(chain)! })))
    .onConflictDoUpdate({
      target: auditChainHeads.chain,
      set: {
        lastSequence: sql`excluded.last_sequence`,
        lastHash: sql`excluded.last_hash`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
  return rows.map((row) => ({ sequence: row.sequence, hash: row.hash }));
}
