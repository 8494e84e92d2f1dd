/**
 * `npm run audit:verify [-- <caseId>] [--checkpoints <dir> [--public-key <file>]]`: recomputes the
 * audit hash chains (every chain, or one case's) as the system, prints one line per chain, and with
 * `--checkpoints` also checks every signed checkpoint in `dir` (src/jobs/audit-checkpoints.ts): each
 * signed entry must still be in its chain with the same hash, so a removed tail shows even when the
 * chain head was rewritten. Exits 1 when anything is broken (0 when all verify, 2 when the check
 * could not run).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/database/database.ts';
import {
  type AuditTrailVerification,
  verifyAllAuditTrails,
  verifyAuditTrail,
} from '../src/domain/audit/verify-audit-trail.ts';
import { verifyAuditCheckpoints } from '../src/jobs/audit-checkpoints.ts';
import { systemActor } from '../vocabulary/actor.ts';

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
  checkpoints?: { readonly dir: string; readonly publicKeyFile?: string },
): Promise<0 | 1> {
  const actor = systemActor('audit-verify');
  const results = caseId
    ? [await verifyAuditTrail(db, actor, { caseId })]
    : (await verifyAllAuditTrails(db, actor)).chains;
  for (const result of results) print(describeVerification(result));
  const broken = results.filter((r) => !r.valid).length;
  print(`${results.length} chain(s) checked, ${broken} broken`);
  let checkpointProblems = 0;
  if (checkpoints) {
    const verdict = await verifyAuditCheckpoints(db, checkpoints.dir, {
      ...(checkpoints.publicKeyFile ? { publicKeyFile: checkpoints.publicKeyFile } : {}),
    });
    for (const problem of verdict.problems) print(`BROKEN  ${problem.chain ?? 'checkpoints'}: ${problem.message}`);
    checkpointProblems = verdict.problems.length;
    print(`${verdict.checkpoints} checkpoint(s) checked, ${checkpointProblems} problem(s)`);
  }
  return broken > 0 || checkpointProblems > 0 ? 1 : 0;
}

/** `[caseId] [--checkpoints <dir>] [--public-key <file>]`. */
export function parseArguments(argv: readonly string[]) {
  let caseId: string | undefined;
  let dir: string | undefined;
  let publicKeyFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--checkpoints') dir = argv[++i];
    else if (arg === '--public-key') publicKeyFile = argv[++i];
    else caseId = arg;
  }
  if (dir === undefined && publicKeyFile !== undefined) throw new Error('--public-key needs --checkpoints <dir>');
  return { caseId, checkpoints: dir ? { dir, ...(publicKeyFile ? { publicKeyFile } : {}) } : undefined };
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));

if (invokedDirectly) {
  const config = loadConfig(process.env);
  const database = await openDatabase(config.database);
  try {
    const args = parseArguments(process.argv.slice(2));
    process.exitCode = await auditVerify(
      database.db,
      args.caseId,
      (line) => process.stdout.write(`${line}\n`),
      args.checkpoints,
    );
  } catch (error) {
    // Not a verdict on the trail: the check itself could not run (unknown case, database down, …).
    process.stderr.write(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  } finally {
    await database.close();
  }
}
