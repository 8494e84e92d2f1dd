/**
 * Supplier lists (design §6): a chain-leader firm uploads its suppliers per node as CSV; the office
 * may upload on a firm's behalf. The file is validated row by row and applied all-or-nothing in one
 * transaction: it replaces that firm's reported links for the nodes it names and leaves every other
 * node, and every other reporter's links, alone. Export writes the same format.
 *
 * Bulk work goes to the database as one JSON parameter per statement (`jsonb_to_recordset`), so a
 * 50,000-row file costs a handful of round trips, none per row.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { chainNodes, industryChains, suppliers, supplyLinks } from '../../../db/schema/knowledge.ts';
import { organizations } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { type Queryable, selectRows, type Tx } from '../../database/database.ts';
import { accessibleWhere, assertCan } from '../access/authorize.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { singleLine, textProblem } from '../text-rule.ts';
import { supplyLinkSubjectFields } from './subject-fields.ts';

/** The columns of a supplier list, in the order export writes them. */
export const supplierListColumns = [
  'chain_code',
  'node_code',
  'supplier_name',
  'supplier_country',
  'share',
  'since',
  'until',
] as const;
/** Export adds who reported each row; import accepts it when it names the uploading firm. */
export const reporterColumn = 'reported_by';
const requiredColumns = ['chain_code', 'node_code', 'supplier_name', 'supplier_country', 'share'] as const;

/** At most this many row errors are reported; the count says how many there were. */
export const maxReportedErrors = 500;
/** At most this many changes are listed in a result; the counts are always complete. */
export const maxListedChanges = 1000;

export interface SupplierListRowError {
  /** Line of the file, the header being line 1. 1 for an error of the header itself. */
  readonly row: number;
  /** The column, or null for an error of the whole row or file. */
  readonly column: string | null;
  readonly message: string;
}

/** The file was refused: nothing was written. */
export class SupplierListRejectedError extends ValidationError {
  constructor(
    readonly rowErrors: readonly SupplierListRowError[],
    readonly errorCount: number,
  ) {
    super(rowErrors.map((e) => ({ field: `row ${e.row}${e.column ? `, ${e.column}` : ''}`, message: e.message })));
    this.message = `the supplier list has ${errorCount} error(s); nothing was changed`;
  }
}

export type SupplierLinkChangeKind = 'ADDED' | 'UPDATED' | 'REMOVED';

export interface SupplierLinkChange {
  readonly kind: SupplierLinkChangeKind;
  readonly chainCode: string;
  readonly nodeCode: string;
  readonly supplierName: string;
  readonly supplierCountry: string;
  readonly shareBefore: number | null;
  readonly shareAfter: number | null;
}

export interface SupplierListResult {
  readonly dryRun: boolean;
  readonly reporterOrganizationId: string;
  readonly rows: number;
  readonly nodes: number;
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  readonly unchanged: number;
  /** Suppliers not known before (registered, or to be registered in a dry run). */
  readonly suppliersRegistered: number;
  /** The first `maxListedChanges` changes, in file order then removals. */
  readonly changes: readonly SupplierLinkChange[];
}

interface ListRow {
  readonly line: number;
  readonly chainCode: string;
  readonly nodeCode: string;
  readonly supplierName: string;
  readonly supplierCountry: string;
  readonly share: number;
  readonly since: string | null;
  readonly until: string | null;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) =>
  isoDate.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

class ErrorList {
  readonly errors: SupplierListRowError[] = [];
  count = 0;
  add(row: number, column: string | null, message: string) {
    this.count += 1;
    if (this.errors.length < maxReportedErrors) this.errors.push({ row, column, message });
  }
  throwIfAny() {
    if (this.count > 0) throw new SupplierListRejectedError(this.errors, this.count);
  }
}

