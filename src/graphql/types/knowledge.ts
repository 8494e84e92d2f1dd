/**
 * The industry-chain knowledge base (design §6): chains, their node tree with each node's supply
 * metrics, suppliers, supply links, committees and the key-technology list.
 *
 * Read rights: every signed-in member reads chains, nodes, suppliers, committees and key
 * technologies (reference data everyone reports against). Supply links are what firms report in
 * confidence: the office and auditors read them all, a firm the links it reported, nobody else.
 * Node metrics aggregate those links: the office, auditors and departments read them; firms,
 * institutes and administrators read null.
 */
import DataLoader from 'dataloader';
import { and, eq, ilike, type SQL } from 'drizzle-orm';
import { suppliers, type supplyLinks } from '../../../db/schema/knowledge.ts';
import type { NodeMetrics } from '../../../policies/node-metrics.ts';
import { loadNodeMetrics } from '../../domain/knowledge/node-metrics.ts';
import { supplierSubjectFields, supplyLinkSubjectFields } from '../../domain/knowledge/subject-fields.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { readableWhere } from '../visibility.ts';
import { TechnologyMaturityEnum, TechnologyStrategyClassEnum } from './enums.ts';

const metricsLoaders = new WeakMap<GraphQLContext, DataLoader<string, NodeMetrics | undefined>>();

/** One loader per request: every node of a page gets its metrics from one query. */
export function nodeMetricsLoader(ctx: GraphQLContext): DataLoader<string, NodeMetrics | undefined> {
  let loader = metricsLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const metrics = await loadNodeMetrics(ctx.db, ids, ctx.homeCountry, ctx.now);
      return ids.map((id) => metrics.get(id));
    });
    metricsLoaders.set(ctx, loader);
  }
  return loader;
}

const readableLinks = (ctx: GraphQLContext) => ({
  RAW: (table: unknown) => readableWhere(ctx, 'SupplyLink', supplyLinkSubjectFields(table as typeof supplyLinks)),
});

export const NodeMetricsRef = builder.objectRef<NodeMetrics & { homeCountry: string }>('NodeMetrics').implement({
  description:
    'What the knowledge base knows about a node’s supply today, from the links current at the request’s instant. ' +
    'Several reporters’ shares for a supplier are averaged; shares that do not sum to 100 are normalised.',
  fields: (t) => ({
    supplierCount: t.exposeInt('supplierCount', { description: 'Distinct suppliers with a current link.' }),
    concentration: t.exposeFloat('concentration', {
      nullable: true,
      description: 'Herfindahl–Hirschman index over normalised shares, 0–10,000; null without suppliers.',
    }),
    foreignShare: t.exposeFloat('foreignShare', {
      nullable: true,
      description: 'Percent of supply from outside the home country (normalised); null without suppliers.',
    }),
    singleSource: t.exposeBoolean('singleSource', { description: 'Exactly one supplier.' }),
    countries: t.exposeStringList('countries', {
      description: 'ISO 3166-1 alpha-2 codes of the suppliers’ countries, sorted.',
    }),
    reportedShareTotal: t.exposeFloat('reportedShareTotal', {
      description: 'Sum of the suppliers’ shares before normalisation (percent).',
    }),
    normalised: t.exposeBoolean('normalised', {
      description: 'True when the reported shares did not sum to 100 and were scaled to 100.',
    }),
    homeCountry: t.exposeString('homeCountry', { description: 'The country foreign share is measured against.' }),
  }),
});

export const IndustryChainRef = builder.drizzleNode('industryChains', {
  name: 'IndustryChain',
  description: 'An industry chain, e.g. integrated circuits 集成电路, split into a tree of nodes.',
  id: { column: (c) => c.id, description: 'Global ID of the chain.' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Short stable code, e.g. IC.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameZh: t.exposeString('nameZh', { nullable: true, description: 'Name in Chinese.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the chain covers.' }),
    version: t.exposeInt('version', { description: 'Version for optimistic concurrency (send as expectedVersion).' }),
    segments: t.relation('nodes', {
      description: 'The top-level segments of the chain (nodes without a parent).',
      query: { where: { parentId: { isNull: true } }, orderBy: { code: 'asc' } },
    }),
    nodes: t.relatedConnection('nodes', {
      description: 'Every node of the chain, shallowest first, then by code (for drawing the whole tree).',
      query: { orderBy: { depth: 'asc', code: 'asc' } },
      totalCount: true,
    }),
    committees: t.relation('committees', {
      description: 'The industry committees that maintain this chain’s key technologies.',
      query: { orderBy: { code: 'asc' } },
    }),
  }),
});

