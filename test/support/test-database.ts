/**
 * A fresh database for one test file: a PGlite loaded from the run's snapshot, or a PostgreSQL
 * database copied from the run's template. Tests never see each other's rows.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { loadTestSettings } from '../../src/config.ts';
import { type DatabaseHandle, openPglite, openPostgres } from '../../src/database/database.ts';
import { adminUrl, databaseUrl } from './postgres-admin.ts';

export interface TestDatabase extends DatabaseHandle {
  /** Drops the database (PostgreSQL) or closes it (PGlite). */
  destroy(): Promise<void>;
}

export async function createTestDatabase(options: { seeded: boolean }): Promise<TestDatabase> {
  const templates = inject('databaseTemplates');
  const template = options.seeded ? templates.seeded : templates.empty;
  if (templates.kind === 'pglite') {
    const handle = await openPglite(undefined, new Blob([readFileSync(template)]));
    return { ...handle, destroy: () => handle.close() };
  }
  const url = loadTestSettings(process.env).databaseUrl!;
  const name = `icsr_t_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const admin = openPostgres(adminUrl(url), { max: 1 });
  await admin.db.execute(`create database ${name} template ${template}`);
  await admin.close();
  const handle = openPostgres(databaseUrl(url, name));
  return {
    ...handle,
    destroy: async () => {
      await handle.close();
      const cleanup = openPostgres(adminUrl(url), { max: 1 });
      await cleanup.db.execute(`drop database if exists ${name} with (force)`);
      await cleanup.close();
    },
  };
}

/** Whether this run is against a real PostgreSQL server (concurrency tests need one). */
export const onPostgres = () => inject('databaseTemplates').kind === 'postgres';
