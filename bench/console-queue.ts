/**
 * `npm run bench:console`: how fast the console shows the queue and a case file with 10,000 cases
 * (issue 16: first rows within 1.5 s of navigation, a case file within 1 s), in Debian's Chromium
 * against `npm start` on a scratch PostgreSQL database (DATABASE_URL, else the machine's
 * postgres://postgres@127.0.0.1:5432), seeded, then multiplied to the count by copying the seeded
 * cases with their parties, nodes and running phase clocks. Prints the medians; asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import postgres from 'postgres';
import { apiAs } from '../web/e2e/support/api.ts';
import { launchBrowser, personContext } from '../web/e2e/support/browser.ts';
import { CaseOfficer } from '../web/e2e/support/people.ts';
import { startProduct } from '../web/e2e/support/server.ts';
import { QueueDocument } from '../web/src/gql/graphql.ts';

const target = Number(process.env.CASES ?? 10_000);
const runs = Number(process.env.RUNS ?? 5);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `icsr_console_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const at = (database: string) => {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
};

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  const server = await startProduct({ DATABASE_URL: at(name) });
  const db = postgres(at(name), { max: 1, onnotice: () => {} });
  try {
    const [{ count }] = await db<
      { count: number }[]
    >`select count(*)::int as count from cases where reference is not null`;
    const copies = Math.ceil((target - count) / count);
    // Each copy of a seeded case: a new id and reference; its parties, nodes and running phase clock follow.
    await db.unsafe(`
      create temporary table copies as
        select c.id as source, gen_random_uuid() as id, n as copy
        from cases c, generate_series(1, ${copies}) n where c.reference is not null;
      insert into cases
        select (jsonb_populate_record(null::cases, to_jsonb(c) || jsonb_build_object(
          'id', k.id, 'reference', 'ICSR-2025-' || lpad((row_number() over ())::text, 6, '0'),
          'title', c.title || ' #' || k.copy))).*
        from cases c join copies k on k.source = c.id;
      insert into case_parties
        select (jsonb_populate_record(null::case_parties, to_jsonb(p) || jsonb_build_object('case_id', k.id))).*
        from case_parties p join copies k on k.source = p.case_id;
      insert into case_nodes
        select (jsonb_populate_record(null::case_nodes, to_jsonb(p) || jsonb_build_object('case_id', k.id))).*
        from case_nodes p join copies k on k.source = p.case_id;
      insert into clocks
        select (jsonb_populate_record(null::clocks, to_jsonb(c) || jsonb_build_object(
          'id', gen_random_uuid(), 'case_id', k.id, 'owner_id', k.id))).*
        from clocks c join copies k on k.source = c.case_id
        where c.stopped_at is null and c.owner_kind = 'CASE';
      analyze;
    `);
    const [{ total }] = await db<{ total: number }[]>`select count(*)::int as total from cases`;
    process.stdout.write(`bench:console: ${total} cases; ${runs} runs each\n`);

    // The console's own queue query straight to the API: the server's share of the time.
    const api = await apiAs(server.url, 'officer@icsr.example');
    const apiTimings: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = Date.now();
      await api(print(QueueDocument), { filter: {}, orderBy: 'NEXT_DUE_AT', first: 25 });
      apiTimings.push(Date.now() - started);
    }
    process.stdout.write(
      `bench:console: the queue query alone (API, 25 rows of ${total}) ${median(apiTimings)} ms (${apiTimings.join(', ')})\n`,
    );

    const browser = await launchBrowser();
    const context = await personContext(browser, server.url, 'en');
    const officer = new CaseOfficer(await context.newPage(), 'en');
    await officer.signIn('officer@icsr.example');
    const page = officer.page;
    const firstRow = page.locator('.queue-table tbody tr.ant-table-row').first();
    const timings = { queue: [] as number[], filtered: [] as number[], caseFile: [] as number[] };
    for (let i = 0; i < runs; i++) {
      let started = Date.now();
      await page.goto('/queue');
      await firstRow.waitFor();
      timings.queue.push(Date.now() - started);

      started = Date.now();
      await page.goto('/queue?state=SCREENING&overdue=0&order=activity');
      await firstRow.waitFor();
      timings.filtered.push(Date.now() - started);

      started = Date.now();
      await firstRow.locator('a.case-link').click();
      await page.getByTestId('case-state').waitFor();
      timings.caseFile.push(Date.now() - started);
    }
    await browser.close();
    process.stdout.write(
      `bench:console: queue first rows ${median(timings.queue)} ms (median of ${timings.queue.join(', ')}), ` +
        `filtered queue ${median(timings.filtered)} ms (${timings.filtered.join(', ')}), ` +
        `case file ${median(timings.caseFile)} ms (${timings.caseFile.join(', ')})\n`,
    );
  } finally {
    await db.end();
    await server.stop();
  }
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
