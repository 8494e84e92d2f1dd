/**
 * Reports for the office and auditors (issue 7 §6). Every count is over the cases the viewer may
 * read (design §2: lists and totals are filtered by the same rules), computed in SQL; only the
 * working-day medians are finished in code, because they need the jurisdiction calendar.
 */
import { sql } from 'drizzle-orm';
import { cases } from '../../../db/schema/cases.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { ClockPhase, DecisionOutcome } from '../../../vocabulary/terms.ts';
import { type Queryable, selectRows } from '../../database/database.ts';
import { accessibleWhere, assertCan } from '../access/authorize.ts';
import { caseSubjectFields } from '../access/subject-fields.ts';
import { loadCalendarDefinition, type StoredCalendarDefinition } from '../calendars/read-calendar.ts';
import { localDateOf } from '../clock/local-time.ts';
import { countWorkingDays } from '../clock/working-days.ts';
import { NotFoundError } from '../errors.ts';
import { loadNodeMetrics } from '../knowledge/node-metrics.ts';

const readableCases = (actor: Actor) => accessibleWhere(actor, 'read', 'Case', caseSubjectFields(cases));

// ---- cases by security type × strategy ------------------------------------------------------------

export interface ClassificationCount {
  readonly securityType: string | null;
  readonly strategy: string | null;
  readonly cases: number;
}

/** Filed cases the viewer reads, per security type and strategy (null: not classified yet). */
export async function casesBySecurityTypeAndStrategy(q: Queryable, actor: Actor): Promise<ClassificationCount[]> {
  assertCan(actor, 'read', 'Report');
  const rows = await selectRows<{ security_type: string | null; strategy: string | null; n: number }>(
    q,
    sql`select ${cases.securityType}::text as security_type, ${cases.strategy}::text as strategy, count(*)::int as n
        from ${cases} where ${readableCases(actor)}
        group by 1, 2 order by 1 nulls last, 2 nulls last`,
  );
  return rows.map((r) => ({ securityType: r.security_type, strategy: r.strategy, cases: r.n }));
}

// ---- riskiest nodes -------------------------------------------------------------------------------

export interface NodeRisk {
  readonly nodeId: string;
  /** 0–100: scarcity (HHI / 10,000) × strategic value / 5 × generality / 5 × 100. */
  readonly riskIndex: number;
  readonly concentration: number | null;
  readonly foreignShare: number | null;
  readonly strategicValue: number | null;
  readonly generality: number | null;
  readonly keyTechnologyId: string | null;
}

/**
 * The nodes of a chain ranked by how much their supply matters and how scarce it is, the paper's
 * rule for mature technologies: generality × strategic value × scarcity of suppliers. Scarcity is
 * the node's HHI on the 0–1 scale; strategic value and generality (1–5, scaled to 0–1) are those of
 * the node's most strategic key technology (a node without one counts 1 and 1, i.e. 0.2 × 0.2).
 * Foreign share breaks ties only: dependency alone does not make a node risky.
 */
export async function riskiestNodes(
  q: Queryable,
  actor: Actor,
  chainCode: string,
  limit: number,
  homeCountry: string,
  at: Date,
): Promise<NodeRisk[]> {
  assertCan(actor, 'read', 'Report');
  const nodes = await selectRows<{
    id: string;
    key_technology_id: string | null;
    strategic_value: number | null;
    generality: number | null;
  }>(
    q,
    sql`select n.id::text as id, k.id::text as key_technology_id, k.strategic_value, k.generality
        from chain_nodes n join industry_chains c on c.id = n.chain_id
        left join lateral (
          select id, strategic_value, generality from key_technologies
          where node_id = n.id order by strategic_value desc, generality desc, priority asc limit 1
        ) k on true
        where c.code = ${chainCode}`,
  );
  if (nodes.length === 0) {
    const [chain] = await selectRows<{ id: string }>(q, sql`select id from industry_chains where code = ${chainCode}`);
    if (!chain) throw new NotFoundError('IndustryChain');
    return [];
  }
  const metrics = await loadNodeMetrics(
    q,
    nodes.map((n) => n.id),
    homeCountry,
    at,
  );
  const ranked = nodes
    .map((n) => {
      const m = metrics.get(n.id);
      const scarcity = (m?.concentration ?? 0) / 10_000;
      const riskIndex = scarcity * ((n.strategic_value ?? 1) / 5) * ((n.generality ?? 1) / 5) * 100;
      return {
        nodeId: n.id,
        riskIndex: Math.round(riskIndex * 100) / 100,
        concentration: m?.concentration ?? null,
        foreignShare: m?.foreignShare ?? null,
        strategicValue: n.strategic_value,
        generality: n.generality,
        keyTechnologyId: n.key_technology_id,
      };
    })
    .filter((n) => n.concentration !== null);
  ranked.sort(
    (a, b) =>
      b.riskIndex - a.riskIndex || (b.foreignShare ?? 0) - (a.foreignShare ?? 0) || a.nodeId.localeCompare(b.nodeId),
  );
  return ranked.slice(0, limit);
}

