/**
 * Building the industry-chain knowledge base (design §6): chains, their node tree, suppliers,
 * supply links, committees and the key-technology list. Every change is on the admin chain.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  chainNodes,
  industryChains,
  industryCommittees,
  keyTechnologies,
  suppliers,
  supplyLinks,
} from '../../../db/schema/knowledge.ts';
import { organizations } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { technologyMaturities, technologyStrategyClasses } from '../../../vocabulary/terms.ts';
import type { Tx } from '../../database/database.ts';
import { assertCan } from '../access/authorize.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { isUniqueViolation, parseInput } from '../validation.ts';

/** Field rules shared with the changes in maintain-knowledge-base.ts. */
export const code = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,59}$/, 'must be capital letters, digits, dashes or underscores');
export const name = z.string().trim().min(1).max(200);
export const description = z.string().trim().max(5000);
export const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');

/**
 * Who may add what is in policies/ability.ts (design §6): office case staff everything, administrators
 * the reference data, firms the links they report, a committee's department its key technologies.
 */
export async function audit(
  tx: Tx,
  actor: Actor,
  action: string,
  entityKind: string,
  entityId: string,
  after: unknown,
  now: Date,
) {
  await appendAuditEntry(tx, actor, { chain: adminChain, action, entityKind, entityId, after, occurredAt: now });
}

export const ZCreateIndustryChainInput = z.object({
  code,
  name,
  nameZh: name.optional(),
  description: description.optional(),
});

export async function createIndustryChain(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZCreateIndustryChainInput>,
  now: Date,
) {
  assertCan(actor, 'create', 'IndustryChain');
  const data = parseInput(ZCreateIndustryChainInput, input);
  try {
    const [row] = await tx
      .insert(industryChains)
      .values({ ...data, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, actor, 'industry_chain.created', 'IndustryChain', row!.id, data, now);
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`chain ${data.code} exists`);
    throw error;
  }
}

export const ZAddChainNodeInput = z.object({
  chainId: z.uuid(),
  /** Omit for a top-level segment. */
  parentId: z.uuid().optional(),
  code,
  name,
  nameZh: name.optional(),
  description: description.optional(),
});

/** Adds a node under a chain (a segment) or under another node of the same chain. */
export async function addChainNode(tx: Tx, actor: Actor, input: z.input<typeof ZAddChainNodeInput>, now: Date) {
  assertCan(actor, 'create', 'ChainNode');
  const data = parseInput(ZAddChainNodeInput, input);
  const [chain] = await tx.select().from(industryChains).where(eq(industryChains.id, data.chainId));
  if (!chain) throw new NotFoundError('IndustryChain');
  let depth = 1;
  if (data.parentId) {
    const [parent] = await tx.select().from(chainNodes).where(eq(chainNodes.id, data.parentId));
    if (!parent || parent.chainId !== data.chainId) {
      throw ValidationError.single('parentId', 'must be a node of the same chain');
    }
    depth = parent.depth + 1;
  }
  try {
    const [row] = await tx
      .insert(chainNodes)
      .values({ ...data, parentId: data.parentId ?? null, depth, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, actor, 'chain_node.created', 'ChainNode', row!.id, data, now);
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`node ${data.code} exists in this chain`);
    throw error;
  }
}

export const ZRegisterSupplierInput = z.object({
  name,
  country,
  organizationId: z.uuid().optional(),
});

/** Returns the supplier with this name and country, registering it on first sight. */
export async function registerSupplier(tx: Tx, actor: Actor, input: z.input<typeof ZRegisterSupplierInput>, now: Date) {
  assertCan(actor, 'create', 'Supplier');
  const data = parseInput(ZRegisterSupplierInput, input);
  const [existing] = await tx
    .select()
    .from(suppliers)
    .where(and(sql`lower(${suppliers.name}) = lower(${data.name})`, eq(suppliers.country, data.country)));
  if (existing) return existing;
  if (data.organizationId) {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, data.organizationId));
    if (org?.kind !== 'FIRM') throw ValidationError.single('organizationId', 'must be a firm');
  }
  const [row] = await tx
    .insert(suppliers)
    .values({ ...data, organizationId: data.organizationId ?? null, createdAt: now, updatedAt: now })
    .returning();
  await audit(tx, actor, 'supplier.registered', 'Supplier', row!.id, data, now);
  return row!;
}