export const ChainNodeRef = builder.drizzleNode('chainNodes', {
  name: 'ChainNode',
  description: 'A segment or node of an industry chain, e.g. materials → photoresist.',
  id: { column: (n) => n.id, description: 'Global ID of the node.' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code, unique within the chain.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameZh: t.exposeString('nameZh', { nullable: true, description: 'Name in Chinese.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the node covers.' }),
    depth: t.exposeInt('depth', { description: '1 for a segment, 2 and more for nodes below it.' }),
    version: t.exposeInt('version', { description: 'Version for optimistic concurrency (send as expectedVersion).' }),
    chain: t.relation('chain', { description: 'The chain this node belongs to.' }),
    parent: t.relation('parent', { nullable: true, description: 'The node above this one; null for a segment.' }),
    children: t.relation('children', {
      description: 'The nodes directly below this one.',
      query: { orderBy: { code: 'asc' } },
    }),
    metrics: t.field({
      type: NodeMetricsRef,
      nullable: true,
      description:
        'Supply metrics (suppliers, HHI, foreign share, single source, countries) from the current links; ' +
        'null for callers who may not read them (firms, institutes, administrators).',
      resolve: async (node, _args, ctx) => {
        const metrics = await nodeMetricsLoader(ctx).load(node.id);
        return metrics ? { ...metrics, homeCountry: ctx.homeCountry } : null;
      },
    }),
    supplyLinks: t.relatedConnection('supplyLinks', {
      description: 'The supply links of this node the caller may read, largest share first.',
      query: (_args, ctx) => ({ where: readableLinks(ctx), orderBy: { share: 'desc' } }),
      totalCount: true,
    }),
    keyTechnologies: t.relation('keyTechnologies', {
      description: 'Key core technologies listed on this node, highest priority first.',
      query: { orderBy: { priority: 'asc', name: 'asc' } },
    }),
  }),
});

export const SupplierRef = builder.drizzleNode('suppliers', {
  name: 'Supplier',
  description: 'A supplier of chain nodes: one of our firms, or an external company known by name and country.',
  id: { column: (s) => s.id, description: 'Global ID of the supplier.' },
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Company name (unique with the country, ignoring case).' }),
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 country code.' }),
    version: t.exposeInt('version', { description: 'Version for optimistic concurrency (send as expectedVersion).' }),
    organization: t.relation('organization', {
      nullable: true,
      description: 'The firm this supplier is, when it is one of the deployment’s organisations.',
    }),
    supplyLinks: t.relatedConnection('supplyLinks', {
      description: 'The supply links naming this supplier that the caller may read.',
      query: (_args, ctx) => ({ where: readableLinks(ctx), orderBy: { share: 'desc' } }),
      totalCount: true,
    }),
  }),
});

export const SupplyLinkRef = builder.drizzleNode('supplyLinks', {
  name: 'SupplyLink',
  description: 'A supplier’s share of a node’s supply, as one firm reported it.',
  id: { column: (l) => l.id, description: 'Global ID of the link.' },
  fields: (t) => ({
    node: t.relation('node', { description: 'The node supplied.' }),
    supplier: t.relation('supplier', { description: 'The supplier.' }),
    share: t.exposeFloat('share', { description: 'Percent of the node’s supply (0 < share ≤ 100).' }),
    since: t.expose('since', { type: 'Date', nullable: true, description: 'First day of supply; null if unknown.' }),
    until: t.expose('until', { type: 'Date', nullable: true, description: 'Last day of supply; null while ongoing.' }),
    current: t.boolean({
      description: 'Whether the link is in force at the request’s instant (and so counts in the metrics).',
      resolve: (l, _args, ctx) => {
        const day = ctx.now.toISOString().slice(0, 10);
        return (l.since === null || l.since <= day) && (l.until === null || l.until >= day);
      },
    }),
    reportedBy: t.relation('reportedBy', { description: 'The firm that reported the link.' }),
    version: t.exposeInt('version', { description: 'Version for optimistic concurrency (send as expectedVersion).' }),
  }),
});

