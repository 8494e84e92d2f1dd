/**
 * Which handlers run, and where: the notification handlers (src/domain/notifications) by outbox
 * topic, plus any extra map a caller adds (tests add their own topics). Worker mode runs them in
 * `npm run worker`; without REDIS_URL `npm start` runs them in its own process.
 */
import type { Config } from '../config.ts';
import type { Database } from '../database/database.ts';
import type { JobHandlers } from '../domain/jobs/job-handler.ts';
import { createNotificationHandlers, notificationDepsFromConfig } from '../domain/notifications/handlers.ts';
import type { LivePublisher } from '../live/live-events.ts';
import type { Logger } from '../logger.ts';
import { startAuditCheckpoints } from './audit-checkpoints.ts';
import { type EmbeddedRuntime, startEmbeddedRuntime } from './embedded.ts';
import type { JobObserver } from './outbox-rows.ts';

/** The production handler map: notifications (and their deliveries), then `extra` on top. */
export function jobHandlers(notifications: JobHandlers, extra: JobHandlers = {}): JobHandlers {
  return { ...notifications, ...extra };
}

/**
 * Starts the embedded runner for `npm start` without REDIS_URL, with the production handlers.
 * `live` is the API's own publisher, so subscribers see what the handlers publish.
 */
export async function startEmbeddedJobs(
  config: Config,
  deps: {
    readonly db: Database;
    readonly logger: Logger;
    readonly live?: LivePublisher;
    readonly observer?: JobObserver;
    readonly extraHandlers?: JobHandlers;
  },
): Promise<EmbeddedRuntime> {
  const notificationDeps = notificationDepsFromConfig(config, deps.logger, deps.live);
  const runtime = await startEmbeddedRuntime({
    db: deps.db,
    logger: deps.logger,
    now: () => new Date(),
    handlers: jobHandlers(createNotificationHandlers(notificationDeps), deps.extraHandlers),
    ...(deps.observer ? { observer: deps.observer } : {}),
  });
  deps.logger.info('no REDIS_URL: jobs (notifications, clock wake-ups, digest) run in this process');
  const checkpoints = config.auditCheckpoints
    ? await startAuditCheckpoints({ db: deps.db, logger: deps.logger, settings: config.auditCheckpoints })
    : null;
  return {
    close: async (timeoutMs) => {
      await runtime.close(timeoutMs);
      await checkpoints?.close();
      await notificationDeps.close();
    },
  };
}
