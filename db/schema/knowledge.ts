/** The industry-chain knowledge base the risk policy reads (design §6). */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  char,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, lockVersion, updatedAt } from './columns.ts';
import { technologyMaturity, technologyStrategyClass } from './enums.ts';
import { organizations } from './organizations.ts';

export const industryChains = pgTable(
  'industry_chains',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameZh: text('name_zh'),
    description: text('description'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [uniqueIndex('industry_chains_code_key').on(t.code)],
);

/** Nodes form a tree under their chain: segment → node (e.g. materials → photoresist). */
export const chainNodes = pgTable(
  'chain_nodes',
  {
    id: id(),
    chainId: uuid('chain_id')
      .notNull()
      .references(() => industryChains.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => chainNodes.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameZh: text('name_zh'),
    description: text('description'),
    /** Depth below the chain: 1 for a segment, 2 and more for nodes. Kept by the domain functions. */
    depth: integer('depth').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    uniqueIndex('chain_nodes_chain_code_key').on(t.chainId, t.code),
    index('chain_nodes_parent_idx').on(t.parentId),
    check('chain_nodes_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
    check('chain_nodes_depth_positive', sql`${t.depth} >= 1`),
  ],
);

/** A supplier of a node: one of our firms, or an external company known only by name and country. */
export const suppliers = pgTable(
  'suppliers',
  {
    id: id(),
    name: text('name').notNull(),
    /** ISO 3166-1 alpha-2; the policy compares it with the deployment's home country. */
    country: char('country', { length: 2 }).notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    uniqueIndex('suppliers_name_country_key').on(sql`lower(${t.name})`, t.country),
    index('suppliers_organization_idx').on(t.organizationId),
    check('suppliers_country_format', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

/** Node ← supplier with a share of supply; each link remembers who reported it (design §6). */
export const supplyLinks = pgTable(
  'supply_links',
  {
    id: id(),
    nodeId: uuid('node_id')
      .notNull()
      .references(() => chainNodes.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    /** Percentage of the node's supply, 0 < share ≤ 100. */
    share: numeric('share', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    since: date('since', { mode: 'string' }),
    until: date('until', { mode: 'string' }),
    reportedByOrganizationId: uuid('reported_by_organization_id')
      .notNull()
      .references(() => organizations.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    uniqueIndex('supply_links_reporter_node_supplier_key').on(t.reportedByOrganizationId, t.nodeId, t.supplierId),
    index('supply_links_node_idx').on(t.nodeId),
    index('supply_links_supplier_idx').on(t.supplierId),
    check('supply_links_share_range', sql`${t.share} > 0 and ${t.share} <= 100`),
    check('supply_links_period', sql`${t.until} is null or ${t.since} is null or ${t.until} >= ${t.since}`),
  ],
);

/** Per-industry committees, each led by a department, own their part of the key-technology list. */
export const industryCommittees = pgTable(
  'industry_committees',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameZh: text('name_zh'),
    leadDepartmentId: uuid('lead_department_id')
      .notNull()
      .references(() => organizations.id),
    chainId: uuid('chain_id').references(() => industryChains.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    uniqueIndex('industry_committees_code_key').on(t.code),
    index('industry_committees_lead_department_idx').on(t.leadDepartmentId),
    index('industry_committees_chain_idx').on(t.chainId),
  ],
);

/** The key core technology list 关键核心技术清单 (seed digest §5). */
export const keyTechnologies = pgTable(
  'key_technologies',
  {
    id: id(),
    nodeId: uuid('node_id')
      .notNull()
      .references(() => chainNodes.id),
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => industryCommittees.id),
    name: text('name').notNull(),
    nameZh: text('name_zh'),
    maturity: technologyMaturity('maturity').notNull(),
    /** 1 (specialised) – 5 (general-purpose). */
    generality: integer('generality').notNull(),
    /** 1 – 5. */
    strategicValue: integer('strategic_value').notNull(),
    /** 1 is the highest priority. */
    priority: integer('priority').notNull(),
    strategyClass: technologyStrategyClass('strategy_class').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    uniqueIndex('key_technologies_node_name_key').on(t.nodeId, t.name),
    index('key_technologies_committee_idx').on(t.committeeId),
    check('key_technologies_generality_range', sql`${t.generality} between 1 and 5`),
    check('key_technologies_strategic_value_range', sql`${t.strategicValue} between 1 and 5`),
    check('key_technologies_priority_positive', sql`${t.priority} >= 1`),
  ],
);
