/**
 * Builds the HTTP application: GraphQL (yoga + Pothos) at /graphql, health and readiness probes.
 * The entry point (main.ts) only opens resources, calls this factory and listens.
 */
import { randomUUID } from 'node:crypto';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Queue } from 'bullmq';
import cors from 'cors';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createGraphQLError, createYoga, maskError, type Plugin, Repeater } from 'graphql-yoga';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './database/database.ts';
import { isDatabaseUnavailable, retryAfterSeconds } from './database/database-errors.ts';
import { InvalidTokenError } from './domain/auth/auth-errors.ts';
import type { AuthSettings } from './domain/auth/auth-settings.ts';
import { authenticateRequest } from './domain/auth/authenticate.ts';
import type { GraphQLContext } from './graphql/context.ts';
import { documentLimitsPlugin } from './graphql/document-limits.ts';
import { schema } from './graphql/schema.ts';
import { dateArgumentsRule } from './graphql/types/scalars.ts';
import { queueDashboardRouter } from './http/admin-queues.ts';
import { browserSessionRouter } from './http/browser-session.ts';
import { graphqlCsrfProtection } from './http/csrf.ts';
import { documentRouter } from './http/documents.ts';
import { metricsRouter } from './http/metrics.ts';
import { databaseUnavailable } from './http/rest.ts';
import { supplierListRouter } from './http/supplier-lists.ts';
import { webConsoleRouter } from './http/web-console.ts';
import { createLiveEvents, type LiveEvents } from './live/live-events.ts';
import type { Logger } from './logger.ts';

/** Anything that answers a ping, e.g. an ioredis client. */
export interface Pingable {
  ping(): Promise<unknown>;
}

export interface AppDependencies {
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  /** Token lifetimes, second-factor rules and the signing key. */
  readonly auth: AuthSettings;
  /** Present when REDIS_URL is set. */
  readonly redis?: Pingable;
  /** The clock source; tests inject a fixed one. */
  readonly now?: () => Date;
  /** The BullMQ queues, in worker mode: /admin/queues shows them and /metrics reports their depth. */
  readonly queues?: readonly Queue[];
  /**
   * Live events for subscriptions, shared with the job handlers of this process (main.ts makes it
   * from REDIS_URL); without it, an in-process one.
   */
  readonly live?: LiveEvents;
  /**
   * Aborted when the process begins to shut down (main.ts): open subscriptions then complete (the
   * SSE stream ends with `event: complete`) and new requests are refused with 503.
   */
  readonly shutdown?: AbortSignal;
  /** The web console's build to serve at `/`; web/dist unless given (tests serve their own). */
  readonly consoleDir?: string;
}

/** The answer to a GraphQL request the database could not serve: retryable, 503 with Retry-After. */
const databaseUnavailableError = () =>
  createGraphQLError('The database is not reachable right now; retry shortly.', {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
      http: { status: 503, headers: { 'Retry-After': String(retryAfterSeconds) } },
    },
  });

/** Subscriptions that complete when `signal` aborts, so a shutdown ends every stream cleanly. */
function endingOn(pubsub: LiveEvents['pubsub'], signal: AbortSignal | undefined): LiveEvents['pubsub'] {
  if (!signal) return pubsub;
  const subscribe = ((...args: Parameters<typeof pubsub.subscribe>) => {
    const source = (pubsub.subscribe as unknown as (...a: unknown[]) => AsyncIterable<unknown>)(...args);
    return new Repeater<unknown>(async (push, stop) => {
      const iterator = source[Symbol.asyncIterator]();
      const end = () => stop();
      if (signal.aborted) stop();
      signal.addEventListener('abort', end, { once: true });
      void stop.then(() => {
        signal.removeEventListener('abort', end);
        void iterator.return?.();
      });
      for (;;) {
        const next = await Promise.race([iterator.next(), stop.then(() => null)]);
        if (!next || next.done) break;
        await push(next.value);
      }
      stop();
    });
  }) as LiveEvents['pubsub']['subscribe'];
  return { ...pubsub, subscribe };
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);

/** Production serves no schema to strangers: introspection is refused like any invalid query. */
const disableIntrospection: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(NoSchemaIntrospectionCustomRule);
  },
};

