/**
 * `npm run test:faults` runs the fault suite (vitest.faults.config.ts) against this machine's
 * PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) with private
 * PostgreSQL clusters and redis-servers of its own; `npm run test:faults -- --report` also rewrites
 * RELIABILITY.md from the rows the tests recorded (only when every test passed). Other arguments go
 * to vitest (e.g. a file filter).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Row {
  fault: string;
  injected: string;
  checked: string;
  sent: number;
  committed: number;
  delivered: number | null;
  duplicated: number;
  lost: number;
  figures: string;
  result: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const writeReport = args.includes('--report');
const vitestArgs = args.filter((a) => a !== '--report');
const scratch = mkdtempSync(path.join(tmpdir(), 'icsr-faults-'));
const results = path.join(scratch, 'results.jsonl');
writeFileSync(results, '');

const started = Date.now();
const run = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.faults.config.ts', ...vitestArgs],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
      FAULTS_RESULTS: results,
    },
  },
);
const seconds = Math.round((Date.now() - started) / 1000);
const rows = readFileSync(results, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Row);
rmSync(scratch, { recursive: true, force: true });

const cell = (value: string | number | null) => (value === null ? '—' : String(value).replaceAll('|', '\\|'));
const table = [
  '| fault | injected | checked | sent | committed | delivered | duplicated | lost | figures | result |',
  '|---|---|---|---:|---:|---:|---:|---:|---|---|',
  ...rows.map(
    (r) =>
      `| ${[r.fault, r.injected, r.checked, r.sent, r.committed, r.delivered, r.duplicated, r.lost, r.figures, r.result].map(cell).join(' | ')} |`,
  ),
].join('\n');
process.stdout.write(`\n${table}\n\nfault suite: ${rows.length} rows in ${seconds} s\n`);

if (writeReport) {
  if (run.status !== 0) {
    process.stderr.write('RELIABILITY.md not written: the fault suite failed\n');
  } else {
    writeFileSync(
      path.join(root, 'RELIABILITY.md'),
      `# Reliability under faults

Written by \`npm run test:faults -- --report\` (test/faults/); do not edit by hand. Each row is one
fault the suite injected itself, on loopback, against a private PostgreSQL cluster, a private
redis-server and child processes running the real entry points (\`src/main.ts\`, \`src/worker.ts\`),
or against its own database on the machine's PostgreSQL. *Sent*: transitions (or requests) sent;
*committed*: acknowledged and found in the database; *delivered*: e-mails and webhooks the sinks
received, matched by \`X-ICSR-Delivery-Id\`; *duplicated*: a delivery id (or a transition, a
wake-up) seen twice; *lost*: acknowledged but missing, or a delivery never received. A test fails
on any lost or duplicated item, so every row here passed its checks; *result* also names a measured
target a row missed (timings are reported beside their baseline, never asserted).

Run: ${new Date().toISOString().slice(0, 10)}, ${rows.length} faults in ${seconds} s on a 2-core machine.

${table}
`,
    );
    process.stdout.write('wrote RELIABILITY.md\n');
  }
}
process.exit(run.status ?? 1);