// ---- dependency graph ---------------------------------------------------------------------------

export interface DependencyGraph {
  readonly chainId: string;
  readonly nodes: readonly {
    nodeId: string;
    parentId: string | null;
    depth: number;
    code: string;
    name: string;
    nameZh: string | null;
  }[];
  readonly suppliers: readonly { supplierId: string; name: string; country: string }[];
  /** Supplier → node, the share averaged over the reporters of the node (as in the node metrics). */
  readonly edges: readonly { nodeId: string; supplierId: string; share: number; reporters: number }[];
  /** Per country: how many suppliers and how many nodes it supplies. */
  readonly countries: readonly { country: string; suppliers: number; nodes: number }[];
}

/** A chain's tree, its current suppliers and who supplies what, as data a client can draw. */
export async function dependencyGraph(
  q: Queryable,
  actor: Actor,
  chainCode: string,
  at: Date,
): Promise<DependencyGraph> {
  assertCan(actor, 'read', 'Report');
  const day = at.toISOString().slice(0, 10);
  const [chain] = await selectRows<{ id: string }>(
    q,
    sql`select id::text as id from industry_chains where code = ${chainCode}`,
  );
  if (!chain) throw new NotFoundError('IndustryChain');
  const nodes = await selectRows<{
    node_id: string;
    parent_id: string | null;
    depth: number;
    code: string;
    name: string;
    name_zh: string | null;
  }>(
    q,
    sql`select id::text as node_id, parent_id::text as parent_id, depth, code, name, name_zh from chain_nodes
        where chain_id = ${chain.id} order by depth, code`,
  );
  const edges = await selectRows<{
    node_id: string;
    supplier_id: string;
    name: string;
    country: string;
    share: number;
    reporters: number;
  }>(
    q,
    sql`with links as (
          select l.node_id, l.supplier_id, l.reported_by_organization_id as reporter, l.share::float8 as share
          from supply_links l join chain_nodes n on n.id = l.node_id
          where n.chain_id = ${chain.id}
            and (l.since is null or l.since <= ${day}::date) and (l.until is null or l.until >= ${day}::date)
        ),
        reporters as (select node_id, count(distinct reporter)::float8 as n from links group by node_id)
        select k.node_id::text as node_id, k.supplier_id::text as supplier_id, s.name, s.country::text as country,
               round((sum(k.share) / r.n)::numeric, 2)::float8 as share, count(*)::int as reporters
        from links k join reporters r on r.node_id = k.node_id join suppliers s on s.id = k.supplier_id
        group by k.node_id, k.supplier_id, s.name, s.country, r.n
        order by k.node_id, share desc`,
  );
  const suppliers = new Map<string, { supplierId: string; name: string; country: string }>();
  const countries = new Map<string, { suppliers: Set<string>; nodes: Set<string> }>();
  for (const e of edges) {
    suppliers.set(e.supplier_id, { supplierId: e.supplier_id, name: e.name, country: e.country });
    const c = countries.get(e.country) ?? { suppliers: new Set(), nodes: new Set() };
    c.suppliers.add(e.supplier_id);
    c.nodes.add(e.node_id);
    countries.set(e.country, c);
  }
  return {
    chainId: chain.id,
    nodes: nodes.map((n) => ({
      nodeId: n.node_id,
      parentId: n.parent_id,
      depth: n.depth,
      code: n.code,
      name: n.name,
      nameZh: n.name_zh,
    })),
    suppliers: [...suppliers.values()].sort((a, b) => a.name.localeCompare(b.name)),
    edges: edges.map((e) => ({ nodeId: e.node_id, supplierId: e.supplier_id, share: e.share, reporters: e.reporters })),
    countries: [...countries.entries()]
      .map(([country, c]) => ({ country, suppliers: c.suppliers.size, nodes: c.nodes.size }))
      .sort((a, b) => a.country.localeCompare(b.country)),
  };
}

// ---- annual report ------------------------------------------------------------------------------