/** Parses and checks each row on its own (codes are checked against the database later). */
function parseRows(content: string, reporterCode: string, errors: ErrorList): ListRow[] {
  let records: string[][];
  try {
    records = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    errors.add(line, null, `not readable as CSV: ${(error as Error).message}`);
    return [];
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  for (const name of header) {
    const problem = textProblem(name, singleLine);
    if (problem) errors.add(1, null, `a column name ${problem}`);
  }
  if (errors.count > 0) return [];
  if (header.length === 0) {
    errors.add(1, null, `the file is empty; the first line must name the columns ${supplierListColumns.join(',')}`);
    return [];
  }
  const known = new Set<string>([...supplierListColumns, reporterColumn]);
  for (const name of header) if (!known.has(name)) errors.add(1, name, 'is not a column of a supplier list');
  for (const name of requiredColumns) if (!header.includes(name)) errors.add(1, name, 'is missing from the header');
  if (new Set(header).size !== header.length) errors.add(1, null, 'names a column twice');
  if (errors.count > 0) return [];
  const at = (name: string) => header.indexOf(name);
  const rows: ListRow[] = [];
  const seen = new Map<string, number>();
  for (let index = 1; index < records.length; index++) {
    const record = records[index]!;
    const line = index + 1;
    const cell = (name: string) => unguarded(at(name) >= 0 ? (record[at(name)] ?? '') : '').normalize('NFC');
    const before = errors.count;
    if (record.length !== header.length) {
      errors.add(line, null, `has ${record.length} fields; the header has ${header.length}`);
      continue;
    }
    // The text rule (src/domain/text-rule.ts) for every cell: one line, no control characters.
    header.forEach((name, n) => {
      const problem = textProblem(record[n] ?? '', singleLine);
      if (problem) errors.add(line, name, problem);
    });
    if (errors.count > before) continue;
    const chainCode = cell('chain_code');
    const nodeCode = cell('node_code');
    const supplierName = cell('supplier_name').replace(/\s+/g, ' ');
    const supplierCountry = cell('supplier_country').toUpperCase();
    if (!chainCode) errors.add(line, 'chain_code', 'is required');
    if (!nodeCode) errors.add(line, 'node_code', 'is required');
    if (!supplierName) errors.add(line, 'supplier_name', 'is required');
    else if (supplierName.length > 200) errors.add(line, 'supplier_name', 'is longer than 200 characters');
    if (!/^[A-Z]{2}$/.test(supplierCountry)) {
      errors.add(line, 'supplier_country', 'must be an ISO 3166-1 alpha-2 code, e.g. JP');
    }
    const shareText = cell('share');
    const share = Number(shareText);
    if (!/^\d+(\.\d{1,2})?$/.test(shareText) || !(share > 0 && share <= 100)) {
      errors.add(line, 'share', 'must be a percentage above 0 and at most 100, with at most 2 decimals');
    }
    const since = cell('since') || null;
    const until = cell('until') || null;
    if (since && !validDate(since)) errors.add(line, 'since', 'must be a date like 2026-01-31');
    if (until && !validDate(until)) errors.add(line, 'until', 'must be a date like 2026-01-31');
    if (since && until && validDate(since) && validDate(until) && until < since) {
      errors.add(line, 'until', 'must not be before since');
    }
    const reporter = cell(reporterColumn);
    if (reporter && reporter !== reporterCode) {
      errors.add(line, reporterColumn, `names ${reporter}, but the list is uploaded for ${reporterCode}`);
    }
    if (errors.count > before) continue;
    const key = `${chainCode}\u0000${nodeCode}\u0000${supplierName.toLowerCase()}\u0000${supplierCountry}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.add(line, 'supplier_name', `repeats the node and supplier of row ${first}`);
      continue;
    }
    seen.set(key, line);
    rows.push({ line, chainCode, nodeCode, supplierName, supplierCountry, share, since, until });
  }
  if (rows.length === 0 && errors.count === 0) errors.add(2, null, 'the file has a header but no rows');
  return rows;
}

export interface ImportSupplierListInput {
  /** The CSV file (UTF-8). */
  readonly content: string;
  /** The firm whose list this is; defaults to the actor's own organisation. */
  readonly reporterOrganizationId?: string;
  readonly dryRun: boolean;
}

/**
 * Validates a supplier list and, unless it is a dry run, applies it in the caller's transaction.
 * @throws SupplierListRejectedError naming every bad row (nothing written), ForbiddenError
 */
export async function importSupplierList(
  tx: Tx,
  actor: Actor,
  input: ImportSupplierListInput,
  now: Date,
): Promise<SupplierListResult> {
  const reporterId = input.reporterOrganizationId ?? (actor.kind === 'SYSTEM' ? undefined : actor.organizationId) ?? '';
  assertCan(actor, 'create', 'SupplyLink', { reportedByOrganizationId: reporterId });
  const [reporter] = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reporterId)
    ? await tx.select().from(organizations).where(eq(organizations.id, reporterId))
    : [];
  if (reporter?.kind !== 'FIRM' || !reporter.isChainLeader) {
    throw new ForbiddenError('supplier lists are reported by chain-leader firms');
  }
  // One import per firm at a time: the second sees the first's result, never half of it.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`supplier-list:${reporterId}`}, 0))`);

  // Raw statements take the instant as text: the postgres driver does not bind a Date there.
  const stamp = sql`${now.toISOString()}::timestamptz`;
  const errors = new ErrorList();
  const rows = parseRows(input.content, reporter.code, errors);
  errors.throwIfAny();

  // Every chain and node the file names, in one query.
  const chainCodes = [...new Set(rows.map((r) => r.chainCode))];
  const nodes = await tx
    .select({ id: chainNodes.id, code: chainNodes.code, chainCode: industryChains.code })
    .from(chainNodes)
    .innerJoin(industryChains, eq(industryChains.id, chainNodes.chainId))
    .where(inArray(industryChains.code, chainCodes));
  const nodeIdOf = new Map(nodes.map((n) => [`${n.chainCode}\u0000${n.code}`, n.id]));
  const knownChains = new Set(nodes.map((n) => n.chainCode));
  for (const row of rows) {
    if (!knownChains.has(row.chainCode))
      errors.add(row.line, 'chain_code', `no industry chain has code ${row.chainCode}`);
    else if (!nodeIdOf.has(`${row.chainCode}\u0000${row.nodeCode}`)) {
      errors.add(row.line, 'node_code', `chain ${row.chainCode} has no node ${row.nodeCode}`);
    }
  }
  errors.throwIfAny();

  // Suppliers by (lower(name), country): the known ones, and (unless a dry run) the new ones registered.
  const supplierKey = (name: string, country: string) => `${name.toLowerCase()}\u0000${country}`;
  const wanted = new Map<string, { name: string; country: string }>();
  for (const row of rows) {
    wanted.set(supplierKey(row.supplierName, row.supplierCountry), {
      name: row.supplierName,
      country: row.supplierCountry,
    });
  }
  const wantedJson = JSON.stringify([...wanted.values()]);
  const findSuppliers = () =>
    selectRows<{ id: string; name: string; country: string }>(
      tx,
      sql`select s.id::text as id, s.name, s.country::text as country
          from jsonb_to_recordset(${wantedJson}::jsonb) as w(name text, country text)
          join ${suppliers} s on lower(s.name) = lower(w.name) and s.country = w.country`,
    );
  let found = await findSuppliers();
  const suppliersRegistered = wanted.size - found.length;
  if (!input.dryRun && suppliersRegistered > 0) {
    await tx.execute(
      sql`insert into ${suppliers} (name, country, created_at, updated_at)
          select w.name, w.country, ${stamp}, ${stamp}
          from jsonb_to_recordset(${wantedJson}::jsonb) as w(name text, country text)
          on conflict (lower(name), country) do nothing`,
    );
    found = await findSuppliers();
  }
  const supplierIdOf = new Map(found.map((s) => [supplierKey(s.name, s.country), s.id]));

  // The firm's current links on the nodes the file names.
  const namedNodeIds = [...new Set(rows.map((r) => nodeIdOf.get(`${r.chainCode}\u0000${r.nodeCode}`)!))];
  const namedNodesJson = JSON.stringify(namedNodeIds);
  const existing = await selectRows<{
    id: string;
    node_id: string;
    supplier_id: string;
    share: number;
    since: string | null;
    until: string | null;
    supplier_name: string;
    supplier_country: string;
  }>(
    tx,
    sql`select l.id::text as id, l.node_id::text as node_id, l.supplier_id::text as supplier_id,
               l.share::float8 as share, l.since::text as since, l.until::text as until,
               s.name as supplier_name, s.country::text as supplier_country
        from ${supplyLinks} l join ${suppliers} s on s.id = l.supplier_id
        where l.reported_by_organization_id = ${reporterId}
          and l.node_id in (select value::uuid from jsonb_array_elements_text(${namedNodesJson}::jsonb))`,
  );
  const existingByKey = new Map(existing.map((l) => [`${l.node_id}\u0000${l.supplier_id}`, l]));
  const nodeCodeOf = new Map(nodes.map((n) => [n.id, { chainCode: n.chainCode, nodeCode: n.code }]));

  const changes: SupplierLinkChange[] = [];
  const note = (change: SupplierLinkChange) => {
    if (changes.length < maxListedChanges) changes.push(change);
  };
  const toInsert: {
    node_id: string;
    supplier_id: string;
    share: number;
    since: string | null;
    until: string | null;
  }[] = [];
  const toUpdate: { id: string; share: number; since: string | null; until: string | null }[] = [];
  const kept = new Set<string>();
  let unchanged = 0;
  for (const row of rows) {
    const nodeId = nodeIdOf.get(`${row.chainCode}\u0000${row.nodeCode}`)!;
    const supplierId = supplierIdOf.get(supplierKey(row.supplierName, row.supplierCountry));
    const current = supplierId ? existingByKey.get(`${nodeId}\u0000${supplierId}`) : undefined;
    const described = {
      chainCode: row.chainCode,
      nodeCode: row.nodeCode,
      supplierName: current?.supplier_name ?? row.supplierName,
      supplierCountry: row.supplierCountry,
    };
    if (!current) {
      // In a dry run a new supplier has no id yet; the row is an addition either way.
      if (supplierId)
        toInsert.push({
          node_id: nodeId,
          supplier_id: supplierId,
          share: row.share,
          since: row.since,
          until: row.until,
        });
      note({ kind: 'ADDED', ...described, shareBefore: null, shareAfter: row.share });
      continue;
    }
    kept.add(current.id);
    if (Number(current.share) === row.share && current.since === row.since && current.until === row.until) {
      unchanged += 1;
      continue;
    }
    toUpdate.push({ id: current.id, share: row.share, since: row.since, until: row.until });
    note({ kind: 'UPDATED', ...described, shareBefore: Number(current.share), shareAfter: row.share });
  }
  const toRemove = existing.filter((l) => !kept.has(l.id));
  for (const link of toRemove) {
    const where = nodeCodeOf.get(link.node_id)!;
    note({
      kind: 'REMOVED',
      ...where,
      supplierName: link.supplier_name,
      supplierCountry: link.supplier_country,
      shareBefore: Number(link.share),
      shareAfter: null,
    });
  }
  const added = rows.length - unchanged - toUpdate.length;

  if (!input.dryRun) {
    if (toRemove.length > 0) {
      await tx.execute(
        sql`delete from ${supplyLinks}
            where id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(toRemove.map((l) => l.id))}::jsonb))`,
      );
    }
    if (toUpdate.length > 0) {
      await tx.execute(
        sql`update ${supplyLinks} l
            set share = u.share, since = u.since, until = u.until, updated_at = ${stamp}, version = l.version + 1
            from jsonb_to_recordset(${JSON.stringify(toUpdate)}::jsonb)
              as u(id uuid, share numeric, since date, until date)
            where l.id = u.id`,
      );
    }
    if (toInsert.length > 0) {
      await tx.execute(
        sql`insert into ${supplyLinks}
              (node_id, supplier_id, share, since, until, reported_by_organization_id, created_at, updated_at)
            select i.node_id, i.supplier_id, i.share, i.since, i.until, ${reporterId}, ${stamp}, ${stamp}
            from jsonb_to_recordset(${JSON.stringify(toInsert)}::jsonb)
              as i(node_id uuid, supplier_id uuid, share numeric, since date, until date)`,
      );
    }
    await appendAuditEntry(tx, actor, {
      chain: adminChain,
      action: 'supplier_list.imported',
      entityKind: 'Organization',
      entityId: reporterId,
      after: {
        rows: rows.length,
        nodeIds: namedNodeIds,
        added,
        updated: toUpdate.length,
        removed: toRemove.length,
        unchanged,
        suppliersRegistered,
      },
      occurredAt: now,
    });
  }
  return {
    dryRun: input.dryRun,
    reporterOrganizationId: reporterId,
    rows: rows.length,
    nodes: namedNodeIds.length,
    added,
    updated: toUpdate.length,
    removed: toRemove.length,
    unchanged,
    suppliersRegistered,
    changes,
  };
}

/**
 * The export's writer. A spreadsheet reads a cell beginning with `=`, `+`, `-`, `@`, a tab or a
 * carriage return as a formula (OWASP CSV injection; `-1-1` and `-2+3+cmd|' /C calc'!A0` included):
 * `escape_formulas` prefixes such cells with `'`, which the import takes off again. A cell with
 * leading or trailing spaces is quoted so that it reads back as written.
 */
const csvOptions = { escape_formulas: true, record_delimiter: 'windows', quoted_match: /^\s|\s$/ } as const;

/** A supplier list as CSV text: the header, then one line per row. */
export function supplierListCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return stringify([header, ...rows], csvOptions);
}

