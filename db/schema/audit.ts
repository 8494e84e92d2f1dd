/**
 * The tamper-evident trail. Entries are append-only (triggers in the migration reject UPDATE,
 * DELETE and TRUNCATE); each carries the previous entry's hash and its own, one chain per case
 * and one for administrative events. The latest hash of each chain is also kept in
 * `audit_chain_heads`, so removing the newest entries is detected too.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';
import { instant } from './columns.ts';
import { actorKind } from './enums.ts';

export const auditEntries = pgTable(
  'audit_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** 'case:<uuid>' or 'admin'. */
    chain: text('chain').notNull(),
    /** Position in the chain, from 1, without gaps. */
    sequence: integer('sequence').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    actorKind: actorKind('actor_kind').notNull(),
    /** The person or service account; null for the system. No FK: the trail outlives its actors. */
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entityKind: text('entity_kind').notNull(),
    entityId: uuid('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    occurredAt: instant('occurred_at').notNull(),
    previousHash: text('previous_hash'),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_entries_chain_sequence_key').on(t.chain, t.sequence),
    index('audit_entries_case_idx').on(t.caseId, t.sequence),
    check('audit_entries_chain_format', sql`${t.chain} = 'admin' or ${t.chain} ~ '^case:[0-9a-f-]{36}$'`),
    check('audit_entries_hash_format', sql`${t.hash} ~ '^[0-9a-f]{64}$'`),
    check('audit_entries_first_has_no_previous', sql`(${t.sequence} = 1) = (${t.previousHash} is null)`),
  ],
);

/** The newest hash of each chain, kept apart from the entries. */
export const auditChainHeads = pgTable('audit_chain_heads', {
  chain: text('chain').primaryKey(),
  lastSequence: integer('last_sequence').notNull(),
  lastHash: text('last_hash').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
