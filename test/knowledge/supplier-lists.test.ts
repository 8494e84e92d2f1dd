/**
 * Supplier-list import and export over REST (issue 7 §3): a file with one bad row is refused with
 * its row, column and reason and changes nothing; a valid one applies in full, replacing the firm's
 * links on the nodes it names and nobody else's; a dry run writes nothing; export round-trips.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../db/schema/audit.ts';
import { chainNodes, suppliers, supplyLinks } from '../../db/schema/knowledge.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { selectRows } from '../../src/database/database.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are checked by value, not by static type.
type Answer = any;

let database: TestDatabase;
let server: TestServer;
const org = {} as Record<string, string>;
const header = 'chain_code,node_code,supplier_name,supplier_country,share,since,until';

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database, { deps: { now: () => SEED_INSTANT } });
  for (const row of await database.db.select().from(organizations)) org[row.code] = row.id;
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

async function upload(email: string, csv: string, query = '') {
  const response = await fetch(`${server.url}/supplier-lists${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(await bearerFor(database, email, SEED_INSTANT)) },
    body: csv,
  });
  return { status: response.status, body: (await response.json()) as Record<string, Answer> };
}

/** Every link with its reporter, node, supplier, share and period: what a file may change. */
async function snapshot() {
  return selectRows<Record<string, unknown>>(
    database.db,
    sql`select o.code as reporter, n.code as node, s.name, s.country, l.share::text as share,
               l.since::text as since, l.until::text as until, l.version
        from supply_links l join organizations o on o.id = l.reported_by_organization_id
        join chain_nodes n on n.id = l.node_id join suppliers s on s.id = l.supplier_id
        order by 1, 2, 3`,
  );
}

const counts = async () => {
  const [row] = await selectRows<{ links: number; suppliers: number; audit: number }>(
    database.db,
    sql`select (select count(*) from ${supplyLinks})::int as links, (select count(*) from ${suppliers})::int as suppliers,
               (select count(*) from ${auditEntries})::int as audit`,
  );
  return row!;
};

async function linksOf(reporter: string, nodeCode: string) {
  return selectRows<{ name: string; share: number }>(
    database.db,
    sql`select s.name, l.share::float8 as share from supply_links l join suppliers s on s.id = l.supplier_id
        join chain_nodes n on n.id = l.node_id
        where l.reported_by_organization_id = ${org[reporter]} and n.code = ${nodeCode} order by s.name`,
  );
}

