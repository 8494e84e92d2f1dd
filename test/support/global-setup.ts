/**
 * Builds the databases every test file starts from, once per run: an empty migrated one and a
 * seeded one. On PGlite they are data-directory snapshots (a fresh PGlite + migrate costs ~3 s,
 * loading a snapshot under 1 s); on PostgreSQL (TEST_DATABASE_URL) they are template databases.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadTestSettings } from '../../src/config.ts';
import { openPglite, openPostgres } from '../../src/database/database.ts';
import { demoSeedSteps } from '../../src/seed/demo-data.ts';
import { runSeedSteps } from '../../src/seed/seed-runner.ts';
import { SEED_INSTANT } from './fixed-time.ts';
import { adminUrl, databaseUrl } from './postgres-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: paths of the snapshots; PostgreSQL: names of the template databases. */
    databaseTemplates: { kind: 'pglite' | 'postgres'; empty: string; seeded: string };
  }
}

export default async function setup(project: TestProject) {
  const settings = loadTestSettings(process.env);
  if (settings.databaseUrl) {
    const run = `${process.pid}_${Date.now()}`;
    const names = { empty: `icsr_tpl_empty_${run}`, seeded: `icsr_tpl_seeded_${run}` };
    const admin = openPostgres(adminUrl(settings.databaseUrl), { max: 1 });
    for (const name of Object.values(names)) await admin.db.execute(`create database ${name}`);
    for (const [kind, name] of Object.entries(names)) {
      const handle = openPostgres(databaseUrl(settings.databaseUrl, name), { max: 1 });
      await handle.migrate();
      if (kind === 'seeded') await runSeedSteps(handle.db, demoSeedSteps, SEED_INSTANT);
      await handle.close();
    }
    project.provide('databaseTemplates', { kind: 'postgres', ...names });
    return async () => {
      for (const name of Object.values(names)) await admin.db.execute(`drop database if exists ${name} with (force)`);
      await admin.close();
    };
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'icsr-test-'));
  const handle = await openPglite(undefined);
  await handle.migrate();
  const files = { empty: path.join(dir, 'empty.tar'), seeded: path.join(dir, 'seeded.tar') };
  const dump = async (file: string) => {
    const client = (handle.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  };
  await dump(files.empty);
  await runSeedSteps(handle.db, demoSeedSteps, SEED_INSTANT);
  await dump(files.seeded);
  await handle.close();
  project.provide('databaseTemplates', { kind: 'pglite', ...files });
  return () => rmSync(dir, { recursive: true, force: true });
}
