/**
 * Supplier-list import at scale (issue 7 §3): 50,000 rows (1,000 nodes × 50 suppliers, 5,000
 * distinct suppliers) imported by a chain-leader firm, timed as a dry run, a first import (all
 * added), and a re-import changing every share (all updated). Target: each under 10 s.
 *
 *   npm run bench:import                 # in-memory PGlite
 *   npm run bench:import -- postgres://postgres@127.0.0.1:5432/postgres
 *                                        # a scratch database on that server, dropped afterwards
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { chainNodes, industryChains } from '../db/schema/knowledge.ts';
import { organizations } from '../db/schema/organizations.ts';
import { type DatabaseHandle, openPglite, openPostgres } from '../src/database/database.ts';
import { importSupplierList } from '../src/domain/knowledge/supplier-lists.ts';
import { systemActor } from '../vocabulary/actor.ts';

const nodeCount = 1_000;
const suppliersPerNode = 50;
const distinctSuppliers = 5_000;

function databaseAt(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function open(serverUrl: string | undefined): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void> }> {
  if (!serverUrl) {
    const handle = await openPglite(undefined);
    return { handle, dispose: () => handle.close() };
  }
  const name = `icsr_bench_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = openPostgres(serverUrl, { max: 1 });
  await admin.db.execute(`create database ${name}`);
  const handle = openPostgres(databaseAt(serverUrl, name));
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await admin.db.execute(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

function supplierList(shareOffset: number): string {
  const lines = ['chain_code,node_code,supplier_name,supplier_country,share,since,until'];
  const countries = ['JP', 'US', 'DE', 'KR', 'TW', 'NL', 'CN', 'FR'];
  for (let n = 0; n < nodeCount; n++) {
    for (let s = 0; s < suppliersPerNode; s++) {
      const supplier = (n * 7 + s * 101) % distinctSuppliers;
      const share = (1 + ((n + s + shareOffset) % 3)).toFixed(2);
      lines.push(
        `BENCH,N${String(n).padStart(4, '0')},Bench Supplier ${supplier},${countries[supplier % countries.length]},${share},2025-01-01,`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function time<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`${label.padEnd(34)} ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
}

const { handle, dispose } = await open(process.argv[2]);
try {
  await handle.migrate();
  const db = handle.db;
  const [firm] = await db
    .insert(organizations)
    .values({ kind: 'FIRM', code: 'BENCH-LEADER', name: 'Bench chain leader', country: 'CN', isChainLeader: true })
    .returning();
  const [chain] = await db.insert(industryChains).values({ code: 'BENCH', name: 'Bench chain' }).returning();
  await db.insert(chainNodes).values(
    Array.from({ length: nodeCount }, (_, n) => ({
      chainId: chain!.id,
      code: `N${String(n).padStart(4, '0')}`,
      name: `Bench node ${n}`,
    })),
  );
  const actor = systemActor('bench');
  const now = new Date();
  const first = supplierList(0);
  const second = supplierList(1);
  console.log(
    `${handle.kind}: ${nodeCount * suppliersPerNode} rows, ${(Buffer.byteLength(first) / 1024 / 1024).toFixed(1)} MB`,
  );
  const run = (content: string, dryRun: boolean) =>
    db.transaction((tx) => importSupplierList(tx, actor, { content, dryRun, reporterOrganizationId: firm!.id }, now));
  const dry = await time('dry run (nothing known yet)', () => run(first, true));
  const added = await time('first import (all added)', () => run(first, false));
  const updated = await time('re-import (every share changed)', () => run(second, false));
  const same = await time('re-import (nothing changed)', () => run(second, false));
  console.log(
    `added ${added.added} (dry run said ${dry.added}), suppliers ${added.suppliersRegistered}; ` +
      `updated ${updated.updated}; unchanged ${same.unchanged}`,
  );
} finally {
  await dispose();
}
