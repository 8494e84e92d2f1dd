/**
 * Bounded shutdown, shared by the API (main.ts) and the worker (worker.ts): the steps run in order,
 * each within what is left of SHUTDOWN_TIMEOUT_MS, and the process exits by the deadline whatever
 * Redis or PostgreSQL are doing. A step that does not finish in time (a close waiting on a server
 * that does not answer) is logged and left behind; its connections die with the process.
 */
import type { Logger } from './logger.ts';

export interface ShutdownStep {
  readonly name: string;
  /** `remainingMs`: what is left of the deadline; a step that can give up early should use it. */
  run(remainingMs: number): Promise<unknown> | unknown;
}

/** Resolves with `work`'s outcome, or `'timeout'` after `ms` (the work goes on, unheard). */
export function within<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, ms));
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs `steps` within `timeoutMs` and exits: 0 when every step finished, 1 when one failed or was
 * cut off. A hard timer exits at the deadline even if a step blocks the loop's progress.
 */
export async function shutDownWithin(
  timeoutMs: number,
  steps: readonly ShutdownStep[],
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const hard = setTimeout(() => {
    logger.error({ timeoutMs }, 'shutdown deadline reached; exiting');
    exit(1);
  }, timeoutMs);
  hard.unref();
  let clean = true;
  for (const step of steps) {
    // Keep a little of the budget for the steps after this one (closing the pools).
    const remaining = deadline - Date.now() - 50;
    if (remaining <= 0) {
      clean = false;
      logger.warn({ step: step.name }, 'shutdown: no time left for this step');
      continue;
    }
    const outcome = await within(
      Promise.resolve()
        .then(() => step.run(remaining))
        .then(
          () => 'done' as const,
          (error: Error) => {
            logger.warn({ step: step.name, err: error.message }, 'shutdown step failed');
            return 'failed' as const;
          },
        ),
      remaining,
    );
    if (outcome !== 'done') {
      clean = false;
      if (outcome === 'timeout') logger.warn({ step: step.name }, 'shutdown step cut off at the deadline');
    }
  }
  clearTimeout(hard);
  logger.info({ clean, ms: timeoutMs - (deadline - Date.now()) }, 'stopped');
  exit(clean ? 0 : 1);
}
