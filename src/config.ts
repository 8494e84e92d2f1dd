/**
 * Configuration: the environment is parsed here, once, and nowhere else.
 *
 * `loadConfig` collects every problem before failing, so one start names every bad variable.
 * The result is frozen and passed down explicitly (`createApp(config, deps)`), which is also how
 * tests build an app with their own settings.
 */
import path from 'node:path';
import { z } from 'zod';
import { type Role, roles } from '../vocabulary/terms.ts';

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
  .optional();
const redisUrl = z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional();
const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

/** Every variable the service reads, with its default. README.md documents the same list. */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: postgresUrl,
  DATA_DIR: z.string().min(1).default('./.data'),
  REDIS_URL: redisUrl,
  SEED_DEMO_DATA: flag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z.string().default(''),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, 'must look like 512kb or 1mb')
    .default('1mb'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(600),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  MFA_REQUIRED_ROLES: z
    .string()
    .default('ADMIN,LEAD_REVIEWER')
    .transform((s) =>
      s
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(roles, { error: `must list roles among ${roles.join(', ')}` }))),
  LOGIN_ATTEMPTS_PER_IP: z.coerce.number().int().positive().default(30),
  /** Bearer token a Prometheus scraper sends to /metrics; unset: open outside production, off in production. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Port of the worker's own /metrics (0: none). */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9465),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/, 'must be an e-mail address')
    .default('icsr@localhost'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  /** Directory for signed audit checkpoints (README: Audit checkpoints); unset: none are written. */
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  /** Ed25519 private key (PEM) that signs them, generated on first use; never in the database. */
  AUDIT_CHECKPOINT_KEY_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  HOME_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code like CN')
    .default('CN'),
});

export type Environment = z.input<typeof environmentSchema>;

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  readonly database:
    | { readonly kind: 'postgres'; readonly url: string }
    | { readonly kind: 'pglite'; readonly dataDir: string };
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  readonly seedDemoData: boolean;
  readonly logLevel: string;
  readonly corsOrigins: readonly string[];
  readonly bodyLimit: string;
  /** GraphQL requests allowed per client IP and minute. */
  readonly requestsPerMinute: number;
  readonly shutdownTimeoutMs: number;
  /** Scrapers of /metrics must send it as a bearer token; null: open outside production, off in production. */
  readonly metricsToken: string | null;
  /** The worker serves /metrics on this port; 0 for none. */
  readonly workerMetricsPort: number;
  /** ISO 3166-1 alpha-2 country the knowledge base measures foreign share against. */
  readonly homeCountry: string;
  /** Signed checkpoints of the audit chains outside the database; null: none are written. */
  readonly auditCheckpoints: {
    readonly dir: string;
    readonly keyFile: string;
    readonly intervalMs: number;
  } | null;
  /** E-mail and the links it carries (notifications, invitations, password resets). */
  readonly mail: {
    /** Null: e-mail is not configured, deliveries are recorded as not sent. */
    readonly smtpUrl: string | null;
    readonly from: string;
    /** The API's address as people reach it, for links in e-mails. */
    readonly publicUrl: string;
  };
  readonly auth: {
    /** HS256 signing key; null means the embedded default: a key generated once in the data directory. */
    readonly jwtSecret: string | null;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlDays: number;
    /** Roles that must sign in with a second factor (TOTP). */
    readonly mfaRequiredRoles: readonly Role[];
    /** Login attempts allowed per client IP in 15 minutes. */
    readonly loginAttemptsPerIp: number;
  };
}

/** Thrown when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as a shell user expects from `DATABASE_URL= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.DATABASE_URL && !e.JWT_SECRET) {
    // Several API processes must share one signing key; a key file per process would not.
    throw new ConfigError(['JWT_SECRET is required in production with DATABASE_URL']);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL
      ? Object.freeze({ kind: 'postgres' as const, url: e.DATABASE_URL })
      : Object.freeze({ kind: 'pglite' as const, dataDir: path.join(dataDir, 'pglite') }),
    dataDir,
    redisUrl: e.REDIS_URL,
    seedDemoData: e.SEED_DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    corsOrigins: Object.freeze(
      e.CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    bodyLimit: e.BODY_LIMIT,
    requestsPerMinute: e.REQUESTS_PER_MINUTE,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    metricsToken: e.METRICS_TOKEN ?? null,
    workerMetricsPort: e.WORKER_METRICS_PORT,
    homeCountry: e.HOME_COUNTRY,
    auditCheckpoints: e.AUDIT_CHECKPOINT_DIR
      ? Object.freeze({
          dir: path.resolve(e.AUDIT_CHECKPOINT_DIR),
          keyFile: path.resolve(e.AUDIT_CHECKPOINT_KEY_FILE ?? path.join(dataDir, 'audit-checkpoint-key.pem')),
          intervalMs: e.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000,
        })
      : null,
    mail: Object.freeze({
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(
        /\/+$/,
        '',
      ),
    }),
    auth: Object.freeze({
      jwtSecret: e.JWT_SECRET ?? null,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
      mfaRequiredRoles: Object.freeze([...e.MFA_REQUIRED_ROLES]),
      loginAttemptsPerIp: e.LOGIN_ATTEMPTS_PER_IP,
    }),
  });
}

/** Settings of the test suite itself (not of the service): which real servers to test against. */
export function loadTestSettings(env: Record<string, string | undefined>) {
  return Object.freeze({
    databaseUrl: postgresUrl.parse(env.TEST_DATABASE_URL || undefined),
    redisUrl: redisUrl.parse(env.REDIS_URL || undefined),
  });
}
