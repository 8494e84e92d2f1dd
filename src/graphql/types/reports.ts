/**
 * Reports (issue 7 §6), for office case staff, the appeals panel and auditors (design §2: they see
 * all cases within their clearance; nobody else reads reports). Every count is over the cases the
 * viewer may read. Each report is one query field answering the report or a typed error.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { inArray } from 'drizzle-orm';
import { chainNodes, keyTechnologies } from '../../../db/schema/knowledge.ts';
import type { ClockPhase, DecisionOutcome, SecurityType, Strategy } from '../../../vocabulary/terms.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import {
  type AnnualStatistics,
  annualStatistics,
  type ClassificationCount,
  casesBySecurityTypeAndStrategy,
  type DependencyGraph,
  dependencyGraph,
  type NodeRisk,
  riskiestNodes,
} from '../../domain/reports/reports.ts';
import { builder } from '../builder.ts';
import { ClockPhaseEnum } from './clock.ts';
import { DecisionOutcomeEnum } from './decision.ts';
import { SecurityTypeEnum, StrategyEnum } from './enums.ts';
import { ChainNodeRef, KeyTechnologyRef } from './knowledge.ts';

const reportErrors = { types: [ForbiddenError, NotFoundError, ValidationError] };

// ---- cases by security type × strategy ------------------------------------------------------------

const ClassificationCountRef = builder.objectRef<ClassificationCount>('ClassificationCount').implement({
  description: 'How many cases have one security type and strategy.',
  fields: (t) => ({
    securityType: t.field({
      type: SecurityTypeEnum,
      nullable: true,
      description: 'The security type; null for cases not classified yet.',
      resolve: (c) => c.securityType as SecurityType | null,
    }),
    strategy: t.field({
      type: StrategyEnum,
      nullable: true,
      description: 'The governance strategy; null while none is set.',
      resolve: (c) => c.strategy as Strategy | null,
    }),
    cases: t.exposeInt('cases', { description: 'Number of cases (that the viewer may read).' }),
  }),
});

const ClassificationReportRef = builder.objectRef<{ rows: ClassificationCount[] }>('ClassificationReport').implement({
  description: 'Cases by security type × strategy, over the cases the viewer may read.',
  fields: (t) => ({
    rows: t.field({
      type: [ClassificationCountRef],
      description: 'One row per combination that occurs.',
      resolve: (r) => r.rows,
    }),
    total: t.int({ description: 'All cases counted.', resolve: (r) => r.rows.reduce((n, c) => n + c.cases, 0) }),
  }),
});

builder.queryField('casesByClassificationReport', (t) =>
  t.field({
    type: ClassificationReportRef,
    description: 'Office staff and auditors: case counts by security type and governance strategy.',
    errors: reportErrors,
    resolve: async (_root, _args, ctx) => ({ rows: await casesBySecurityTypeAndStrategy(ctx.db, ctx.actor!) }),
  }),
);

// ---- riskiest nodes -------------------------------------------------------------------------------

type NodeRiskRow = NodeRisk & {
  node: typeof chainNodes.$inferSelect;
  keyTechnology: typeof keyTechnologies.$inferSelect | null;
};

const NodeRiskRef = builder.objectRef<NodeRiskRow>('NodeRisk').implement({
  description:
    'A node’s place among the riskiest of its chain: risk index = HHI / 10,000 × strategic value / 5 × ' +
    'generality / 5 × 100, from its most strategic key technology (1 and 1 without one). Foreign share breaks ties.',
  fields: (t) => ({
    node: t.field({ type: ChainNodeRef, description: 'The node.', resolve: (r) => r.node }),
    riskIndex: t.exposeFloat('riskIndex', { description: 'Risk index, 0–100.' }),
    concentration: t.exposeFloat('concentration', { nullable: true, description: 'HHI, 0–10,000.' }),
    foreignShare: t.exposeFloat('foreignShare', { nullable: true, description: 'Foreign share, percent.' }),
    strategicValue: t.exposeInt('strategicValue', {
      nullable: true,
      description: 'Strategic value of the node’s most strategic key technology; null without one.',
    }),
    generality: t.exposeInt('generality', {
      nullable: true,
      description: 'Generality of that key technology; null without one.',
    }),
    keyTechnology: t.field({
      type: KeyTechnologyRef,
      nullable: true,
      description: 'The key technology whose attributes were used; null without one.',
      resolve: (r) => r.keyTechnology,
    }),
  }),
});

const RiskiestNodesReportRef = builder.objectRef<{ nodes: NodeRiskRow[] }>('RiskiestNodesReport').implement({
  description: 'The nodes of a chain with current suppliers, riskiest first.',
  fields: (t) => ({
    nodes: t.field({ type: [NodeRiskRef], description: 'Riskiest first.', resolve: (r) => r.nodes }),
  }),
});

builder.queryField('riskiestNodesReport', (t) =>
  t.field({
    type: RiskiestNodesReportRef,
    description: 'Office staff and auditors: the riskiest nodes of a chain by concentration and key-technology value.',
    errors: reportErrors,
    args: {
      chainCode: t.arg.string({ required: true, description: 'The chain’s code, e.g. IC.' }),
      first: t.arg.int({ required: false, description: 'How many nodes (default 10, at most 100).' }),
    },
    resolve: async (_root, args, ctx) => {
      const first = args.first ?? 10;
      if (first < 1 || first > 100) throw ValidationError.single('first', 'must be between 1 and 100');
      const ranked = await riskiestNodes(ctx.db, ctx.actor!, args.chainCode, first, ctx.homeCountry, ctx.now);
      if (ranked.length === 0) return { nodes: [] };
      // The rows of the ranked nodes and technologies, one query each.
      const nodes = await ctx.db
        .select()
        .from(chainNodes)
        .where(
          inArray(
            chainNodes.id,
            ranked.map((r) => r.nodeId),
          ),
        );
      const techIds = ranked.flatMap((r) => (r.keyTechnologyId ? [r.keyTechnologyId] : []));
      const techs =
        techIds.length > 0
          ? await ctx.db.select().from(keyTechnologies).where(inArray(keyTechnologies.id, techIds))
          : [];
      const nodeById = new Map(nodes.map((n) => [n.id, n]));
      const techById = new Map(techs.map((k) => [k.id, k]));
      return {
        nodes: ranked.map((r) => ({
          ...r,
          node: nodeById.get(r.nodeId)!,
          keyTechnology: r.keyTechnologyId ? (techById.get(r.keyTechnologyId) ?? null) : null,
        })),
      };
    },
  }),
);

// ---- dependency graph ---------------------------------------------------------------------------

type GraphNode = DependencyGraph['nodes'][number];
type GraphSupplier = DependencyGraph['suppliers'][number];
type GraphEdge = DependencyGraph['edges'][number];
type GraphCountry = DependencyGraph['countries'][number];

const GraphNodeRef = builder.objectRef<GraphNode>('DependencyGraphNode').implement({
  description: 'A node of the chain’s tree.',
  fields: (t) => ({
    id: t.id({ description: 'Global ID of the ChainNode.', resolve: (n) => encodeGlobalID('ChainNode', n.nodeId) }),
    parentId: t.id({
      nullable: true,
      description: 'Global ID of the parent node; null for a segment.',
      resolve: (n) => (n.parentId ? encodeGlobalID('ChainNode', n.parentId) : null),
    }),
    depth: t.exposeInt('depth', { description: '1 for a segment.' }),
    code: t.exposeString('code', { description: 'Code of the node.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameZh: t.exposeString('nameZh', { nullable: true, description: 'Name in Chinese.' }),
  }),
});

const GraphSupplierRef = builder.objectRef<GraphSupplier>('DependencyGraphSupplier').implement({
  description: 'A supplier with a current link to a node of the chain.',
  fields: (t) => ({
    id: t.id({ description: 'Global ID of the Supplier.', resolve: (s) => encodeGlobalID('Supplier', s.supplierId) }),
    name: t.exposeString('name', { description: 'Company name.' }),
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 country code.' }),
  }),
});

const GraphEdgeRef = builder.objectRef<GraphEdge>('DependencyGraphEdge').implement({
  description: 'Supplier → node: the supplier’s share of the node, averaged over the node’s reporters.',
  fields: (t) => ({
    nodeId: t.id({ description: 'Global ID of the node.', resolve: (e) => encodeGlobalID('ChainNode', e.nodeId) }),
    supplierId: t.id({
      description: 'Global ID of the supplier.',
      resolve: (e) => encodeGlobalID('Supplier', e.supplierId),
    }),
    share: t.exposeFloat('share', { description: 'Percent of the node’s supply (not normalised).' }),
    reporters: t.exposeInt('reporters', { description: 'How many firms reported this link.' }),
  }),
});

const GraphCountryRef = builder.objectRef<GraphCountry>('DependencyGraphCountry').implement({
  description: 'A country the chain’s suppliers are in.',
  fields: (t) => ({
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 country code.' }),
    suppliers: t.exposeInt('suppliers', { description: 'Suppliers of the chain in this country.' }),
    nodes: t.exposeInt('nodes', { description: 'Nodes supplied from this country.' }),
  }),
});

const DependencyGraphRef = builder.objectRef<DependencyGraph>('DependencyGraph').implement({
  description: 'A chain’s dependency graph as data to draw: the node tree, suppliers, countries and shares.',
  fields: (t) => ({
    chain: t.id({ description: 'Global ID of the chain.', resolve: (g) => encodeGlobalID('IndustryChain', g.chainId) }),
    nodes: t.field({ type: [GraphNodeRef], description: 'Every node, shallowest first.', resolve: (g) => g.nodes }),
    suppliers: t.field({
      type: [GraphSupplierRef],
      description: 'Suppliers with a current link, by name.',
      resolve: (g) => g.suppliers,
    }),
    edges: t.field({ type: [GraphEdgeRef], description: 'Supplier → node edges.', resolve: (g) => g.edges }),
    countries: t.field({ type: [GraphCountryRef], description: 'Countries, by code.', resolve: (g) => g.countries }),
  }),
});

builder.queryField('dependencyGraphReport', (t) =>
  t.field({
    type: DependencyGraphRef,
    description: 'Office staff and auditors: a chain’s nodes, current suppliers and shares, for drawing.',
    errors: reportErrors,
    args: { chainCode: t.arg.string({ required: true, description: 'The chain’s code, e.g. IC.' }) },
    resolve: (_root, args, ctx) => dependencyGraph(ctx.db, ctx.actor!, args.chainCode, ctx.now),
  }),
);

// ---- annual report ------------------------------------------------------------------------------

const OutcomeCountRef = builder.objectRef<{ outcome: DecisionOutcome; decisions: number }>('OutcomeCount').implement({
  description: 'Decisions approved with one outcome.',
  fields: (t) => ({
    outcome: t.field({ type: DecisionOutcomeEnum, description: 'The outcome.', resolve: (o) => o.outcome }),
    decisions: t.exposeInt('decisions', { description: 'How many.' }),
  }),
});

const AppealStateCountRef = builder.objectRef<{ state: string; appeals: number }>('AppealStateCount').implement({
  description: 'Appeals filed in the year that stand in one state now.',
  fields: (t) => ({
    state: t.exposeString('state', { description: 'An AppealState value, e.g. UPHELD or VARIED.' }),
    appeals: t.exposeInt('appeals', { description: 'How many.' }),
  }),
});

const PhaseDurationRef = builder
  .objectRef<{ phase: ClockPhase; clocks: number; medianWorkingDays: number }>('PhaseDuration')
  .implement({
    description: 'How long a case phase took: its clocks that stopped in the year, start to stop in working days.',
    fields: (t) => ({
      phase: t.field({ type: ClockPhaseEnum, description: 'The phase.', resolve: (p) => p.phase }),
      clocks: t.exposeInt('clocks', { description: 'Clocks counted.' }),
      medianWorkingDays: t.exposeFloat('medianWorkingDays', {
        description: 'Median working days from start to stop on the regime’s calendar (pauses included).',
      }),
    }),
  });

const AnnualStatisticsRef = builder.objectRef<AnnualStatistics>('AnnualStatistics').implement({
  description: 'The figures of the annual report for one year, over the cases the viewer may read.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year.' }),
    timeZone: t.exposeString('timeZone', { description: 'The time zone the year’s bounds are taken in.' }),
    filings: t.exposeInt('filings', { description: 'Firm filings submitted in the year.' }),
    exOfficioCallIns: t.int({
      description: 'Cases the office opened ex officio in the year.',
      resolve: (s) => s.callIns.exOfficio,
    }),
    referralCallIns: t.int({
      description: 'Cases departments referred in the year.',
      resolve: (s) => s.callIns.referrals,
    }),
    callIns: t.int({
      description: 'Call-ins: ex officio cases and referrals.',
      resolve: (s) => s.callIns.exOfficio + s.callIns.referrals,
    }),
    reviews: t.exposeInt('reviews', { description: 'Cases whose review phase started in the year.' }),
    inDepthReviews: t.exposeInt('inDepthReviews', { description: 'Cases whose in-depth review started in the year.' }),
    outcomes: t.field({
      type: [OutcomeCountRef],
      description: 'Decisions approved in the year, by outcome.',
      resolve: (s) => [...s.outcomes],
    }),
    appealsFiled: t.int({ description: 'Appeals filed in the year.', resolve: (s) => s.appeals.filed }),
    appealsByState: t.field({
      type: [AppealStateCountRef],
      description: 'Those appeals by the state they are in now (their outcome once decided).',
      resolve: (s) => [...s.appeals.byState],
    }),
    phaseDurations: t.field({
      type: [PhaseDurationRef],
      description: 'Median working days per case phase.',
      resolve: (s) => [...s.phaseDurations],
    }),
  }),
});

builder.queryField('annualStatisticsReport', (t) =>
  t.field({
    type: AnnualStatisticsRef,
    description: 'Office staff and auditors: the annual-report statistics of a year.',
    errors: reportErrors,
    args: { year: t.arg.int({ required: true, description: 'The year, e.g. 2026.' }) },
    resolve: (_root, args, ctx) => {
      if (args.year < 2000 || args.year > 2100) throw ValidationError.single('year', 'must be between 2000 and 2100');
      return annualStatistics(ctx.db, ctx.actor!, args.year);
    },
  }),
);
