/**
 * The tamper-evident trail (issue 5, item 5): the seeded chains verify, appending keeps them
 * valid, and a changed or removed row is named — tampering as the table owner (a superuser in
 * tests) who switches the append-only triggers off, which no normal statement can do.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditChainHeads, auditEntries } from '../../db/schema/audit.ts';
import { cases } from '../../db/schema/cases.ts';
import { auditVerify } from '../../scripts/audit-verify.ts';
import { loadTestSettings } from '../../src/config.ts';
import { type Database, selectRows, type Tx } from '../../src/database/database.ts';
import { adminChain, appendAuditEntry, caseChain } from '../../src/domain/audit/append-audit-entry.ts';
import { hashAuditEntry } from '../../src/domain/audit/audit-hash.ts';
import { verifyAllAuditTrails, verifyAuditTrail } from '../../src/domain/audit/verify-audit-trail.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/domain/errors.ts';
import { type PersonActor, systemActor } from '../../vocabulary/actor.ts';
import { personActor, T0 } from '../auth/fixtures.ts';
import { databaseUrl } from '../support/postgres-admin.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-database.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const system = systemActor('test');

/**
 * Runs `change` with the append-only triggers of audit_entries switched off, in one transaction
 * that switches them on again. ALTER TABLE … DISABLE TRIGGER needs the table's owner or a
 * superuser: the test role on PostgreSQL, and PGlite's only role. Being DDL, it is transactional,
 * so a failing change rolls the triggers back on too.
 */
