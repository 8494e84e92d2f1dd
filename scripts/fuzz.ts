/**
 * `npm run fuzz -- --runs N [--seed S]`: the fuzz suite (test/fuzz) with N requests per property
 * instead of the `npm test` default, on PGlite or, with TEST_DATABASE_URL, on PostgreSQL; vitest
 * prints the tally of outcomes at the end. Exits with vitest's code.
 */
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const runs = option('--runs') ?? '1000';
const seed = option('--seed');
if (!/^\d+$/.test(runs) || (seed !== undefined && !/^-?\d+$/.test(seed))) {
  process.stderr.write('usage: npm run fuzz -- --runs <count> [--seed <integer>]\n');
  process.exit(2);
}
const child = spawn('npx', ['vitest', 'run', 'test/fuzz', '--testTimeout', '0'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, ...(seed ? { FUZZ_SEED: seed } : {}) },
});
child.on('exit', (code) => process.exit(code ?? 1));
