/**
 * Verifies the tamper-evident trail: recomputes every entry's hash in sequence order with the one
 * hashing format (audit-hash.ts), checks the links and the sequence, and compares the chain's
 * newest entry with the head kept in `audit_chain_heads`, so that removed newest entries show too.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { auditChainHeads, auditEntries } from '../../../db/schema/audit.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { type Queryable, selectRows } from '../../database/database.ts';
import { assertCan, loadCaseFor } from '../access/authorize.ts';
import { ValidationError } from '../errors.ts';
import { adminChain, caseChain } from './append-audit-entry.ts';
import { hashAuditEntry } from './audit-hash.ts';

/** What is wrong with a chain, at its first broken entry. */
export type AuditChainProblemKind =
  /** The stored hash is not the hash of the entry's fields: the row was changed. */
  | 'HASH_MISMATCH'
  /** The entry's previous hash is not the hash of the entry before it. */
  | 'BROKEN_LINK'
  /** A sequence number is missing (an entry was removed) or out of place. */
  | 'GAP'
  /** The head in `audit_chain_heads` does not name the chain's newest entry (newest entries removed, or added past it). */
  | 'HEAD_MISMATCH'
  /** The chain has entries but no head. */
  | 'MISSING_HEAD';

/** The outcome of verifying one chain. */
export interface AuditTrailVerification {
  /** `admin` or `case:<uuid>`. */
  readonly chain: string;
  /** How many entries the chain holds. */
  readonly entries: number;
  readonly valid: boolean;
  /** The sequence of the first broken (or first missing) entry; null when the chain is valid. */
  readonly firstBrokenSequence: number | null;
  readonly problemKind: AuditChainProblemKind | null;
  /** A sentence naming the problem; null when the chain is valid. */
  readonly problem: string | null;
  /** The head kept apart from the entries (null when the chain has none). */
  readonly headSequence: number | null;
  readonly headHash: string | null;
}

/** A case's chain, or the chain of administrative events. */
export type VerifyAuditTrailInput = { readonly caseId: string } | { readonly chain: typeof adminChain };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keyset pages: a chain can hold thousands of entries, and neither one query per entry nor one huge result. */
const pageSize = 1000;

/**
 * Verifies one chain: the case's (the actor must see the case and read its audit entries) or the
 * administrative chain.
 * @throws NotFoundError when the case does not exist or the actor may not see it
 * @throws ForbiddenError when the actor may not read the chain's entries
 * @throws ValidationError when the case id is not a UUID
 */
export async function verifyAuditTrail(
  db: Queryable,
  actor: Actor,
  input: VerifyAuditTrailInput,
): Promise<AuditTrailVerification> {
  if ('caseId' in input) {
    if (!uuidPattern.test(input.caseId)) throw ValidationError.single('caseId', 'must be a UUID');
    // The case first: one the actor may not see is not found, rather than revealed by a Forbidden.
    await loadCaseFor(db, actor, 'read', input.caseId);
    const chain = caseChain(input.caseId);
    assertCan(actor, 'read', 'AuditEntry', { chain, caseId: input.caseId });
    return verifyChain(db, chain);
  }
  if (input.chain !== adminChain) throw ValidationError.single('chain', `must be '${adminChain}'`);
  assertCan(actor, 'read', 'AuditEntry', { chain: adminChain, caseId: null });
  return verifyChain(db, adminChain);
}

/** Every chain verified, and the broken ones among them. */
export interface AllAuditTrailsVerification {
  readonly chains: readonly AuditTrailVerification[];
  readonly broken: readonly AuditTrailVerification[];
}

/**
 * Verifies every chain: the administrative one and each case chain that has entries or a head
 * (a chain whose case row is gone is verified too). Meant for the CLI, run as the system; any
 * other actor must be allowed to read the entries of every chain (an auditor), or nothing is read.
 * @throws ForbiddenError
 */
export async function verifyAllAuditTrails(db: Queryable, actor: Actor): Promise<AllAuditTrailsVerification> {
  const rows = await selectRows<{ chain: string }>(
    db,
    sql`select ${auditChainHeads.chain} as chain from ${auditChainHeads}
        union select distinct ${auditEntries.chain} from ${auditEntries}`,
  );
  const caseChains = rows
    .map((r) => r.chain)
    .filter((c) => c !== adminChain)
    .sort();
  const chainNames = [adminChain, ...caseChains];
  // Every permission before any verification: a partial answer would hide which chains were skipped.
  for (const chain of chainNames) {
    assertCan(actor, 'read', 'AuditEntry', {
      chain,
      caseId: chain === adminChain ? null : chain.slice('case:'.length),
    });
  }
  const chains: AuditTrailVerification[] = [];
  for (const chain of chainNames) chains.push(await verifyChain(db, chain));
  return { chains, broken: chains.filter((c) => !c.valid) };
}

interface Problem {
  readonly kind: AuditChainProblemKind;
  readonly sequence: number;
  readonly message: string;
}

const short = (hash: string | null) => (hash ? hash.slice(0, 12) : 'null');

interface Last {
  readonly sequence: number;
  readonly hash: string;
}

/** What a pass over a chain has seen so far. */
interface ChainScan {
  entries: number;
  last: Last | null;
  problem: Problem | null;
}