export const IndustryCommitteeRef = builder.drizzleNode('industryCommittees', {
  name: 'IndustryCommittee',
  description: 'A per-industry committee, led by a department, that maintains its part of the key-technology list.',
  id: { column: (c) => c.id, description: 'Global ID of the committee.' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Short stable code.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameZh: t.exposeString('nameZh', { nullable: true, description: 'Name in Chinese.' }),
    version: t.exposeInt('version', { description: 'Version for optimistic concurrency (send as expectedVersion).' }),
    leadDepartment: t.relation('leadDepartment', {
      description: 'The department that leads the committee; its liaisons edit the committee’s list.',
    }),
    chain: t.relation('chain', { nullable: true, description: 'The chain the committee covers, if one.' }),
    keyTechnologies: t.relation('keyTechnologies', {
      description: 'The committee’s key core technologies, highest priority first.',
      query: { orderBy: { priority: 'asc', name: 'asc' } },
    }),
  }),
});

export const KeyTechnologyRef = builder.drizzleNode('keyTechnologies', {
  name: 'KeyTechnology',
  description: 'An entry of the key core technology list 关键核心技术清单 on a chain node.',
  id: { column: (k) => k.id, description: 'Global ID of the key technology.' },
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name in English (unique on its node).' }),
    nameZh: t.exposeString('nameZh', { nullable: true, description: 'Name in Chinese.' }),
    maturity: t.expose('maturity', { type: TechnologyMaturityEnum, description: 'Mature or emerging.' }),
    generality: t.exposeInt('generality', { description: '1 (specialised) – 5 (general-purpose).' }),
    strategicValue: t.exposeInt('strategicValue', { description: 'Strategic value, 1 – 5.' }),
    priority: t.exposeInt('priority', { description: 'Priority on the list; 1 is the highest.' }),
    strategyClass: t.expose('strategyClass', {
      type: TechnologyStrategyClassEnum,
      description: 'Gradient-cultivation class: leadership, domestic substitution or asymmetric advantage.',
    }),
    version: t.exposeInt('version', { description: 'Version for optimistic concurrency (send as expectedVersion).' }),
    node: t.relation('node', { description: 'The node the technology sits on.' }),
    committee: t.relation('committee', { description: 'The committee that lists it.' }),
  }),
});

builder.queryField('industryChains', (t) =>
  t.drizzleField({
    type: ['industryChains'],
    description: 'All industry chains in the knowledge base.',
    resolve: (query, _parent, _args, ctx) => ctx.db.query.industryChains.findMany(query({ orderBy: { code: 'asc' } })),
  }),
);

builder.queryField('industryChain', (t) =>
  t.drizzleField({
    type: 'industryChains',
    nullable: true,
    description: 'The industry chain with this code; null if there is none.',
    args: { code: t.arg.string({ required: true, description: 'The chain’s code, e.g. IC.' }) },
    resolve: (query, _parent, args, ctx) =>
      ctx.db.query.industryChains.findFirst(query({ where: { code: args.code } })).then((c) => c ?? null),
  }),
);

const SupplierFilter = builder.inputType('SupplierFilter', {
  description: 'Conditions on suppliers; all given ones must hold.',
  fields: (t) => ({
    nameContains: t.string({ required: false, description: 'Part of the name, ignoring case.' }),
    country: t.string({ required: false, description: 'ISO 3166-1 alpha-2 country code.' }),
  }),
});

function supplierConditions(
  ctx: GraphQLContext,
  table: typeof suppliers,
  filter: { nameContains?: string | null; country?: string | null } | null | undefined,
): SQL {
  const escaped = filter?.nameContains?.replace(/[\\%_]/g, (c) => `\\${c}`);
  return and(
    readableWhere(ctx, 'Supplier', supplierSubjectFields(table)),
    escaped ? ilike(table.name, `%${escaped}%`) : undefined,
    filter?.country ? eq(table.country, filter.country.toUpperCase()) : undefined,
  )!;
}

builder.queryField('suppliers', (t) =>
  t.drizzleConnection({
    type: 'suppliers',
    description: 'Suppliers in the knowledge base, by name.',
    args: { filter: t.arg({ type: SupplierFilter, required: false, description: 'Conditions on the suppliers.' }) },
    totalCount: (_parent, args, ctx) => ctx.db.$count(suppliers, supplierConditions(ctx, suppliers, args.filter)),
    resolve: (query, _parent, args, ctx) =>
      ctx.db.query.suppliers.findMany(
        query({
          where: { RAW: (table) => supplierConditions(ctx, table as unknown as typeof suppliers, args.filter) },
          orderBy: { name: 'asc' },
        }),
      ),
  }),
);

builder.queryField('industryCommittees', (t) =>
  t.drizzleField({
    type: ['industryCommittees'],
    description: 'All industry committees, by code.',
    resolve: (query, _parent, _args, ctx) =>
      ctx.db.query.industryCommittees.findMany(query({ orderBy: { code: 'asc' } })),
  }),
);
