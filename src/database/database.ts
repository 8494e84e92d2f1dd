/**
 * Opens the database the configuration names: PostgreSQL through node-postgres (`pg`;
 * ARCHITECTURE.md says why), or an embedded PGlite in the data directory. Both get the same drizzle
 * client type, migrations and queries.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQLWrapper, sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { relations } from '../../db/relations.ts';
import type { Config } from '../config.ts';

export type Database = ReturnType<typeof drizzlePostgres<typeof relations>>;
/** A transaction handle: domain functions that must run inside one take it in their signature. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction. */
export type Queryable = Database | Tx;

export const migrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));

export interface DatabaseHandle {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Database;
  /** Applies the committed migrations that have not run yet. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  /**
   * Takes a session-level advisory lock named `name` on a connection of its own and holds it until
   * released or the connection is lost; null when someone holds it in a conflicting mode. PGlite
   * belongs to one process, so there it is always granted.
   */
  lockSession(name: string, mode: 'shared' | 'exclusive'): Promise<SessionLock | null>;
  close(): Promise<void>;
}

export interface SessionLock {
  /** True once the connection holding the lock was lost (the server released the lock). */
  readonly lost: boolean;
  release(): Promise<void>;
}

/** A start-up failure with one line that names the cause. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

export async function openDatabase(
  database: Config['database'],
  onError?: (error: Error) => void,
): Promise<DatabaseHandle> {
  if (database.kind === 'postgres') return openPostgres(database.url, onError ? { onError } : {});
  return openPglite(database.dataDir);
}

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  readonly max?: number;
  /** Called with each connection error the pool sees outside a query (logged by the processes). */
  readonly onError?: (error: Error) => void;
}

/**
 * A node-postgres pool. A connection that dies (a restart, a failover, `pg_terminate_backend`) fails
 * only the queries on it and leaves the pool; the next query opens a new one, so the process survives
 * an outage and serves again when the server is back. Every client gets an error listener: an
 * unheard 'error' event would end the process.
 */
export function openPostgres(url: string, options: PostgresOptions = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // A request during an outage fails within seconds instead of waiting for a connection.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A half-open connection (a server gone without a FIN) is noticed by TCP keepalive.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const onError = options.onError ?? (() => {});
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
    // NOTICEs of migrations (IF NOT EXISTS …) are not worth a log line.
    client.on('notice', () => {});
  });
  const db = drizzlePostgres({ client: pool, relations });
  let closing: Promise<void> | null = null;
  return {
    kind: 'postgres',
    db,
    migrate: async () => {
      await migratePostgres(db, { migrationsFolder });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    lockSession: async (name, mode) => {
      const client = await pool.connect();
      try {
        const lock = mode === 'shared' ? 'pg_try_advisory_lock_shared' : 'pg_try_advisory_lock';
        const { rows } = await client.query<{ granted: boolean }>(
          `select ${lock}(hashtextextended($1, 0)) as granted`,
          [name],
        );
        if (!rows[0]?.granted) {
          client.release();
          return null;
        }
      } catch (error) {
        client.release(true);
        throw error;
      }
      const held = { lost: false };
      client.on('error', () => {
        held.lost = true;
      });
      client.on('end', () => {
        held.lost = true;
      });
      return {
        get lost() {
          return held.lost;
        },
        // Unlocked at once; then the connection goes (ending the session would free it too, a little later).
        release: async () => {
          const unlock = mode === 'shared' ? 'pg_advisory_unlock_shared' : 'pg_advisory_unlock';
          await client.query(`select ${unlock}(hashtextextended($1, 0))`, [name]).catch(() => {});
          client.release(true);
        },
      };
    },
    // Waits for checked-out connections to come back; bounded by the caller (shutdown deadline).
    close: () => {
      closing ??= pool.end();
      return closing;
    },
  };
}

/** Opens an embedded database; `dataDir` undefined means in memory, `loadDataDir` a snapshot. */
export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<DatabaseHandle> {
  if (dataDir) ensureWritableDirectory(dataDir);
  const client = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}) });
  await client.waitReady;
  // The two drizzle clients run the same SQL; only their static types differ (stack notes, pitfall 7).
  const db = drizzlePglite({ client, relations }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    migrate: async () => {
      await migratePglite(db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    lockSession: async () => ({ lost: false, release: async () => {} }),
    close: () => client.close(),
  };
}

function ensureWritableDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new DatabaseOpenError(`data directory ${dir} is not writable (${code}); set DATA_DIR to a writable folder`);
  }
}

/**
 * Runs raw SQL and returns its rows. drizzle on node-postgres and on PGlite return an object
 * with `rows`; this is the one place that knows.
 */
export async function selectRows<Row extends Record<string, unknown>>(
  db: Queryable,
  query: SQLWrapper,
): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}
