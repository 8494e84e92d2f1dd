/**
 * The supplier-list export neutralises every cell a spreadsheet would read as a formula (issue 12,
 * finding 5; OWASP CSV injection): text beginning with = + - @ tab or carriage return is prefixed
 * with an apostrophe, a minus followed by a digit included; shares, a numeric column, are written as
 * numbers. The import removes the apostrophe again, so an exported list imports back unchanged.
 */

import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supplierListCsv } from '../../src/domain/knowledge/supplier-lists.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
let huaxin: Record<string, string>;
const header = 'chain_code,node_code,supplier_name,supplier_country,share,since,until';
/** Supplier names a dry-run import accepts and a spreadsheet would run. */
const hostile = ['-1-1', "-2+3+cmd|' /C calc'!A0", '=HYPERLINK("http://x")', '+1', '@SUM(A1)'];

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database, { deps: { now: () => SEED_INSTANT } });
  huaxin = await bearerFor(database, 'rep@huaxin.example', SEED_INSTANT);
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

const quoted = (cell: string) => (/[",\r\n\t]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

async function upload(csv: string, dryRun: boolean) {
  const response = await fetch(`${server.url}/supplier-lists?dryRun=${dryRun}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...huaxin },
    body: csv,
  });
  return { status: response.status, body: (await response.json()) as { result?: Record<string, number> } };
}

describe('exporting cells a spreadsheet would read as formulas', () => {
  let exported: string;

  beforeAll(async () => {
    const rows = hostile.map((name, n) => `IC,EDA-ANALOG,${quoted(name)},JP,${n + 1}.5,,`);
    const imported = await upload([header, ...rows].join('\n'), false);
    expect(imported.body).toMatchObject({ result: {} });
    const response = await fetch(`${server.url}/supplier-lists/export?chain=IC`, { headers: huaxin });
    exported = await response.text();
  });

  it.each(hostile)('writes %j with an apostrophe in front', (name) => {
    expect(exported).toContain(`,${quoted(`'${name}`)},JP,`);
  });

  it('starts no cell with a formula character', () => {
    const cells = exported
      .trim()
      .split('\r\n')
      .flatMap((line) => line.split(',').map((cell) => cell.replace(/^"/, '')));
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it('writes shares as numbers', () => {
    for (const [n] of hostile.entries()) expect(exported).toContain(`,JP,${n + 1}.5,`);
  });

  it('guards a cell beginning with a tab or carriage return too (the text rule keeps them out of names)', () => {
    const csv = supplierListCsv(['a', 'b', 'c', 'd', 'e'], [['\tx', '\rx', '-1', 'Sinolight', ' padded ']]);
    expect(parse(csv)).toEqual([
      ['a', 'b', 'c', 'd', 'e'],
      ["'\tx", "'\rx", "'-1", 'Sinolight', ' padded '],
    ]);
  });

  it('imports back unchanged', async () => {
    const back = await upload(exported, true);
    expect(back.status).toBe(200);
    expect(back.body.result).toMatchObject({ added: 0, updated: 0, removed: 0 });
  });
});