export function createApp(config: Config, deps: AppDependencies) {
  const now = deps.now ?? (() => new Date());
  const live = deps.live ?? createLiveEvents({ logger: deps.logger });
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

  const production = config.env === 'production';
  // GraphiQL runs inline scripts; it is only served outside production, where the default CSP applies.
  // Before every route, the probes included.
  app.use(helmet({ contentSecurityPolicy: production ? undefined : false }));

  // While shutting down, new requests are refused (a keep-alive connection may still bring one);
  // the probes answer, readiness says not ready so a load balancer stops sending traffic.
  app.use((req, res, next) => {
    if (!deps.shutdown?.aborted || req.path === '/healthz') return next();
    res.setHeader('Connection', 'close');
    if (req.path === '/readyz') return void res.status(503).json({ status: 'shutting_down' });
    res.setHeader('Retry-After', String(retryAfterSeconds));
    res.status(503).json({
      errors: [{ message: 'The server is shutting down; retry shortly.', extensions: { code: 'SHUTTING_DOWN' } }],
    });
  });

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

  app.use(
    metricsRouter(
      { token: config.metricsToken, production },
      { db: deps.database.db, ...(deps.queues ? { queues: deps.queues } : {}) },
    ),
  );
  app.use(
    queueDashboardRouter({
      db: deps.database.db,
      signingKey: deps.auth.signingKey,
      production,
      now,
      ...(deps.queues ? { queues: deps.queues } : {}),
    }),
  );
  app.use(cors({ origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false, credentials: true }));
  app.use(documentRouter({ database: deps.database, auth: deps.auth, logger: deps.logger, now }));
  app.use(supplierListRouter({ database: deps.database, auth: deps.auth, logger: deps.logger, now }));
  app.use(browserSessionRouter({ database: deps.database, auth: deps.auth, logger: deps.logger, now, production }));
  app.use(
    '/graphql',
    rateLimit({
      windowMs: 60_000,
      limit: config.requestsPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      message: { errors: [{ message: 'Too many requests; slow down.', extensions: { code: 'RATE_LIMITED' } }] },
    }),
  );
  // CSRF (src/http/csrf.ts): no mutation from a form post; non-JSON requests need X-ICSR-CSRF.
  app.use('/graphql', graphqlCsrfProtection);
  app.use('/graphql', express.json({ limit: config.bodyLimit }));
  // Every other body yoga accepts (application/graphql+json, …) is read here under the same limit;
  // yoga would otherwise read those streams itself, with no limit at all. (Forms never get here.)
  app.use('/graphql', express.raw({ type: () => true, limit: config.bodyLimit }));

  const subscriptions = endingOn(live.pubsub, deps.shutdown);
  // A malformed Date or DateTime literal names its argument (src/graphql/types/scalars.ts).
  const namedDateArguments: Plugin = { onValidate: ({ addValidationRule }) => addValidationRule(dateArgumentsRule) };
  const yoga = createYoga<{ req: express.Request }, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: !production,
    // CORS is the cors middleware's, from CORS_ORIGINS; yoga's own default would echo any Origin.
    cors: false,
    landingPage: false,
    logging: deps.logger,
    // A lost database connection is the client's cue to retry, not an "Unexpected error.".
    maskedErrors: {
      maskError: (error, message, isDev) => {
        if (isDatabaseUnavailable(error)) {
          deps.logger.warn({ err: (error as Error).message }, 'request failed: database unavailable');
          return databaseUnavailableError();
        }
        return maskError(error, message, isDev);
      },
    },
    plugins: [
      // Before any parse: a deeply nested document would overflow the parser's recursion (issue 12).
      documentLimitsPlugin({ maxNesting: 64, maxTokens: 5_000 }),
      EnvelopArmorPlugin({
        maxDepth: { n: 12, ignoreIntrospection: true },
        costLimit: { maxCost: 20_000, ignoreIntrospection: true },
        maxAliases: { n: 20 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 5_000 },
        blockFieldSuggestion: { enabled: production },
      }),
      ...(production ? [disableIntrospection] : []),
      namedDateArguments,
    ],
    context: async ({ req }): Promise<GraphQLContext> => {
      const at = now();
      const signedIn = await authenticateRequest(
        deps.database.db,
        deps.auth.signingKey,
        req.headers.authorization,
        at,
      ).catch((error: unknown) => {
        if (!(error instanceof InvalidTokenError)) throw error;
        throw createGraphQLError('The access token is invalid or expired: refresh the session or sign in again.', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      });
      return {
        db: deps.database.db,
        actor: signedIn?.actor ?? null,
        mfaEnrolmentPending: signedIn?.mfaEnrolmentPending ?? false,
        now: at,
        logger: req.log ?? deps.logger,
        clientIp: req.ip ?? null,
        auth: deps.auth,
        live: subscriptions,
        homeCountry: config.homeCountry,
      };
    },
  });
  app.use(yoga.graphqlEndpoint, (req, res) => yoga(req, res, { req }));
  app.use(webConsoleRouter({ logger: deps.logger, ...(deps.consoleDir ? { dir: deps.consoleDir } : {}) }));

  // Body-parser errors (a body over the limit, malformed JSON) answer as GraphQL errors, not as HTML;
  // a route that lost the database answers the REST 503.
  app.use(
    (
      error: { status?: number; type?: string; message: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (isDatabaseUnavailable(error)) {
        const answer = databaseUnavailable();
        res.setHeader('Retry-After', String(retryAfterSeconds));
        return void res.status(answer.status).json({ error: { code: answer.code, message: answer.message } });
      }
      if (!error.status || error.status >= 500) return next(error);
      const code = error.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      res.status(error.status).json({ errors: [{ message: error.message, extensions: { code } }] });
    },
  );

  return app;
}
