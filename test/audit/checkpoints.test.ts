/**
 * Audit checkpoints outside the database (issue 12, finding 7): someone with superuser rights removes
 * the newest entries of a chain and rewrites its head, so the chain alone verifies; a signed
 * checkpoint written before the removal shows it (`npm run audit:verify -- --checkpoints <dir>`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditChainHeads, auditEntries } from '../../db/schema/audit.ts';
import { cases } from '../../db/schema/cases.ts';
import { auditVerify, parseArguments } from '../../scripts/audit-verify.ts';
import type { Database } from '../../src/database/database.ts';
import { appendAuditEntry, caseChain } from '../../src/domain/audit/append-audit-entry.ts';
import { verifyAuditTrail } from '../../src/domain/audit/verify-audit-trail.ts';
import {
  checkpointsFileName,
  startAuditCheckpoints,
  verifyAuditCheckpoints,
} from '../../src/jobs/audit-checkpoints.ts';
import { createLogger } from '../../src/logger.ts';
import { systemActor } from '../../vocabulary/actor.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let db: Database;
let dir: string;
let keyDir: string;
let caseId: string;
const system = systemActor('test');
const settings = () => ({ dir, keyFile: path.join(keyDir, 'checkpoint-key.pem'), intervalMs: 3_600_000 });

/** One checkpoint now, as the worker writes it. */
async function checkpoint() {
  const writer = await startAuditCheckpoints({
    db,
    logger: createLogger({ logLevel: 'silent' }),
    settings: settings(),
  });
  await writer.close();
}

async function verifyWithCheckpoints() {
  const lines: string[] = [];
  const code = await auditVerify(db, undefined, (line) => lines.push(line), { dir });
  return { code, lines };
}

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  db = database.db;
  dir = mkdtempSync(path.join(tmpdir(), 'icsr-checkpoints-'));
  keyDir = mkdtempSync(path.join(tmpdir(), 'icsr-checkpoint-key-'));
  const [row] = await db.select({ id: cases.id }).from(cases).limit(1);
  caseId = row!.id;
});
afterAll(async () => {
  await database?.destroy();
  rmSync(dir, { recursive: true, force: true });
  rmSync(keyDir, { recursive: true, force: true });
});

describe('audit checkpoints', () => {
  it('verify while nothing was removed', async () => {
    await checkpoint();
    expect(await verifyWithCheckpoints()).toMatchObject({ code: 0 });
    const lines = readFileSync(path.join(dir, checkpointsFileName), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    // The private key stays where it was put; only the public key is beside the checkpoints.
    expect(readFileSync(settings().keyFile, 'utf8')).toContain('PRIVATE KEY');
  });

  it('detect a removed tail whose chain head was rewritten, which the chain alone does not', async () => {
    const chain = caseChain(caseId);
    for (const n of [1, 2]) {
      await db.transaction((tx) =>
        appendAuditEntry(tx, system, {
          chain,
          caseId,
          action: 'case.note',
          entityKind: 'Case',
          entityId: caseId,
          after: { n },
          occurredAt: new Date(),
        }),
      );
    }
    await checkpoint();
    const kept = await db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.chain, chain))
      .orderBy(desc(auditEntries.sequence))
      .offset(2)
      .limit(1);
    // A superuser removes the two newest entries and points the head at what is left.
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_entries disable trigger user`);
      await tx.execute(sql`alter table audit_chain_heads disable trigger user`);
      await tx.execute(sql`delete from audit_entries where chain = ${chain} and sequence > ${kept[0]!.sequence}`);
      await tx
        .update(auditChainHeads)
        .set({ lastSequence: kept[0]!.sequence, lastHash: kept[0]!.hash })
        .where(eq(auditChainHeads.chain, chain));
      await tx.execute(sql`alter table audit_chain_heads enable trigger user`);
      await tx.execute(sql`alter table audit_entries enable trigger user`);
    });
    expect(await verifyAuditTrail(db, system, { caseId })).toMatchObject({ valid: true });

    const verdict = await verifyAuditCheckpoints(db, dir);
    expect(verdict.checkpoints).toBe(2);
    expect(verdict.problems).toEqual([
      { chain, message: expect.stringMatching(/^entry \d+, signed at .*, is missing: entries were removed$/) },
    ]);
    const { code, lines } = await verifyWithCheckpoints();
    expect(code).toBe(1);
    expect(lines.some((line) => line.startsWith(`BROKEN  ${chain}: entry`))).toBe(true);
  });

  it('refuse a checkpoint whose signature does not verify', async () => {
    const file = path.join(dir, checkpointsFileName);
    const [first] = readFileSync(file, 'utf8').trim().split('\n');
    const forged = JSON.parse(first!) as { payload: string };
    forged.payload = forged.payload.replace(/"heads":\[/, '"heads":[["case:forged",1,"00"],');
    writeFileSync(file, `${JSON.stringify(forged)}\n`, { flag: 'a' });
    const verdict = await verifyAuditCheckpoints(db, dir);
    expect(verdict.problems.some((p) => p.chain === null && p.message.includes('does not verify'))).toBe(true);
  });

  it('read the command line', () => {
    expect(parseArguments(['--checkpoints', '/var/lib/icsr/checkpoints'])).toEqual({
      caseId: undefined,
      checkpoints: { dir: '/var/lib/icsr/checkpoints' },
    });
    expect(parseArguments(['abc', '--checkpoints', 'd', '--public-key', 'k.pem'])).toEqual({
      caseId: 'abc',
      checkpoints: { dir: 'd', publicKeyFile: 'k.pem' },
    });
  });
});
