/**
 * Audit checkpoints outside the database (issue 12, finding 7). The hash chains and their heads
 * (audit_chain_heads) show any edit, and any removal as long as the head is left alone; someone with
 * superuser rights who removes the newest entries and rewrites the head too leaves a shorter chain
 * that verifies. So the worker (and the embedded runner) periodically signs the newest entry of
 * every chain with an Ed25519 key the database does not hold, appends the checkpoint as one line to
 * a file in a directory of its own, and logs it; `npm run audit:verify -- --checkpoints <dir>` then
 * finds every signed entry still in its chain, with the same hash. What happened after the last
 * checkpoint is not covered: README.md, "Audit checkpoints".
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { auditEntries } from '../../db/schema/audit.ts';
import { type Queryable, selectRows } from '../database/database.ts';
import type { Logger } from '../logger.ts';

export interface AuditCheckpointSettings {
  /** Where the checkpoints file and the public keys are written (append-only; keep it off the database host). */
  readonly dir: string;
  /** The Ed25519 private key (PKCS#8 PEM), generated on first use; never stored in the database. */
  readonly keyFile: string;
  readonly intervalMs: number;
}

export const checkpointsFileName = 'audit-checkpoints.jsonl';

/** One line of the checkpoints file. `payload` is the signed text itself, so no canonical form is needed. */
interface CheckpointLine {
  readonly payload: string;
  /** SHA-256 of the public key (SPKI DER), hex: which `audit-checkpoint-key.<fingerprint>.pub.pem` verifies it. */
  readonly key: string;
  /** Ed25519 signature of `payload`, base64. */
  readonly signature: string;
}

/** What a checkpoint signs: the newest entry of every chain at `at`. */
interface CheckpointPayload {
  readonly version: 1;
  readonly at: string;
  /** [chain, sequence, hash], sorted by chain. */
  readonly heads: readonly (readonly [string, number, string])[];
}

const fingerprint = (key: KeyObject) =>
  createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
const publicKeyFile = (dir: string, print: string) => path.join(dir, `audit-checkpoint-key.${print}.pub.pem`);

/** The signing key, generated (mode 0600) when the key file does not exist yet, and its public half in `dir`. */
export async function loadCheckpointKey(
  settings: AuditCheckpointSettings,
): Promise<{ privateKey: KeyObject; key: string }> {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(await readFile(settings.keyFile, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(settings.keyFile), { recursive: true });
    const pair = generateKeyPairSync('ed25519');
    await writeFile(settings.keyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
      flag: 'wx',
    });
    privateKey = pair.privateKey;
  }
  const publicKey = createPublicKey(privateKey);
  const key = fingerprint(publicKey);
  await mkdir(settings.dir, { recursive: true });
  await writeFile(publicKeyFile(settings.dir, key), publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'w' });
  return { privateKey, key };
}

/** Signs the newest entry of every chain and appends the checkpoint to the file. @returns the chains signed */
export async function writeAuditCheckpoint(
  db: Queryable,
  settings: AuditCheckpointSettings,
  signing: { privateKey: KeyObject; key: string },
  now: Date,
): Promise<number> {
  const rows = await selectRows<{ chain: string; sequence: number; hash: string }>(
    db,
    sql`select distinct on (${auditEntries.chain}) ${auditEntries.chain} as chain, ${auditEntries.sequence} as sequence, ${auditEntries.hash} as hash
        from ${auditEntries} order by ${auditEntries.chain}, ${auditEntries.sequence} desc`,
  );
  const payload: CheckpointPayload = {
    version: 1,
    at: now.toISOString(),
    heads: rows.map((r) => [r.chain, Number(r.sequence), r.hash] as const),
  };
  const text = JSON.stringify(payload);
  const line: CheckpointLine = {
    payload: text,
    key: signing.key,
    signature: sign(null, Buffer.from(text), signing.privateKey).toString('base64'),
  };
  // O_APPEND: each checkpoint is one line added at the end; earlier lines are never rewritten.
  await appendFile(path.join(settings.dir, checkpointsFileName), `${JSON.stringify(line)}\n`, { flag: 'a' });
  return rows.length;
}

