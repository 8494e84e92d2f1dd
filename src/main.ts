/**
 * Entry point of `npm start`: read the configuration, open and migrate the database, seed the
 * demo data, listen, and shut down within SHUTDOWN_TIMEOUT_MS (shutdown.ts). Start-up failures end
 * with one line naming the cause; a database or Redis outage later never ends the process.
 */
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { createApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { type DatabaseHandle, DatabaseOpenError, openDatabase } from './database/database.ts';
import { type AuthSettings, authSettings } from './domain/auth/auth-settings.ts';
import { resolveSigningKey } from './domain/auth/signing-key.ts';
import { openApiQueues } from './jobs/api-queues.ts';
import { refusal, takeRunnerLock } from './jobs/runner-lock.ts';
import { startEmbeddedJobs } from './jobs/runtime.ts';
import { createLiveEvents } from './live/live-events.ts';
import { createLogger } from './logger.ts';
import { DEMO_PASSWORD, demoPeople, demoSeedSteps } from './seed/demo-data.ts';
import { runSeedSteps } from './seed/seed-runner.ts';
import { shutDownWithin, within } from './shutdown.ts';

function fail(message: string): never {
  process.stderr.write(`icsr: cannot start: ${message}\n`);
  process.exit(1);
}

function listen(app: ReturnType<typeof createApp>, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new Error(`port ${config.port} on ${config.host} is in use; set PORT`));
      else if (error.code === 'EACCES') reject(new Error(`no permission to listen on port ${config.port}; set PORT`));
      else reject(error);
    });
  });
}

function describeDatabaseError(error: unknown, config: Config): string {
  if (error instanceof DatabaseOpenError) return error.message;
  // drizzle wraps the driver's error (with the failed SQL) around the cause worth showing.
  let cause = error as { code?: string; message?: string; cause?: unknown };
  while (cause.cause && typeof cause.cause === 'object') cause = cause.cause as typeof cause;
  const where = config.database.kind === 'postgres' ? 'PostgreSQL at DATABASE_URL' : `PGlite in ${config.dataDir}`;
  const detail = `${cause.code ? `${cause.code} ` : ''}${cause.message ?? String(error)}`.replace(/\s+/g, ' ').trim();
  return `${where} failed: ${detail}`;
}

async function main() {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger(config);
  const startedAt = Date.now();

  let database: DatabaseHandle;
  try {
    // A connection the server drops (restart, failover, terminated backend) leaves the pool; requests
    // in the meantime answer 503 and the pool reconnects by itself.
    database = await openDatabase(config.database, (error) =>
      logger.warn({ err: error.message }, 'database connection lost; reconnecting on the next query'),
    );
    await database.migrate();
  } catch (error) {
    fail(describeDatabaseError(error, config));
  }
  if (config.seedDemoData) {
    const applied = await runSeedSteps(database.db, demoSeedSteps, new Date());
    if (applied.length > 0) logger.info({ steps: applied }, 'demo data seeded');
  }

  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false })
    : undefined;
  redis?.on('error', (error) => logger.warn({ err: error.message }, 'redis unavailable'));
  redis?.connect().catch(() => {});

  let auth: AuthSettings;
  try {
    auth = authSettings(
      config.auth,
      await resolveSigningKey({ jwtSecret: config.auth.jwtSecret, dataDir: config.dataDir }),
    );
  } catch (error) {
    await database.close();
    fail(error instanceof Error ? error.message : String(error));
  }

  // With REDIS_URL the API only writes the outbox (the worker relays and runs it); the queues here
  // serve the dashboard and /metrics. Without it the jobs run in this process.
  const queues = config.redisUrl ? openApiQueues(config.redisUrl, logger) : undefined;
  // One live-event bus per process: subscriptions listen on it, the embedded jobs publish on it (Redis with REDIS_URL).
  const live = createLiveEvents({ redisUrl: config.redisUrl, logger });
  const draining = new AbortController();
  const app = createApp(config, {
    shutdown: draining.signal,
    database,
    logger,
    auth,
    live,
    ...(redis ? { redis } : {}),
    ...(queues ? { queues } : {}),
  });
  let server: Server;
  try {
    server = await listen(app, config);
  } catch (error) {
    await database.close();
    fail((error as Error).message);
  }

  // Without REDIS_URL this process runs the jobs, unless workers or another API process already do
  // (jobs/runner-lock.ts): then it only serves requests.
  const runnerLock = config.redisUrl ? null : await takeRunnerLock(database, 'embedded', logger);
  if (!config.redisUrl && !runnerLock) logger.warn(refusal('embedded'));
  const embedded = runnerLock ? await startEmbeddedJobs(config, { db: database.db, logger, live }) : null;
  const jobs = embedded && {
    close: async (timeoutMs: number) => {
      await embedded.close(timeoutMs);
      await runnerLock?.release();
    },
  };
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  logger.info(
    { url, database: database.kind, redis: redis ? 'configured' : 'not configured', ms: Date.now() - startedAt },
    'ready',
  );
  if (config.seedDemoData) {
    const accounts = demoPeople.map((p) => `  ${p.email.padEnd(28)} ${p.roles.join(', ')}`).join('\n');
    process.stdout.write(
      `\nIndustry-chain security review is ready at ${url}/ (the web console; the API and GraphiQL at ${url}/graphql)\n` +
        `Database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}\n` +
        `Demo accounts (password ${DEMO_PASSWORD}):\n${accounts}\n` +
        'Sign in with the `login` mutation and send `Authorization: Bearer <accessToken>` (README.md shows how).\n' +
        `Lead reviewers and administrators also need a one-time code: npm run demo:totp -- lead@icsr.example\n\n`,
    );
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
    // In-flight requests get the deadline less a reserve for closing the rest.
    const reserveMs = Math.min(2_000, Math.floor(config.shutdownTimeoutMs / 4));
    void shutDownWithin(
      config.shutdownTimeoutMs,
      [
        {
          name: 'requests',
          run: async (remainingMs) => {
            // Subscriptions complete (each SSE stream ends with `event: complete`), new requests get 503.
            draining.abort();
            const closed = new Promise<void>((resolve) => server.close(() => resolve()));
            server.closeIdleConnections();
            if ((await within(closed, remainingMs - reserveMs)) === 'timeout') {
              logger.warn('in-flight requests did not finish in time; closing their connections');
              server.closeAllConnections();
              await closed;
            }
          },
        },
        { name: 'embedded jobs', run: (remainingMs) => jobs?.close(Math.max(0, remainingMs - reserveMs)) },
        // A Redis that does not answer must not hold the exit: a short wait, then the sockets go.
        {
          name: 'queues',
          run: async () => {
            const all = queues ?? [];
            await within(Promise.all(all.map((queue) => queue.close())), 1_000);
            await Promise.all(all.map((queue) => queue.disconnect().catch(() => {})));
          },
        },
        { name: 'live events', run: () => live.close() },
        { name: 'redis', run: () => redis?.disconnect() },
        { name: 'database', run: () => database.close() },
      ],
      logger,
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