describe('importing a supplier list', () => {
  it('refuses a file with one bad row, naming row, column and reason, and changes nothing', async () => {
    const before = { rows: await snapshot(), counts: await counts() };
    const csv = [
      header,
      'IC,PHOTORESIST,JSR Corporation,JP,50,2024-01-01,',
      'IC,PHOTORESIST,New Resist Co.,CN,150,,',
      'IC,EDA,Synopsys,US,60,,',
    ].join('\n');
    const { status, body } = await upload('rep@huaxin.example', csv);
    expect(status).toBe(422);
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.errorCount).toBe(1);
    expect(body.error.rows).toEqual([
      { row: 3, column: 'share', message: expect.stringMatching(/above 0 and at most 100/) },
    ]);
    expect(await snapshot()).toEqual(before.rows);
    expect(await counts()).toEqual(before.counts);
  });

  it('names every bad row and column: unknown node and chain, bad country, dates, duplicates', async () => {
    const csv = [
      header,
      'IC,NO-SUCH-NODE,JSR Corporation,JP,50,,',
      'XX,PHOTORESIST,JSR Corporation,JP,50,,',
      'IC,PHOTORESIST,JSR Corporation,Japan,50,,',
      'IC,PHOTORESIST,Tokyo Ohka Kogyo,JP,30,2026-02-30,',
      'IC,PHOTORESIST,Shin-Etsu Chemical,JP,10,2026-05-01,2026-01-01',
      'IC,EDA,Synopsys,US,40,,',
      'IC,EDA,synopsys,US,40,,',
      'IC,EDA,,US,40,,',
    ].join('\n');
    const { status, body } = await upload('rep@huaxin.example', csv);
    expect(status).toBe(422);
    // Row checks come first; the chain and node codes are checked once every row reads well.
    expect(body.error.rows).toEqual([
      { row: 4, column: 'supplier_country', message: expect.any(String) },
      { row: 5, column: 'since', message: expect.any(String) },
      { row: 6, column: 'until', message: 'must not be before since' },
      { row: 8, column: 'supplier_name', message: 'repeats the node and supplier of row 7' },
      { row: 9, column: 'supplier_name', message: 'is required' },
    ]);
    const codes = await upload(
      'rep@huaxin.example',
      [header, 'IC,NO-SUCH-NODE,A,JP,50,,', 'XX,EDA,A,JP,50,,'].join('\n'),
    );
    expect(codes.body.error.rows).toEqual([
      { row: 2, column: 'node_code', message: 'chain IC has no node NO-SUCH-NODE' },
      { row: 3, column: 'chain_code', message: 'no industry chain has code XX' },
    ]);
  });

  it('refuses a header without the required columns or with unknown ones', async () => {
    const { status, body } = await upload('rep@huaxin.example', 'chain_code,node_code,supplier,share\nIC,EDA,X,10\n');
    expect(status).toBe(422);
    expect(body.error.rows).toEqual(
      expect.arrayContaining([
        { row: 1, column: 'supplier', message: 'is not a column of a supplier list' },
        { row: 1, column: 'supplier_name', message: 'is missing from the header' },
        { row: 1, column: 'supplier_country', message: 'is missing from the header' },
      ]),
    );
  });

  it('reports in a dry run what would change and writes nothing', async () => {
    const before = { rows: await snapshot(), counts: await counts() };
    const csv = [
      header,
      // Photoresist: JSR changes, TOK stays, Shin-Etsu and Jinghua go, a new supplier comes.
      'IC,PHOTORESIST,JSR Corporation,JP,45,2024-01-01,',
      'IC,PHOTORESIST,Tokyo Ohka Kogyo,JP,32,2024-01-01,',
      'IC,PHOTORESIST,"Sinolight Resist, Ltd.",CN,23,2025-06-01,',
    ].join('\n');
    const { status, body } = await upload('rep@huaxin.example', csv, '?dryRun=true');
    expect(status).toBe(200);
    expect(body.result).toMatchObject({
      dryRun: true,
      rows: 3,
      nodes: 1,
      added: 1,
      updated: 1,
      removed: 2,
      unchanged: 1,
      suppliersRegistered: 1,
    });
    expect(body.result.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'UPDATED', supplierName: 'JSR Corporation', shareBefore: 38, shareAfter: 45 }),
        expect.objectContaining({ kind: 'ADDED', supplierName: 'Sinolight Resist, Ltd.', shareAfter: 23 }),
        expect.objectContaining({ kind: 'REMOVED', supplierName: 'Shin-Etsu Chemical', shareBefore: 18 }),
      ]),
    );
    expect(await snapshot()).toEqual(before.rows);
    expect(await counts()).toEqual(before.counts);
  });

  it('applies a valid file in full: the firm’s links on the named nodes are replaced, all others stay', async () => {
    // Another firm's link on the same node, which the upload must leave alone.
    const [photoresist] = await database.db.select().from(chainNodes).where(eq(chainNodes.code, 'PHOTORESIST'));
    const [jsr] = await database.db.select().from(suppliers).where(eq(suppliers.name, 'JSR Corporation'));
    await database.db.insert(supplyLinks).values({
      nodeId: photoresist!.id,
      supplierId: jsr!.id,
      share: 70,
      reportedByOrganizationId: org['JINGHUA-PR']!,
    });
    const before = await snapshot();
    const untouched = (rows: Record<string, unknown>[]) =>
      rows.filter((r) => r.reporter !== 'HUAXIN-IC' || r.node !== 'PHOTORESIST');
    const csv = [
      header,
      'IC,PHOTORESIST,JSR Corporation,JP,45,2024-01-01,',
      'IC,PHOTORESIST,tokyo ohka kogyo,jp,32,2024-01-01,',
      'IC,PHOTORESIST,"Sinolight Resist, Ltd.",CN,23,2025-06-01,',
    ].join('\r\n');
    const { status, body } = await upload('rep@huaxin.example', csv);
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ dryRun: false, added: 1, updated: 1, removed: 2, unchanged: 1 });
    expect(await linksOf('HUAXIN-IC', 'PHOTORESIST')).toEqual([
      { name: 'JSR Corporation', share: 45 },
      { name: 'Sinolight Resist, Ltd.', share: 23 },
      { name: 'Tokyo Ohka Kogyo', share: 32 },
    ]);
    // Jinghua's link on the node and Huaxin's links on other nodes are exactly as they were.
    expect(untouched(await snapshot())).toEqual(untouched(before));
    expect(await linksOf('JINGHUA-PR', 'PHOTORESIST')).toEqual([{ name: 'JSR Corporation', share: 70 }]);
    // Suppliers are matched ignoring case: no second Tokyo Ohka Kogyo.
    const tok = await database.db.select().from(suppliers).where(sql`lower(${suppliers.name}) = 'tokyo ohka kogyo'`);
    expect(tok).toHaveLength(1);
    const [entry] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'supplier_list.imported'), eq(auditEntries.entityId, org['HUAXIN-IC']!)));
    expect(entry?.chain).toBe('admin');
    // The same file again changes nothing.
    const again = await upload('rep@huaxin.example', csv);
    expect(again.body.result).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 3 });
  });

  it('is for chain-leader firms (or the office on their behalf), never another firm or a department', async () => {
    const csv = [header, 'IC,EDA,Synopsys,US,60,,'].join('\n');
    expect((await upload('rep@jinghua.example', csv)).status).toBe(403);
    expect((await upload('liaison@miit.example', csv)).status).toBe(403);
    expect((await upload('admin@icsr.example', csv)).status).toBe(403);
    // A firm cannot upload for another firm.
    expect((await upload('rep@jinghua.example', csv, `?reporter=${org['HUAXIN-IC']}`)).status).toBe(403);
    const office = await upload('officer@icsr.example', csv, `?reporter=${org['HUAXIN-IC']}&dryRun=true`);
    expect(office.status).toBe(200);
    // REST answers global IDs, as GraphQL does.
    expect(office.body.result.reporterOrganizationId).toBe(encodeGlobalID('Organization', org['HUAXIN-IC']!));
  });

  it('asks for a bearer token', async () => {
    const response = await fetch(`${server.url}/supplier-lists`, { method: 'POST', body: header });
    expect(response.status).toBe(401);
  });
});

