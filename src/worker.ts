/**
 * Entry point of `npm run worker` (needs REDIS_URL): relays the outbox to BullMQ and runs the job
 * handlers, clock wake-ups and the daily digest. Several workers may run side by side. On SIGTERM or
 * SIGINT it stops taking jobs and waits at most SHUTDOWN_TIMEOUT_MS for running ones; a job cut off
 * then runs again elsewhere once its lock expires (handlers are idempotent).
 */

import express from 'express';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { createNotificationHandlers, notificationDepsFromConfig } from './domain/notifications/handlers.ts';
import { jobMetrics, metricsRouter } from './http/metrics.ts';
import { startQueueRuntime } from './jobs/queue-runtime.ts';
import { jobHandlers } from './jobs/runtime.ts';
import { createLogger } from './logger.ts';

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
  const database = await openDatabase(config.database).catch((error: Error) => fail(error.message));
  await database.migrate();

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
      : null;
  logger.info({ metricsPort: config.workerMetricsPort || null }, 'worker ready');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'worker shutting down');
    const forced = setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5_000);
    forced.unref();
    metricsServer?.close();
    await runtime.close(config.shutdownTimeoutMs);
    await notificationDeps.close();
    await database.close();
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
