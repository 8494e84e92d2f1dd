/**
 * Opens the database the configuration names: PostgreSQL through `postgres`, or an embedded
 * PGlite in the data directory. Both get the same drizzle client type, migrations and queries.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQLWrapper, sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
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
  close(): Promise<void>;
}

/** A start-up failure with one line that names the cause. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

export async function openDatabase(database: Config['database']): Promise<DatabaseHandle> {
  if (database.kind === 'postgres') return openPostgres(database.url);
  return openPglite(database.dataDir);
}

export function openPostgres(url: string, options: { max?: number } = {}): DatabaseHandle {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {}, connect_timeout: 10 });
  const db = drizzlePostgres({ client, relations });
  return {
    kind: 'postgres',
    db,
    migrate: async () => {
      await migratePostgres(db, { migrationsFolder });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
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
 * Runs raw SQL and returns its rows. The postgres driver returns an array and PGlite an object
 * with `rows`; this is the one place that knows.
 */
export async function selectRows<Row extends Record<string, unknown>>(
  db: Queryable,
  query: SQLWrapper,
): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}