/** Recomputes one chain; no permission check (callers check). */
async function verifyChain(db: Queryable, chain: string): Promise<AuditTrailVerification> {
  const scan: ChainScan = { entries: 0, last: null, problem: null };
  await scanAfter(db, chain, scan, 0);
  let head: { lastSequence: number; lastHash: string } | undefined;
  for (;;) {
    [head] = await db
      .select({ lastSequence: auditChainHeads.lastSequence, lastHash: auditChainHeads.lastHash })
      .from(auditChainHeads)
      .where(eq(auditChainHeads.chain, chain));
    // The head is read after the entries and not necessarily in the same snapshot: an append that
    // committed in between moves both, so read on before calling the difference a mismatch.
    const lastSequence = scan.last?.sequence ?? 0;
    if (!head || head.lastSequence <= lastSequence) break;
    if ((await scanAfter(db, chain, scan, lastSequence)) === 0) break;
  }
  const problem = scan.problem ?? checkHead(head, scan.last);
  return {
    chain,
    entries: scan.entries,
    valid: problem === null,
    firstBrokenSequence: problem?.sequence ?? null,
    problemKind: problem?.kind ?? null,
    problem: problem?.message ?? null,
    headSequence: head?.lastSequence ?? null,
    headHash: head?.lastHash ?? null,
  };
}

/** Reads and checks the entries after sequence `after`, page by page; returns how many it read. */
async function scanAfter(db: Queryable, chain: string, scan: ChainScan, after: number): Promise<number> {
  let read = 0;
  for (let from = after; ; ) {
    const page = await readPage(db, chain, from);
    for (const row of page) {
      // After the first problem only count: the first broken entry is the one to name.
      scan.problem ??= checkEntry(row, scan.last);
      scan.entries += 1;
      scan.last = { sequence: row.sequence, hash: row.hash };
    }
    read += page.length;
    if (page.length < pageSize) return read;
    from = page.at(-1)!.sequence;
  }
}

function checkEntry(row: EntryRow, previous: Last | null): Problem | null {
  const expected = (previous?.sequence ?? 0) + 1;
  if (row.sequence !== expected) {
    return row.sequence > expected
      ? {
          kind: 'GAP',
          sequence: expected,
          message: `sequence ${expected} is missing (the next entry is ${row.sequence})`,
        }
      : { kind: 'GAP', sequence: row.sequence, message: `sequence ${row.sequence} where ${expected} was expected` };
  }
  const { hash, ...fields } = row;
  const recomputed = hashAuditEntry(fields);
  if (recomputed !== hash) {
    return {
      kind: 'HASH_MISMATCH',
      sequence: row.sequence,
      message: `entry ${row.sequence} was changed: stored hash ${short(hash)}…, recomputed ${short(recomputed)}…`,
    };
  }
  const expectedPrevious = previous?.hash ?? null;
  if (row.previousHash !== expectedPrevious) {
    return {
      kind: 'BROKEN_LINK',
      sequence: row.sequence,
      message: `entry ${row.sequence} names previous hash ${short(row.previousHash)}…, expected ${short(expectedPrevious)}…`,
    };
  }
  return null;
}

function checkHead(head: { lastSequence: number; lastHash: string } | undefined, last: Last | null): Problem | null {
  if (!head) {
    return last
      ? {
          kind: 'MISSING_HEAD',
          sequence: last.sequence,
          message: `the chain has no head; its newest entry is ${last.sequence}`,
        }
      : null;
  }
  const lastSequence = last?.sequence ?? 0;
  if (head.lastSequence > lastSequence) {
    return {
      kind: 'HEAD_MISMATCH',
      sequence: lastSequence + 1,
      message:
        `the head names entry ${head.lastSequence} (${short(head.lastHash)}…) but the chain ends at ${lastSequence}: ` +
        'the newest entries were removed',
    };
  }
  if (head.lastSequence < lastSequence) {
    return {
      kind: 'HEAD_MISMATCH',
      sequence: head.lastSequence + 1,
      message: `the head names entry ${head.lastSequence} but the chain goes on to ${lastSequence}`,
    };
  }
  if (head.lastHash !== last?.hash) {
    return {
      kind: 'HEAD_MISMATCH',
      sequence: lastSequence,
      message: `the head's hash ${short(head.lastHash)}… is not entry ${lastSequence}'s ${short(last?.hash ?? null)}…`,
    };
  }
  return null;
}

type EntryRow = Awaited<ReturnType<typeof readPage>>[number];

/** One page of entries with exactly the fields append-audit-entry hashes, plus the stored hash. */
function readPage(db: Queryable, chain: string, after: number) {
  return db
    .select({
      chain: auditEntries.chain,
      sequence: auditEntries.sequence,
      caseId: auditEntries.caseId,
      actorKind: auditEntries.actorKind,
      actorId: auditEntries.actorId,
      action: auditEntries.action,
      entityKind: auditEntries.entityKind,
      entityId: auditEntries.entityId,
      before: auditEntries.before,
      after: auditEntries.after,
      reason: auditEntries.reason,
      occurredAt: auditEntries.occurredAt,
      previousHash: auditEntries.previousHash,
      hash: auditEntries.hash,
    })
    .from(auditEntries)
    .where(and(eq(auditEntries.chain, chain), gt(auditEntries.sequence, after)))
    .orderBy(asc(auditEntries.sequence))
    .limit(pageSize);
}