/** The inverse of the formula guard on import, so an exported list imports back unchanged. */
const unguarded = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

export interface ExportSupplierListInput {
  readonly chainCode: string;
  /** Only this reporter's links (an organisation id); all the caller may read when absent. */
  readonly reporterOrganizationId?: string;
}

/**
 * The links of a chain the actor may read, as a supplier list: a firm gets its own links, the
 * office all of them (with `reported_by`, the reporting firm's code). Sorted by node, then share.
 */
export async function exportSupplierList(q: Queryable, actor: Actor, input: ExportSupplierListInput): Promise<string> {
  const readable = accessibleWhere(actor, 'read', 'SupplyLink', supplyLinkSubjectFields(supplyLinks));
  const rows = await q
    .select({
      chainCode: industryChains.code,
      nodeCode: chainNodes.code,
      supplierName: suppliers.name,
      supplierCountry: suppliers.country,
      share: supplyLinks.share,
      since: supplyLinks.since,
      until: supplyLinks.until,
      reporter: organizations.code,
    })
    .from(supplyLinks)
    .innerJoin(chainNodes, eq(chainNodes.id, supplyLinks.nodeId))
    .innerJoin(industryChains, eq(industryChains.id, chainNodes.chainId))
    .innerJoin(suppliers, eq(suppliers.id, supplyLinks.supplierId))
    .innerJoin(organizations, eq(organizations.id, supplyLinks.reportedByOrganizationId))
    .where(
      and(
        eq(industryChains.code, input.chainCode),
        readable,
        input.reporterOrganizationId
          ? eq(supplyLinks.reportedByOrganizationId, input.reporterOrganizationId)
          : undefined,
      ),
    )
    .orderBy(organizations.code, chainNodes.code, sql`${supplyLinks.share} desc`, suppliers.name);
  return supplierListCsv(
    [...supplierListColumns, reporterColumn],
    rows.map((r) => [
      r.chainCode,
      r.nodeCode,
      r.supplierName,
      r.supplierCountry,
      Number(r.share),
      r.since ?? '',
      r.until ?? '',
      r.reporter,
    ]),
  );
}
