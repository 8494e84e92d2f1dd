/**
 * Entry point of `npm run worker` (needs REDIS_URL): relays the outbox to BullMQ and runs the job
 * handlers, clock wake-ups and the daily digest. Several workers may run side by side, never beside
 * an API that runs the jobs itself (jobs/runner-lock.ts). It survives PostgreSQL and Redis outages
 * (jobs wait, nothing ends the process). On SIGTERM or SIGINT it stops taking jobs and exits within
 * SHUTDOWN_TIMEOUT_MS whatever Redis or PostgreSQL do; a job cut off then runs again elsewhere once
 * its lock expires (handlers are idempotent).
 */

import express from 'express';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './database/database.ts';
import { createNotificationHandlers, notificationDepsFromConfig } from './domain/notifications/handlers.ts';
import { jobMetrics, metricsRouter } from './http/metrics.ts';
import { startAuditCheckpoints } from './jobs/audit-checkpoints.ts';
import { startQueueRuntime } from './jobs/queue-runtime.ts';
import { refusal, takeRunnerLock } from './jobs/runner-lock.ts';
import { jobHandlers } from './jobs/runtime.ts';
import { createLogger } from './logger.ts';
import { shutDownWithin } from './shutdown.ts';

function fail(message: string): never {
  process.stderr.write(`icsr-worker: cannot start: ${message}\n`);
  process.exit(1);
}

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (!config.redisUrl) fail('REDIS_URL is not set; without it `npm start` runs the jobs itself');
  const logger = createLogger(config).child({ process: 'worker' });
  // An embedded PGlite belongs to the one process that opened it: the worker shares PostgreSQL with the API.
  if (config.database.kind !== 'postgres') fail("DATABASE_URL is not set; the worker needs the API's PostgreSQL");
  // A connection the server drops leaves the pool; jobs meeting the outage are postponed without
  // spending an attempt (queue-runtime.ts) and everything resumes when PostgreSQL is back.
  const database = await openDatabase(config.database, (error) =>
    logger.warn({ err: error.message }, 'database connection lost; reconnecting on the next query'),
  ).catch((error: Error) => fail(error.message));
  await database.migrate().catch((error: Error) => fail(`PostgreSQL at DATABASE_URL failed: ${error.message}`));
  // Never beside an API process that runs the jobs itself (jobs/runner-lock.ts).
  const runnerLock = await takeRunnerLock(database, 'worker', logger);
  if (!runnerLock) {
    await database.close();
    fail(refusal('worker'));
  }

  const notificationDeps = notificationDepsFromConfig(config, logger);
  const runtime = await startQueueRuntime({
    db: database.db,
    logger,
    redisUrl: config.redisUrl,
    handlers: jobHandlers(createNotificationHandlers(notificationDeps)),
    observer: jobMetrics,
  });
  // Job latency and failures are observed here, so the worker serves its own /metrics (same scraping rule as the API).
  const metricsServer =
    config.workerMetricsPort > 0
      ? express()
          .use(
            metricsRouter(
              { token: config.metricsToken, production: config.env === 'production' },
              { db: database.db, queues: [runtime.outboxQueue, runtime.clockQueue] },
            ),
          )
          .listen(config.workerMetricsPort, config.host)
          // A taken port costs the worker its /metrics, not its jobs.
          .on('error', (error) => logger.error({ err: error.message }, 'worker /metrics not served'))
      : null;
  // Signed checkpoints of the audit chains, outside the database (README: Audit checkpoints).
  const checkpoints = config.auditCheckpoints
    ? await startAuditCheckpoints({ db: database.db, logger, settings: config.auditCheckpoints })
    : null;
  logger.info({ metricsPort: config.workerMetricsPort || null }, 'worker ready');

  let stopping = false;
  // Bounded whatever Redis or PostgreSQL are doing: running jobs get the deadline less a reserve for
  // closing; a job cut off runs again elsewhere once its lock expires (handlers are idempotent).
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'worker shutting down');
    const reserveMs = Math.min(1_000, Math.floor(config.shutdownTimeoutMs / 4));
    void shutDownWithin(
      config.shutdownTimeoutMs,
      [
        { name: 'metrics', run: () => metricsServer?.close() },
        { name: 'jobs', run: (remainingMs) => runtime.close(Math.max(0, remainingMs - reserveMs)) },
        { name: 'audit checkpoints', run: () => checkpoints?.close() },
        { name: 'notifications', run: () => notificationDeps.close() },
        { name: 'runner lock', run: () => runnerLock.release() },
        { name: 'database', run: () => database.close() },
      ],
      logger,
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