describe('exporting a supplier list', () => {
  async function download(email: string, query: string) {
    const response = await fetch(`${server.url}/supplier-lists/export${query}`, {
      headers: await bearerFor(database, email, SEED_INSTANT),
    });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  }

  it('gives a firm its own links, in the import format, which imports back unchanged', async () => {
    const exported = await download('rep@huaxin.example', '?chain=IC');
    expect(exported.status).toBe(200);
    expect(exported.type).toMatch(/^text\/csv/);
    const lines = exported.text.trim().split('\r\n');
    expect(lines[0]).toBe(`${header},reported_by`);
    expect(lines.slice(1).every((l) => l.endsWith(',HUAXIN-IC'))).toBe(true);
    expect(lines).toContain('IC,PHOTORESIST,"Sinolight Resist, Ltd.",CN,23,2025-06-01,,HUAXIN-IC');
    const back = await upload('rep@huaxin.example', exported.text, '?dryRun=true');
    expect(back.body.result).toMatchObject({ added: 0, updated: 0, removed: 0 });
  });

  it('gives the office every firm’s links, and a department none', async () => {
    const office = await download('officer@icsr.example', '?chain=IC');
    expect(office.text).toContain(',JINGHUA-PR');
    expect(office.text).toContain(',HUAXIN-IC');
    const department = await download('liaison@miit.example', '?chain=IC');
    expect(department.text.trim().split('\r\n')).toHaveLength(1);
  });
});
