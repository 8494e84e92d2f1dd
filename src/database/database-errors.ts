/**
 * Which database failures mean "the database is not reachable right now" (a restart, a failover, a
 * terminated backend, a refused or timed-out connection) rather than a bug or a bad request. Those
 * answer a retryable 503 / `SERVICE_UNAVAILABLE`; the pool reconnects by itself when the server is back.
 */

/** SQLSTATE classes and codes of a lost or refused connection (PostgreSQL appendix A). */
const unavailableSqlStates = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
  '25006', // read_only_sql_transaction: a standby promoted late in a failover
]);

/** Socket-level failures of the driver. */
const unavailableErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What node-postgres says when a connection ends or cannot be had, without a code. */
const unavailableMessages =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Query read timeout|Client was closed|the database system is (starting up|shutting down|in recovery)/i;

/** The first error in a chain of `cause`s (drizzle wraps the driver's error with the failed SQL). */
function* causes(error: unknown): Generator<{ code?: unknown; message?: unknown }> {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    yield current as { code?: unknown; message?: unknown };
    // GraphQL wraps a resolver's error as `originalError`, drizzle a driver's as `cause`.
    const next = current as { cause?: unknown; originalError?: unknown };
    current = next.originalError ?? next.cause;
  }
}

/** True when `error` (or one of its causes) is a lost, refused or timed-out database connection. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  for (const cause of causes(error)) {
    const code = typeof cause.code === 'string' ? cause.code : '';
    if (unavailableSqlStates.has(code) || code.startsWith('08') || unavailableErrnos.has(code)) return true;
    if (typeof cause.message === 'string' && unavailableMessages.test(cause.message)) return true;
  }
  return false;
}

/** Thrown where the caller should see "try again shortly", e.g. by a readiness check. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(cause: unknown) {
    super('The database is not reachable right now; retry shortly.', { cause });
  }
}

/** Seconds a client should wait before retrying a request refused during an outage. */
export const retryAfterSeconds = 5;
