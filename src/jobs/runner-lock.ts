/**
 * Who runs the jobs of one database: the embedded runner of one API process (no REDIS_URL), or any
 * number of Redis-backed workers, never both and never two embedded runners. Either would hand the
 * same outbox rows out twice: the embedded runner puts every claimed row back to PENDING when it
 * starts. Each worker holds a PostgreSQL advisory lock in shared mode, the embedded runner in
 * exclusive mode, each on a connection of its own; the server frees it when the process dies.
 */
import type { DatabaseHandle, SessionLock } from '../database/database.ts';
import type { Logger } from '../logger.ts';

export const runnerLockName = 'icsr:job-runners';

export type RunnerKind = 'worker' | 'embedded';

export interface RunnerLock {
  release(): Promise<void>;
}

/** Why a runner may not start, in one line for the log. */
export function refusal(kind: RunnerKind): string {
  return kind === 'embedded'
    ? 'a worker (npm run worker) or another API process runs the jobs of this database; jobs do not run in this process'
    : 'an API process without REDIS_URL runs the jobs of this database in-process; give every API process REDIS_URL before starting workers';
}

/**
 * Takes the lock for `kind`, or returns null when the other kind (or, for the embedded runner,
 * another embedded runner) holds it. A lock lost with its connection (a database restart) is taken
 * again every `recheckMs`.
 */
export async function takeRunnerLock(
  database: DatabaseHandle,
  kind: RunnerKind,
  logger: Logger,
  recheckMs = 5_000,
): Promise<RunnerLock | null> {
  const mode = kind === 'worker' ? 'shared' : 'exclusive';
  let lock: SessionLock | null = await database.lockSession(runnerLockName, mode);
  if (!lock) return null;
  let busy = false;
  const recheck = setInterval(() => {
    if (busy || !lock?.lost) return;
    busy = true;
    void database
      .lockSession(runnerLockName, mode)
      .then(
        (again) => {
          lock = again;
          if (again) logger.info({ kind }, 'job runner lock taken again after the database came back');
          else logger.error({ kind }, `job runner lock lost: ${refusal(kind)}`);
        },
        () => {
          /* the database is still away: try again on the next tick */
        },
      )
      .finally(() => {
        busy = false;
      });
  }, recheckMs);
  recheck.unref();
  return {
    release: async () => {
      clearInterval(recheck);
      await lock?.release();
    },
  };
}