export interface AnnualStatistics {
  readonly year: number;
  /** The time zone the year's bounds are taken in (the default regime's calendar). */
  readonly timeZone: string;
  /** Firm filings submitted in the year. */
  readonly filings: number;
  /** Cases the office called in during the year: ex officio and department referrals. */
  readonly callIns: { readonly exOfficio: number; readonly referrals: number };
  /** Cases whose review phase started in the year. */
  readonly reviews: number;
  /** Cases whose in-depth review started in the year. */
  readonly inDepthReviews: number;
  /** Decisions approved in the year, by outcome (variations by the appeals panel included). */
  readonly outcomes: readonly { outcome: DecisionOutcome; decisions: number }[];
  readonly appeals: { readonly filed: number; readonly byState: readonly { state: string; appeals: number }[] };
  /** Case-phase clocks that stopped in the year: median working days from start to stop. */
  readonly phaseDurations: readonly { phase: ClockPhase; clocks: number; medianWorkingDays: number }[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The statistics of the annual report for `year`, over the cases the viewer reads. */
export async function annualStatistics(q: Queryable, actor: Actor, year: number): Promise<AnnualStatistics> {
  assertCan(actor, 'read', 'Report');
  const [zone] = await selectRows<{ time_zone: string }>(
    q,
    sql`select c.time_zone from regimes r join calendars c on c.id = r.calendar_id
        order by r.is_default desc, r.created_at desc limit 1`,
  );
  const timeZone = zone?.time_zone ?? 'UTC';
  const from = sql`make_timestamptz(${year}::int, 1, 1, 0, 0, 0, ${timeZone})`;
  const to = sql`make_timestamptz(${year + 1}::int, 1, 1, 0, 0, 0, ${timeZone})`;
  const inYear = (column: ReturnType<typeof sql>) => sql`${column} >= ${from} and ${column} < ${to}`;
  const readable = readableCases(actor);
  // An appeal's filing instant is its created_at column (appeals.filedAt).
  const [counts] = await selectRows<{
    filings: number;
    ex_officio: number;
    referrals: number;
    reviews: number;
    in_depth: number;
    appeals: number;
  }>(
    q,
    sql`with visible as (select id, origin, submitted_at from ${cases} where ${readable})
        select
          (select count(*) from visible where origin = 'FIRM_FILING' and ${inYear(sql`submitted_at`)})::int as filings,
          (select count(*) from visible where origin = 'EX_OFFICIO' and ${inYear(sql`submitted_at`)})::int as ex_officio,
          (select count(*) from visible where origin = 'DEPARTMENT_REFERRAL' and ${inYear(sql`submitted_at`)})::int
            as referrals,
          (select count(distinct k.case_id) from clocks k join visible v on v.id = k.case_id
            where k.owner_kind = 'CASE' and k.phase = 'REVIEW' and ${inYear(sql`k.started_at`)})::int as reviews,
          (select count(distinct k.case_id) from clocks k join visible v on v.id = k.case_id
            where k.owner_kind = 'CASE' and k.phase = 'IN_DEPTH' and ${inYear(sql`k.started_at`)})::int as in_depth,
          (select count(*) from appeals a join visible v on v.id = a.case_id
            where ${inYear(sql`a.created_at`)})::int as appeals`,
  );
  const outcomes = await selectRows<{ outcome: DecisionOutcome; n: number }>(
    q,
    sql`select d.outcome::text as outcome, count(*)::int as n
        from decisions d join ${cases} on ${cases.id} = d.case_id
        where ${readable} and d.approved_at is not null and ${inYear(sql`d.approved_at`)}
        group by 1 order by 1`,
  );
  const appealStates = await selectRows<{ state: string; n: number }>(
    q,
    sql`select a.state::text as state, count(*)::int as n
        from appeals a join ${cases} on ${cases.id} = a.case_id
        where ${readable} and ${inYear(sql`a.created_at`)}
        group by 1 order by 1`,
  );
  const stopped = await selectRows<{ phase: ClockPhase; started_at: number; stopped_at: number; calendar_id: string }>(
    q,
    sql`select k.phase::text as phase, (extract(epoch from k.started_at) * 1000)::float8 as started_at,
               (extract(epoch from k.stopped_at) * 1000)::float8 as stopped_at,
               r.calendar_id::text as calendar_id
        from clocks k join regimes r on r.id = k.regime_id join ${cases} on ${cases.id} = k.case_id
        where ${readable} and k.owner_kind = 'CASE' and k.stopped_at is not null and ${inYear(sql`k.stopped_at`)}`,
  );
  const calendars = new Map<string, Promise<StoredCalendarDefinition>>();
  const byPhase = new Map<ClockPhase, number[]>();
  for (const clock of stopped) {
    let calendar = calendars.get(clock.calendar_id);
    if (!calendar) {
      calendar = loadCalendarDefinition(q, clock.calendar_id);
      calendars.set(clock.calendar_id, calendar);
    }
    const definition = await calendar;
    const days = countWorkingDays(
      definition,
      localDateOf(new Date(Number(clock.started_at)), definition.timeZone),
      localDateOf(new Date(Number(clock.stopped_at)), definition.timeZone),
    );
    byPhase.set(clock.phase, [...(byPhase.get(clock.phase) ?? []), days]);
  }
  return {
    year,
    timeZone,
    filings: counts!.filings,
    callIns: { exOfficio: counts!.ex_officio, referrals: counts!.referrals },
    reviews: counts!.reviews,
    inDepthReviews: counts!.in_depth,
    outcomes: outcomes.map((o) => ({ outcome: o.outcome, decisions: o.n })),
    appeals: { filed: counts!.appeals, byState: appealStates.map((a) => ({ state: a.state, appeals: a.n })) },
    phaseDurations: [...byPhase.entries()]
      .map(([phase, days]) => ({ phase, clocks: days.length, medianWorkingDays: median(days) }))
      .sort((a, b) => a.phase.localeCompare(b.phase)),
  };
}
