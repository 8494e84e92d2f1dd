/**
 * `npm run audit:verify [-- <caseId>]`: recomputes the audit hash chains (every chain, or one
 * case's) as the system, prints one line per chain, and exits 1 when any chain is broken (0 when
 * all verify, 2 when the check could not run).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { systemActor } from '../src/domain/actor.ts';
import {
  type AuditTrailVerification,
  verifyAllAuditTrails,
  verifyAuditTrail,
} from '../src/domain/audit/verify-audit-trail.ts';

/** One line for one chain: `ok` with its length, or the first broken entry and why. */
export function describeVerification(v: AuditTrailVerification): string {
  if (v.valid) return `ok      ${v.chain} (${v.entries} entries)`;
  return `BROKEN  ${v.chain} at sequence ${v.firstBrokenSequence}: ${v.problemKind} — ${v.problem}`;
}

/**
 * Verifies every chain, or the one of `caseId`, printing a line per chain; returns the exit code
 * (1 when any chain is broken). Exported so that a test can run it on its own database handle.
 */
export async function auditVerify(
  db: Database,
  caseId: string | undefined,
  print: (line: string) => void,
): Promise<0 | 1> {
  const actor = systemActor('audit-verify');
  const results = caseId
    ? [await verifyAuditTrail(db, actor, { caseId })]
    : (await verifyAllAuditTrails(db, actor)).chains;
  for (const result of results) print(describeVerification(result));
  const broken = results.filter((r) => !r.valid).length;
  print(`${results.length} chain(s) checked, ${broken} broken`);
  return broken > 0 ? 1 : 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));

if (invokedDirectly) {
  const config = loadConfig(process.env);
  const database = await openDatabase(config.database);
  try {
    process.exitCode = await auditVerify(database.db, process.argv[2], (line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    // Not a verdict on the trail: the check itself could not run (unknown case, database down, …).
    process.stderr.write(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  } finally {
    await database.close();
  }
}