async function bypassingAppendOnly<T>(db: Database, change: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_entries disable trigger user`);
    const result = await change(tx);
    await tx.execute(sql`alter table audit_entries enable trigger user`);
    return result;
  });
}

/** The seeded cases, by the first words of their title. */
async function caseId(db: Database, titleStart: string): Promise<string> {
  const rows = await db.select({ id: cases.id, title: cases.title }).from(cases);
  const found = rows.find((r) => r.title.startsWith(titleStart));
  if (!found) throw new Error(`no case titled ${titleStart}…`);
  return found.id;
}

const relocation = 'Relocation of the advanced packaging line';
const acquisition = 'Proposed acquisition of Dongfang EDA';
const cutOff = 'Announced cut-off of ArF photoresist';

async function chainRows(db: Database, chain: string) {
  return db.select().from(auditEntries).where(eq(auditEntries.chain, chain)).orderBy(asc(auditEntries.sequence));
}

let database: TestDatabase;
let db: Database;
beforeEach(async () => {
  // Each test tampers with its own copy of the seeded database.
  database = await createTestDatabase({ seeded: true });
  db = database.db;
});
afterEach(() => database.destroy());

describe('verifyAuditTrail on intact chains', () => {
  it('verifies every seeded chain: the administrative one and one per case', async () => {
    const all = await verifyAllAuditTrails(db, system);
    expect(all.broken).toEqual([]);
    const caseIds = (await db.select({ id: cases.id }).from(cases)).map((r) => r.id);
    expect(caseIds.length).toBeGreaterThanOrEqual(4);
    expect(all.chains.map((c) => c.chain)).toEqual([adminChain, ...caseIds.map(caseChain).sort()]);
    const counts = await selectRows<{ chain: string; n: number | string; last_hash: string }>(
      db,
      sql`select chain, count(*) as n,
            (array_agg(hash order by sequence desc))[1] as last_hash
          from audit_entries group by chain`,
    );
    for (const result of all.chains) {
      const stored = counts.find((c) => c.chain === result.chain)!;
      expect(result).toEqual({
        chain: result.chain,
        entries: Number(stored.n),
        valid: true,
        firstBrokenSequence: null,
        problemKind: null,
        problem: null,
        headSequence: Number(stored.n),
        headHash: stored.last_hash,
      });
    }
    // The seed writes many administrative events (reference data, organisations, people, …).
    expect(all.chains[0]!.entries).toBeGreaterThan(20);
  });

  it('stays valid as entries are appended, with jsonb and instants read back as they were written', async () => {
    const id = await caseId(db, relocation);
    const before = await verifyAuditTrail(db, system, { caseId: id });
    const occurredAt = new Date('2026-11-21T08:15:42.987Z');
    await db.transaction(async (tx) => {
      await appendAuditEntry(tx, system, {
        chain: caseChain(id),
        caseId: id,
        action: 'test.tricky-values',
        entityKind: 'Case',
        entityId: id,
        // Keys jsonb reorders, nesting, unicode, numbers it normalises, an instant, an undefined member.
        before: { zeta: 1, a: { y: [3, { b: '审查 é "quoted"', a: null }], x: 1.5, big: 1e21 }, gone: undefined },
        after: { when: new Date('2026-11-21T08:15:42.001Z'), list: [], empty: {}, n: -0, t: true, s: '' },
        reason: 'line one\nline two',
        occurredAt,
      });
      await appendAuditEntry(tx, system, {
        chain: adminChain,
        action: 'test.plain',
        entityKind: 'Probe',
        after: 'a string',
        occurredAt: new Date('2026-11-21T08:15:43.5Z'),
      });
    });
    const after = await verifyAuditTrail(db, system, { caseId: id });
    expect(after).toMatchObject({ valid: true, entries: before.entries + 1, headSequence: before.entries + 1 });
    expect(await verifyAuditTrail(db, system, { chain: 'admin' })).toMatchObject({ valid: true, problem: null });
  });

  it('reads a long chain in pages and still names a broken entry beyond the first page', async () => {
    const id = await caseId(db, acquisition);
    const seeded = (await verifyAuditTrail(db, system, { caseId: id })).entries;
    // Just past one page of 1000, with the broken entry on the second page.
    const total = 1_010;
    await db.transaction(async (tx) => {
      for (let i = seeded; i < total; i++) {
        await appendAuditEntry(tx, system, {
          chain: caseChain(id),
          caseId: id,
          action: 'test.bulk',
          entityKind: 'Case',
          entityId: id,
          after: { i },
          occurredAt: new Date(T0.getTime() + i),
        });
      }
    });
    expect(await verifyAuditTrail(db, system, { caseId: id })).toMatchObject({
      valid: true,
      entries: total,
      headSequence: total,
    });
    await bypassingAppendOnly(db, (tx) =>
      tx.execute(sql`update audit_entries set after = '{"i": -1}' where chain = ${caseChain(id)} and sequence = 1005`),
    );
    expect(await verifyAuditTrail(db, system, { caseId: id })).toMatchObject({
      valid: false,
      entries: total,
      firstBrokenSequence: 1005,
      problemKind: 'HASH_MISMATCH',
    });
  });

  it('does not mistake appends committed while it reads for a broken head', async () => {
    // On PostgreSQL the appends and the verifications interleave on separate connections; PGlite
    // serialises them, which must verify just the same.
    const append = (i: number) =>
      db.transaction((tx) =>
        appendAuditEntry(tx, system, {
          chain: adminChain,
          action: 'test.concurrent',
          entityKind: 'Probe',
          after: { i },
          occurredAt: new Date(T0.getTime() + i),
        }),
      );
    const before = (await verifyAuditTrail(db, system, { chain: 'admin' })).entries;
    const work: Promise<unknown>[] = [];
    const verifications: Promise<{ valid: boolean; problem: string | null }>[] = [];
    for (let i = 0; i < 30; i++) {
      work.push(append(i));
      if (i % 3 === 0) verifications.push(verifyAuditTrail(db, system, { chain: 'admin' }));
    }
    await Promise.all(work);
    for (const result of await Promise.all(verifications)) expect(result).toMatchObject({ valid: true, problem: null });
    expect(await verifyAuditTrail(db, system, { chain: 'admin' })).toMatchObject({ valid: true, entries: before + 30 });
  });
});

describe('verifyAuditTrail on tampered chains', () => {
  // Every hashed column counts: changing any one of them is a hash mismatch on that entry.
  it.each([
    ['action', sql`action = 'case.forged'`],
    ['after', sql`after = '{"forged": true}'::jsonb`],
    ['before', sql`before = coalesce(before, '{}'::jsonb) || '{"x": 1}'::jsonb`],
    ['occurred_at', sql`occurred_at = occurred_at + interval '1 millisecond'`],
    ['actor_id', sql`actor_id = ${randomUUID()}`],
    ['reason', sql`reason = 'forged reason'`],
  ])('names the entry whose %s was changed', async (_column, assignment) => {
    const admin = await chainRows(db, adminChain);
    const target = admin[Math.floor(admin.length / 2)]!.sequence;
    await bypassingAppendOnly(db, (tx) =>
      tx.execute(sql`update audit_entries set ${assignment} where chain = 'admin' and sequence = ${target}`),
    );
    const result = await verifyAuditTrail(db, system, { chain: 'admin' });
    expect(result).toMatchObject({
      chain: adminChain,
      valid: false,
      entries: admin.length,
      firstBrokenSequence: target,
      problemKind: 'HASH_MISMATCH',
    });
    expect(result.problem).toContain(`entry ${target}`);
    // Only that chain is broken.
    expect((await verifyAllAuditTrails(db, system)).broken.map((b) => b.chain)).toEqual([adminChain]);
  });

  it('names the next entry when a row is rewritten with a hash consistent with its new content', async () => {
    const id = await caseId(db, cutOff);
    const [first] = await chainRows(db, caseChain(id));
    const { id: _rowId, hash: _hash, ...fields } = first!;
    const forged = { ...fields, action: 'case.opened-forged' };
    await bypassingAppendOnly(db, (tx) =>
      tx
        .update(auditEntries)
        .set({ action: forged.action, hash: hashAuditEntry(forged) })
        .where(and(eq(auditEntries.chain, caseChain(id)), eq(auditEntries.sequence, 1))),
    );
    expect(await verifyAuditTrail(db, system, { caseId: id })).toMatchObject({
      valid: false,
      firstBrokenSequence: 2,
      problemKind: 'BROKEN_LINK',
    });
  });

  it('detects the removal of the newest entry through the chain head', async () => {
    const id = await caseId(db, relocation);
    const rows = await chainRows(db, caseChain(id));
    const newest = rows.at(-1)!;
    await bypassingAppendOnly(db, (tx) =>
      tx.execute(sql`delete from audit_entries where chain = ${caseChain(id)} and sequence = ${newest.sequence}`),
    );
    const result = await verifyAuditTrail(db, system, { caseId: id });
    expect(result).toMatchObject({
      valid: false,
      entries: rows.length - 1,
      firstBrokenSequence: newest.sequence,
      problemKind: 'HEAD_MISMATCH',
      headSequence: newest.sequence,
      headHash: newest.hash,
    });
    expect((await verifyAllAuditTrails(db, system)).broken.map((b) => b.chain)).toEqual([caseChain(id)]);
  });

  it('names the missing sequence when an entry in the middle is removed', async () => {
    await bypassingAppendOnly(db, (tx) =>
      tx.execute(sql`delete from audit_entries where chain = 'admin' and sequence = 5`),
    );
    expect(await verifyAuditTrail(db, system, { chain: 'admin' })).toMatchObject({
      valid: false,
      firstBrokenSequence: 5,
      problemKind: 'GAP',
    });
  });

  it('detects an entry appended past the head, and a chain without a head', async () => {
    const id = await caseId(db, acquisition);
    const rows = await chainRows(db, caseChain(id));
    const newest = rows.at(-1)!;
    const { id: _rowId, hash: _hash, ...fields } = newest;
    const extra = { ...fields, sequence: newest.sequence + 1, previousHash: newest.hash, action: 'case.forged' };
    await db.insert(auditEntries).values({ ...extra, hash: hashAuditEntry(extra) });
    expect(await verifyAuditTrail(db, system, { caseId: id })).toMatchObject({
      valid: false,
      entries: rows.length + 1,
      firstBrokenSequence: newest.sequence + 1,
      problemKind: 'HEAD_MISMATCH',
    });

    const orphan = caseChain(randomUUID());
    const lone = { ...fields, chain: orphan, caseId: null, sequence: 1, previousHash: null };
    await db.insert(auditEntries).values({ ...lone, hash: hashAuditEntry(lone) });
    const all = await verifyAllAuditTrails(db, system);
    expect(all.broken.find((b) => b.chain === orphan)).toMatchObject({
      valid: false,
      entries: 1,
      firstBrokenSequence: 1,
      problemKind: 'MISSING_HEAD',
      headSequence: null,
    });
  });

  it('leaves the triggers on: normal statements still cannot change, delete, truncate or rewind', async () => {
    await bypassingAppendOnly(db, async () => {});
    // A failed bypass rolls back with its transaction, triggers included.
    await expect(
      bypassingAppendOnly(db, async (tx) => {
        await tx.execute(sql`select 1`);
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    await expect(db.execute(sql`update audit_entries set action = 'changed' where sequence = 1`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_entries where sequence = 1`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_entries`)).rejects.toThrow();
    await expect(
      db.update(auditChainHeads).set({ lastSequence: 1 }).where(eq(auditChainHeads.chain, 'admin')),
    ).rejects.toThrow();
    await expect(db.delete(auditChainHeads).where(eq(auditChainHeads.chain, 'admin'))).rejects.toThrow();
    const triggers = await selectRows<{ tgname: string; tgenabled: string }>(
      db,
      sql`select tgname, tgenabled from pg_trigger where tgrelid = 'audit_entries'::regclass and not tgisinternal`,
    );
    expect(triggers.map((t) => t.tgenabled)).toEqual(['O', 'O']);
    expect((await verifyAllAuditTrails(db, system)).broken).toEqual([]);
  });
});

describe('who may verify a chain', () => {
  it('lets an auditor verify every chain, an administrator only the administrative one', async () => {
    const auditor = await personActor(db, 'auditor@icsr.example');
    const admin = await personActor(db, 'admin@icsr.example');
    const id = await caseId(db, cutOff);
    expect(await verifyAuditTrail(db, auditor, { caseId: id })).toMatchObject({ valid: true });
    expect(await verifyAuditTrail(db, auditor, { chain: 'admin' })).toMatchObject({ valid: true });
    expect((await verifyAllAuditTrails(db, auditor)).broken).toEqual([]);
    expect(await verifyAuditTrail(db, admin, { chain: 'admin' })).toMatchObject({ valid: true });
    // An administrator sees no case content, so the case is not found.
    await expect(verifyAuditTrail(db, admin, { caseId: id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(verifyAllAuditTrails(db, admin)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('answers NotFound for a case the actor may not see and Forbidden for a trail it may not read', async () => {
    const rep = await personActor(db, 'rep@dongfang-eda.example');
    // Huaxin's filing: Dongfang is no party to it.
    await expect(verifyAuditTrail(db, rep, { caseId: await caseId(db, relocation) })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // Dongfang's own case: visible to its representative, its deliberations' trail is not.
    await expect(verifyAuditTrail(db, rep, { caseId: await caseId(db, acquisition) })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(verifyAuditTrail(db, rep, { chain: 'admin' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(verifyAllAuditTrails(db, rep)).rejects.toBeInstanceOf(ForbiddenError);

    const stranger: PersonActor = {
      kind: 'PERSON',
      personId: randomUUID(),
      organizationId: randomUUID(),
      organizationKind: 'FIRM',
      roles: ['FIRM_REPRESENTATIVE'],
      clearance: 'INTERNAL',
    };
    await expect(verifyAuditTrail(db, stranger, { caseId: await caseId(db, cutOff) })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(verifyAuditTrail(db, stranger, { chain: 'admin' })).rejects.toBeInstanceOf(ForbiddenError);
    // A case officer below the case's clearance does not see it either.
    const officer2 = await personActor(db, 'officer2@icsr.example');
    await expect(verifyAuditTrail(db, officer2, { caseId: await caseId(db, cutOff) })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('rejects a case id that is not a UUID, and finds no case that does not exist', async () => {
    await expect(verifyAuditTrail(db, system, { caseId: 'not-a-uuid' })).rejects.toBeInstanceOf(ValidationError);
    await expect(verifyAuditTrail(db, system, { caseId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
  });
});

interface CliRun {
  readonly code: number | null;
  readonly lines: readonly string[];
}

/** `npm run audit:verify` in a child process, against this test's PostgreSQL database. */
async function runScript(args: readonly string[]): Promise<CliRun> {
  const [{ name }] = (await selectRows<{ name: string }>(db, sql`select current_database() as name`)) as [
    { name: string },
  ];
  const url = databaseUrl(loadTestSettings(process.env).databaseUrl!, name);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: url },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, lines: stdout.trim().split('\n') }));
  });
}

/** The script's main function on this test's PGlite handle (an embedded database has one process). */
async function runInProcess(args: readonly string[]): Promise<CliRun> {
  const lines: string[] = [];
  try {
    return { code: await auditVerify(db, args[0], (line) => lines.push(line)), lines };
  } catch {
    return { code: 2, lines };
  }
}

describe('npm run audit:verify', () => {
  it('prints a line per chain and exits 0 on a clean database, 1 naming the entry after tampering', async () => {
    const run = onPostgres() ? runScript : runInProcess;
    const chainCount = (await verifyAllAuditTrails(db, system)).chains.length;

    const clean = await run([]);
    expect(clean.code).toBe(0);
    expect(clean.lines).toHaveLength(chainCount + 1);
    expect(clean.lines[0]).toMatch(/^ok {6}admin \(\d+ entries\)$/);
    expect(clean.lines.at(-1)).toBe(`${chainCount} chain(s) checked, 0 broken`);

    const id = await caseId(db, cutOff);
    expect((await run([id])).lines).toEqual([
      expect.stringMatching(`^ok {6}case:${id} `),
      '1 chain(s) checked, 0 broken',
    ]);
    expect((await run([randomUUID()])).code).toBe(2);

    await bypassingAppendOnly(db, (tx) =>
      tx.execute(sql`update audit_entries set reason = 'forged' where chain = ${caseChain(id)} and sequence = 1`),
    );
    const tampered = await run([]);
    expect(tampered.code).toBe(1);
    expect(tampered.lines).toContain(
      `BROKEN  case:${id} at sequence 1: HASH_MISMATCH — ${
        (await verifyAuditTrail(db, system, { caseId: id })).problem
      }`,
    );
    expect(tampered.lines.at(-1)).toBe(`${chainCount} chain(s) checked, 1 broken`);
    expect((await run([id])).code).toBe(1);
  }, 90_000);
});