/** Writes a checkpoint now and every `intervalMs`, logging each; `close` stops and waits for one in progress. */
export async function startAuditCheckpoints(deps: {
  readonly db: Queryable;
  readonly logger: Logger;
  readonly settings: AuditCheckpointSettings;
  readonly now?: () => Date;
}): Promise<{ close(): Promise<void> }> {
  const now = deps.now ?? (() => new Date());
  const signing = await loadCheckpointKey(deps.settings);
  let running: Promise<void> = Promise.resolve();
  const write = () => {
    running = running.then(async () => {
      try {
        const at = now();
        const chains = await writeAuditCheckpoint(deps.db, deps.settings, signing, at);
        deps.logger.info(
          { chains, at: at.toISOString(), file: path.join(deps.settings.dir, checkpointsFileName), key: signing.key },
          'audit checkpoint written',
        );
      } catch (error) {
        deps.logger.warn(
          { err: (error as Error).message },
          'audit checkpoint not written; retrying at the next interval',
        );
      }
    });
    return running;
  };
  await write();
  const timer = setInterval(write, deps.settings.intervalMs);
  timer.unref();
  return {
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

/** A signed entry the database no longer holds as signed, or a checkpoint that does not verify. */
export interface CheckpointProblem {
  readonly chain: string | null;
  readonly message: string;
}

/**
 * Checks every checkpoint in `dir` against the database: its signature (with the public keys in
 * `dir`, or `publicKeyFile` when given), then each chain's signed entry, which must still be there
 * with the same hash. A removed tail shows even when the chain and its head were rewritten to agree.
 */
export async function verifyAuditCheckpoints(
  db: Queryable,
  dir: string,
  options: { readonly publicKeyFile?: string } = {},
): Promise<{ checkpoints: number; problems: CheckpointProblem[] }> {
  const keys = new Map<string, KeyObject>();
  if (options.publicKeyFile) {
    const key = createPublicKey(await readFile(options.publicKeyFile, 'utf8'));
    keys.set(fingerprint(key), key);
  } else {
    for (const name of await readdir(dir)) {
      if (!/^audit-checkpoint-key\.[0-9a-f]{64}\.pub\.pem$/.test(name)) continue;
      const key = createPublicKey(await readFile(path.join(dir, name), 'utf8'));
      keys.set(fingerprint(key), key);
    }
  }
  const text = await readFile(path.join(dir, checkpointsFileName), 'utf8');
  const problems: CheckpointProblem[] = [];
  const reported = new Set<string>();
  let checkpoints = 0;
  for (const [n, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') continue;
    checkpoints += 1;
    let line: CheckpointLine;
    let payload: CheckpointPayload;
    try {
      line = JSON.parse(raw) as CheckpointLine;
      payload = JSON.parse(line.payload) as CheckpointPayload;
    } catch {
      problems.push({ chain: null, message: `line ${n + 1} of ${checkpointsFileName} is not a checkpoint` });
      continue;
    }
    const key = keys.get(line.key);
    if (!key || !verify(null, Buffer.from(line.payload), key, Buffer.from(line.signature, 'base64'))) {
      problems.push({
        chain: null,
        message: `the checkpoint of ${payload.at} (line ${n + 1}) does not verify with ${key ? 'its' : 'any known'} public key`,
      });
      continue;
    }
    for (const [chain, sequence, hash] of payload.heads) {
      if (reported.has(chain)) continue;
      const [entry] = await db
        .select({ hash: auditEntries.hash })
        .from(auditEntries)
        .where(and(eq(auditEntries.chain, chain), eq(auditEntries.sequence, sequence)));
      if (entry?.hash === hash) continue;
      reported.add(chain);
      problems.push({
        chain,
        message: entry
          ? `entry ${sequence} differs from the one signed at ${payload.at} (hash ${hash.slice(0, 12)}, now ${entry.hash.slice(0, 12)}): the chain was rewritten`
          : `entry ${sequence}, signed at ${payload.at} (hash ${hash.slice(0, 12)}), is missing: entries were removed`,
      });
    }
  }
  return { checkpoints, problems };
}
