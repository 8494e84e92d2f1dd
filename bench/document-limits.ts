/**
 * `npm run bench:limits`: how long the API takes to refuse deeply nested GraphQL documents (HTTP 400
 * before parsing), beside `{ __typename }` as the baseline. Runs against a started API (`npm start`;
 * API_URL, default http://127.0.0.1:4000) and prints medians of RUNS requests (default 20) and the
 * ratio to the baseline.
 */
import { performance } from 'node:perf_hooks';

const url = `${process.env.API_URL ?? 'http://127.0.0.1:4000'}/graphql`;
const runs = Number(process.env.RUNS ?? 20);
const nested = (depth: number) => `${'{ a '.repeat(depth)}${'}'.repeat(depth)}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(query: string): Promise<{ ms: number; status: number }> {
  const body = JSON.stringify({ query });
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
    times.push(performance.now() - start);
    status = response.status;
  }
  return { ms: median(times), status };
}

const baseline = await time('{ __typename }');
console.log(`baseline { __typename }: ${baseline.ms.toFixed(1)} ms (HTTP ${baseline.status})`);
for (const depth of [10_000, 100_000]) {
  const result = await time(nested(depth));
  console.log(
    `depth ${depth.toLocaleString('en')}: ${result.ms.toFixed(1)} ms (HTTP ${result.status}), ${(result.ms / baseline.ms).toFixed(1)}× the baseline`,
  );
}
