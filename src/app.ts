/**
 * Builds the HTTP application: GraphQL (yoga + Pothos) at /graphql, health and readiness probes.
 * The entry point (main.ts) only opens resources, calls this factory and listens.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import { createYoga } from 'graphql-yoga';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import type { GraphQLContext } from './graphql/context.ts';
import { schema } from './graphql/schema.ts';
import type { Logger } from './logger.ts';

/** Anything that answers a ping, e.g. an ioredis client. */
export interface Pingable {
  ping(): Promise<unknown>;
}

export interface AppDependencies {
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  /** Present when REDIS_URL is set. */
  readonly redis?: Pingable;
  /** The clock source; tests inject a fixed one. */
  readonly now?: () => Date;
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);

export function createApp(config: Config, deps: AppDependencies) {
  const now = deps.now ?? (() => new Date());
  const app = express();
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );

  /** Liveness: the process is up and serving. */
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  /** Readiness: the database answers. Redis, when configured, only degrades: the API works without it. */
  app.get('/readyz', async (_req, res) => {
    const database = await withTimeout(deps.database.ping(), 2000).then(
      () => ({ status: 'up' as const }),
      (error: Error) => ({ status: 'down' as const, error: error.message }),
    );
    const redis = deps.redis
      ? await withTimeout(deps.redis.ping(), 1000).then(
          () => ({ status: 'up' as const }),
          (error: Error) => ({ status: 'down' as const, error: error.message }),
        )
      : { status: 'not_configured' as const };
    const ready = database.status === 'up';
    const status = !ready ? 'unavailable' : redis.status === 'down' ? 'degraded' : 'ready';
    res
      .status(ready ? 200 : 503)
      .json({ status, checks: { database: { ...database, kind: deps.database.kind }, redis } });
  });

  const yoga = createYoga<{ req: express.Request }, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: config.env !== 'production',
    landingPage: false,
    logging: deps.logger,
    context: ({ req }): GraphQLContext => ({
      db: deps.database.db,
      actor: null,
      now: now(),
      logger: req.log ?? deps.logger,
    }),
  });
  app.use(yoga.graphqlEndpoint, (req, res) => yoga(req, res, { req }));

  return app;
}