export const ZReportSupplyLinkInput = z.object({
  nodeId: z.uuid(),
  supplierId: z.uuid(),
  share: z.number().gt(0, 'must be above 0').max(100, 'must be at most 100'),
  since: z.iso.date().optional(),
  until: z.iso.date().optional(),
  reportedByOrganizationId: z.uuid(),
});

/** Records (or replaces) the share one reporter gives for a supplier of a node. */
export async function reportSupplyLink(tx: Tx, actor: Actor, input: z.input<typeof ZReportSupplyLinkInput>, now: Date) {
  const data = parseInput(ZReportSupplyLinkInput, input);
  assertCan(actor, 'create', 'SupplyLink', { reportedByOrganizationId: data.reportedByOrganizationId });
  if (data.since && data.until && data.until < data.since) {
    throw ValidationError.single('until', 'must not be before since');
  }
  const [node] = await tx.select({ id: chainNodes.id }).from(chainNodes).where(eq(chainNodes.id, data.nodeId));
  if (!node) throw new NotFoundError('ChainNode');
  const [supplier] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, data.supplierId));
  if (!supplier) throw new NotFoundError('Supplier');
  const [reporter] = await tx
    .select({ kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.id, data.reportedByOrganizationId));
  if (reporter?.kind !== 'FIRM') throw ValidationError.single('reportedByOrganizationId', 'must be a firm');
  const [row] = await tx
    .insert(supplyLinks)
    .values({ ...data, since: data.since ?? null, until: data.until ?? null, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [supplyLinks.reportedByOrganizationId, supplyLinks.nodeId, supplyLinks.supplierId],
      set: { share: data.share, since: data.since ?? null, until: data.until ?? null, updatedAt: now },
    })
    .returning();
  await audit(tx, actor, 'supply_link.reported', 'SupplyLink', row!.id, data, now);
  return row!;
}

export const ZCreateIndustryCommitteeInput = z.object({
  code,
  name,
  nameZh: name.optional(),
  leadDepartmentId: z.uuid(),
  chainId: z.uuid().optional(),
});

export async function createIndustryCommittee(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZCreateIndustryCommitteeInput>,
  now: Date,
) {
  assertCan(actor, 'create', 'IndustryCommittee');
  const data = parseInput(ZCreateIndustryCommitteeInput, input);
  const [department] = await tx.select().from(organizations).where(eq(organizations.id, data.leadDepartmentId));
  if (department?.kind !== 'DEPARTMENT') {
    throw ValidationError.single('leadDepartmentId', 'must be a member department');
  }
  if (data.chainId) {
    const [chain] = await tx.select().from(industryChains).where(eq(industryChains.id, data.chainId));
    if (!chain) throw new NotFoundError('IndustryChain');
  }
  const [row] = await tx
    .insert(industryCommittees)
    .values({ ...data, chainId: data.chainId ?? null, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new ConflictError(`committee ${data.code} exists`);
  await audit(tx, actor, 'industry_committee.created', 'IndustryCommittee', row!.id, data, now);
  return row!;
}

export const ZAddKeyTechnologyInput = z.object({
  nodeId: z.uuid(),
  committeeId: z.uuid(),
  name,
  nameZh: name.optional(),
  maturity: z.enum(technologyMaturities),
  generality: z.number().int().min(1).max(5),
  strategicValue: z.number().int().min(1).max(5),
  priority: z.number().int().min(1),
  strategyClass: z.enum(technologyStrategyClasses),
});

export async function addKeyTechnology(tx: Tx, actor: Actor, input: z.input<typeof ZAddKeyTechnologyInput>, now: Date) {
  const data = parseInput(ZAddKeyTechnologyInput, input);
  const [committee] = await tx.select().from(industryCommittees).where(eq(industryCommittees.id, data.committeeId));
  if (!committee) throw new NotFoundError('IndustryCommittee');
  assertCan(actor, 'create', 'KeyTechnology', { committeeLeadDepartmentId: committee.leadDepartmentId });
  const [node] = await tx.select().from(chainNodes).where(eq(chainNodes.id, data.nodeId));
  if (!node) throw new NotFoundError('ChainNode');
  const [row] = await tx
    .insert(keyTechnologies)
    .values({ ...data, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new ConflictError(`the node already lists a key technology named ${data.name}`);
  await audit(tx, actor, 'key_technology.added', 'KeyTechnology', row!.id, data, now);
  return row!;
}
