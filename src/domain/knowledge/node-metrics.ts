/**
 * Node metrics (design §6, issue 7 §2) in one SQL query for any number of nodes, so a page of
 * nodes costs one round trip. Read by the GraphQL `ChainNode.metrics` field and the risk policy.
 *
 * Several firms may report the same node (each its own purchases, each list summing to about 100).
 * A supplier's share of the node is the mean of the reporters' shares for it (a reporter that does
 * not name the supplier counts 0), so every reporter weighs the same. When these shares do not sum
 * to 100 they are normalised to 100 before HHI and foreign share, and `normalised` says so.
 */
import { sql } from 'drizzle-orm';
import type { NodeMetrics } from '../../../policies/node-metrics.ts';
import { type Queryable, selectRows } from '../../database/database.ts';

/** Reported totals within this distance of 100 count as summing to 100 (shares have 2 decimals). */
const totalTolerance = 0.005;

interface MetricsRow extends Record<string, unknown> {
  node_id: string;
  supplier_count: number;
  total: number | string | null;
  hhi: number | string | null;
  foreign_share: number | string | null;
  countries: string | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Today's calendar date in UTC, the form the `since`/`until` date columns compare with. */
export function calendarDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Metrics of each requested node from the links current at `at` (since ≤ at or open, until ≥ at
 * or open). Every requested ID gets an entry; a node without current links has no suppliers.
 */
export async function loadNodeMetrics(
  q: Queryable,
  nodeIds: readonly string[],
  homeCountry: string,
  at: Date,
): Promise<Map<string, NodeMetrics>> {
  const result = new Map<string, NodeMetrics>();
  const ids = [...new Set(nodeIds)];
  if (ids.length === 0) return result;
  const day = calendarDate(at);
  const rows = await selectRows<MetricsRow>(
    q,
    sql`
      with requested as (
        select unnest(array[${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[]) as node_id
      ),
      links as (
        select l.node_id, l.supplier_id, l.reported_by_organization_id as reporter,
               l.share::float8 as share, s.country::text as country
        from supply_links l
        join suppliers s on s.id = l.supplier_id
        where l.node_id in (select node_id from requested)
          and (l.since is null or l.since <= ${day}::date)
          and (l.until is null or l.until >= ${day}::date)
      ),
      reporters as (
        select node_id, count(distinct reporter)::float8 as n from links group by node_id
      ),
      per_supplier as (
        select k.node_id, k.supplier_id, min(k.country) as country, sum(k.share) / r.n as share
        from links k join reporters r on r.node_id = k.node_id
        group by k.node_id, k.supplier_id, r.n
      ),
      totals as (
        select node_id, sum(share) as total from per_supplier group by node_id
      )
      select q.node_id::text as node_id,
             count(p.supplier_id)::int as supplier_count,
             t.total::float8 as total,
             sum(power(100 * p.share / t.total, 2))::float8 as hhi,
             (100 * coalesce(sum(p.share) filter (where p.country <> ${homeCountry}), 0) / t.total)::float8
               as foreign_share,
             string_agg(distinct p.country, ',' order by p.country) as countries
      from requested q
      left join per_supplier p on p.node_id = q.node_id
      left join totals t on t.node_id = q.node_id
      group by q.node_id, t.total
    `,
  );
  for (const row of rows) {
    const supplierCount = Number(row.supplier_count);
    const total = row.total === null ? 0 : Number(row.total);
    result.set(row.node_id, {
      nodeId: row.node_id,
      supplierCount,
      concentration: supplierCount === 0 || row.hhi === null ? null : round2(Number(row.hhi)),
      foreignShare: supplierCount === 0 || row.foreign_share === null ? null : round2(Number(row.foreign_share)),
      singleSource: supplierCount === 1,
      countries: row.countries ? row.countries.split(',') : [],
      reportedShareTotal: round2(total),
      normalised: supplierCount > 0 && Math.abs(total - 100) > totalTolerance,
    });
  }
  return result;
}
