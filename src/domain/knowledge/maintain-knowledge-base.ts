/**
 * Changing the knowledge base after it is built (design §6): renaming, moving nodes in the tree,
 * correcting suppliers, links, committees and key technologies. Every change checks the version the
 * caller read, is allowed by policies/ability.ts and is recorded on the admin audit chain.
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
import { selectRows, type Tx } from '../../database/database.ts';
import { assertCan } from '../access/authorize.ts';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../errors.ts';
import { isUniqueViolation, parseInput } from '../validation.ts';
import { audit, code, country, description, name } from './build-knowledge-base.ts';

const expectedVersion = z.number().int().min(1);

function assertVersion(current: { version: number }, expected: number) {
  if (current.version !== expected) throw new StaleVersionError(current.version);
}

/** Only the fields the caller sent; `null` clears an optional one. */
function changes<T extends Record<string, unknown>>(data: T, keys: readonly (keyof T)[]) {
  const set: Record<string, unknown> = {};
  for (const key of keys) if (data[key] !== undefined) set[key as string] = data[key];
  return set;
}

export const ZUpdateIndustryChainInput = z.object({
  chainId: z.uuid(),
  expectedVersion,
  name: name.optional(),
  nameZh: name.nullable().optional(),
  description: description.nullable().optional(),
});

export async function updateIndustryChain(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZUpdateIndustryChainInput>,
  now: Date,
) {
  const data = parseInput(ZUpdateIndustryChainInput, input);
  const [current] = await tx.select().from(industryChains).where(eq(industryChains.id, data.chainId)).for('update');
  if (!current) throw new NotFoundError('IndustryChain');
  assertCan(actor, 'update', 'IndustryChain', current);
  assertVersion(current, data.expectedVersion);
  const set = changes(data, ['name', 'nameZh', 'description']);
  const [row] = await tx
    .update(industryChains)
    .set({ ...set, updatedAt: now, version: current.version + 1 })
    .where(eq(industryChains.id, current.id))
    .returning();
  await audit(tx, actor, 'industry_chain.updated', 'IndustryChain', current.id, set, now);
  return row!;
}

export const ZUpdateChainNodeInput = z.object({
  nodeId: z.uuid(),
  expectedVersion,
  code: code.optional(),
  name: name.optional(),
  nameZh: name.nullable().optional(),
  description: description.nullable().optional(),
});

export async function updateChainNode(tx: Tx, actor: Actor, input: z.input<typeof ZUpdateChainNodeInput>, now: Date) {
  const data = parseInput(ZUpdateChainNodeInput, input);
  const current = await lockNode(tx, data.nodeId);
  assertCan(actor, 'update', 'ChainNode', current);
  assertVersion(current, data.expectedVersion);
  const set = changes(data, ['code', 'name', 'nameZh', 'description']);
  try {
    const [row] = await tx
      .update(chainNodes)
      .set({ ...set, updatedAt: now, version: current.version + 1 })
      .where(eq(chainNodes.id, current.id))
      .returning();
    await audit(tx, actor, 'chain_node.updated', 'ChainNode', current.id, set, now);
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`node ${data.code} exists in this chain`);
    throw error;
  }
}

async function lockNode(tx: Tx, nodeId: string) {
  const [node] = await tx.select().from(chainNodes).where(eq(chainNodes.id, nodeId)).for('update');
  if (!node) throw new NotFoundError('ChainNode');
  return node;
}

export const ZMoveChainNodeInput = z.object({
  nodeId: z.uuid(),
  expectedVersion,
  /** Null makes the node a top-level segment of its chain. */
  newParentId: z.uuid().nullable(),
});

/**
 * Moves a node (with everything below it) under another node of the same chain, or to the top.
 * The depth of the whole subtree follows; a node cannot move below itself.
 */
export async function moveChainNode(tx: Tx, actor: Actor, input: z.input<typeof ZMoveChainNodeInput>, now: Date) {
  const data = parseInput(ZMoveChainNodeInput, input);
  const current = await lockNode(tx, data.nodeId);
  assertCan(actor, 'update', 'ChainNode', current);
  assertVersion(current, data.expectedVersion);
  let depth = 1;
  if (data.newParentId) {
    const [parent] = await tx.select().from(chainNodes).where(eq(chainNodes.id, data.newParentId));
    if (!parent || parent.chainId !== current.chainId) {
      throw ValidationError.single('newParentId', 'must be a node of the same chain');
    }
    const [inSubtree] = await selectRows<{ found: boolean }>(
      tx,
      sql`with recursive subtree(id) as (
            select ${current.id}::uuid
            union all
            select n.id from ${chainNodes} n join subtree s on n.parent_id = s.id
          )
          select exists (select 1 from subtree where id = ${parent.id}::uuid) as found`,
    );
    if (inSubtree?.found) throw ValidationError.single('newParentId', 'must not be the node itself or below it');
    depth = parent.depth + 1;
  }
  const shift = depth - current.depth;
  // The descendants keep their place under the node; only their depth moves with it.
  await tx.execute(
    sql`with recursive subtree(id) as (
          select n.id from ${chainNodes} n where n.parent_id = ${current.id}::uuid
          union all
          select n.id from ${chainNodes} n join subtree s on n.parent_id = s.id
        )
        update ${chainNodes} set depth = depth + ${shift}::int, updated_at = ${now.toISOString()}::timestamptz
        where id in (select id from subtree)`,
  );
  const [row] = await tx
    .update(chainNodes)
    .set({ parentId: data.newParentId, depth, updatedAt: now, version: current.version + 1 })
    .where(eq(chainNodes.id, current.id))
    .returning();
  await audit(
    tx,
    actor,
    'chain_node.moved',
    'ChainNode',
    current.id,
    { fromParentId: current.parentId, toParentId: data.newParentId, depth },
    now,
  );
  return row!;
}

export const ZUpdateSupplierInput = z.object({
  supplierId: z.uuid(),
  expectedVersion,
  name: name.optional(),
  country: country.optional(),
  organizationId: z.uuid().nullable().optional(),
});

export async function updateSupplier(tx: Tx, actor: Actor, input: z.input<typeof ZUpdateSupplierInput>, now: Date) {
  const data = parseInput(ZUpdateSupplierInput, input);
  const [current] = await tx.select().from(suppliers).where(eq(suppliers.id, data.supplierId)).for('update');
  if (!current) throw new NotFoundError('Supplier');
  assertCan(actor, 'update', 'Supplier', current);
  assertVersion(current, data.expectedVersion);
  if (data.organizationId) {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, data.organizationId));
    if (org?.kind !== 'FIRM') throw ValidationError.single('organizationId', 'must be a firm');
  }
  const set = changes(data, ['name', 'country', 'organizationId']);
  try {
    const [row] = await tx
      .update(suppliers)
      .set({ ...set, updatedAt: now, version: current.version + 1 })
      .where(eq(suppliers.id, current.id))
      .returning();
    await audit(tx, actor, 'supplier.updated', 'Supplier', current.id, set, now);
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('a supplier with this name and country exists');
    throw error;
  }
}

/** A link the actor may read, locked; one they may not read is not found. */
async function lockLinkFor(tx: Tx, actor: Actor, linkId: string) {
  const [link] = await tx.select().from(supplyLinks).where(eq(supplyLinks.id, linkId)).for('update');
  if (!link) throw new NotFoundError('SupplyLink');
  try {
    assertCan(actor, 'read', 'SupplyLink', link);
  } catch {
    throw new NotFoundError('SupplyLink');
  }
  assertCan(actor, 'update', 'SupplyLink', link);
  return link;
}

export const ZUpdateSupplyLinkInput = z.object({
  linkId: z.uuid(),
  expectedVersion,
  share: z.number().gt(0, 'must be above 0').max(100, 'must be at most 100').optional(),
  since: z.iso.date().nullable().optional(),
  until: z.iso.date().nullable().optional(),
});

export async function updateSupplyLink(tx: Tx, actor: Actor, input: z.input<typeof ZUpdateSupplyLinkInput>, now: Date) {
  const data = parseInput(ZUpdateSupplyLinkInput, input);
  const current = await lockLinkFor(tx, actor, data.linkId);
  assertVersion(current, data.expectedVersion);
  const since = data.since === undefined ? current.since : data.since;
  const until = data.until === undefined ? current.until : data.until;
  if (since && until && until < since) throw ValidationError.single('until', 'must not be before since');
  const set = changes(data, ['share', 'since', 'until']);
  const [row] = await tx
    .update(supplyLinks)
    .set({ ...set, updatedAt: now, version: current.version + 1 })
    .where(eq(supplyLinks.id, current.id))
    .returning();
  await audit(tx, actor, 'supply_link.updated', 'SupplyLink', current.id, set, now);
  return row!;
}

export const ZRemoveSupplyLinkInput = z.object({ linkId: z.uuid(), expectedVersion });

/** Removes a link (the audit entry keeps what it said). */
export async function removeSupplyLink(tx: Tx, actor: Actor, input: z.input<typeof ZRemoveSupplyLinkInput>, now: Date) {
  const data = parseInput(ZRemoveSupplyLinkInput, input);
  const current = await lockLinkFor(tx, actor, data.linkId);
  assertVersion(current, data.expectedVersion);
  await tx.delete(supplyLinks).where(eq(supplyLinks.id, current.id));
  await audit(tx, actor, 'supply_link.removed', 'SupplyLink', current.id, { before: current }, now);
  return current;
}

export const ZUpdateIndustryCommitteeInput = z.object({
  committeeId: z.uuid(),
  expectedVersion,
  name: name.optional(),
  nameZh: name.nullable().optional(),
  leadDepartmentId: z.uuid().optional(),
  chainId: z.uuid().nullable().optional(),
});

export async function updateIndustryCommittee(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZUpdateIndustryCommitteeInput>,
  now: Date,
) {
  const data = parseInput(ZUpdateIndustryCommitteeInput, input);
  const [current] = await tx
    .select()
    .from(industryCommittees)
    .where(eq(industryCommittees.id, data.committeeId))
    .for('update');
  if (!current) throw new NotFoundError('IndustryCommittee');
  assertCan(actor, 'update', 'IndustryCommittee', current);
  assertVersion(current, data.expectedVersion);
  if (data.leadDepartmentId) {
    const [department] = await tx.select().from(organizations).where(eq(organizations.id, data.leadDepartmentId));
    if (department?.kind !== 'DEPARTMENT') {
      throw ValidationError.single('leadDepartmentId', 'must be a member department');
    }
  }
  if (data.chainId) {
    const [chain] = await tx.select().from(industryChains).where(eq(industryChains.id, data.chainId));
    if (!chain) throw ValidationError.single('chainId', 'must be an industry chain');
  }
  const set = changes(data, ['name', 'nameZh', 'leadDepartmentId', 'chainId']);
  const [row] = await tx
    .update(industryCommittees)
    .set({ ...set, updatedAt: now, version: current.version + 1 })
    .where(eq(industryCommittees.id, current.id))
    .returning();
  await audit(tx, actor, 'industry_committee.updated', 'IndustryCommittee', current.id, set, now);
  return row!;
}

/** A key technology with the lead department of its committee (what the liaison's rule reads). */
async function lockKeyTechnologyFor(tx: Tx, actor: Actor, keyTechnologyId: string) {
  const [found] = await tx
    .select({ row: keyTechnologies, committeeLeadDepartmentId: industryCommittees.leadDepartmentId })
    .from(keyTechnologies)
    .innerJoin(industryCommittees, eq(industryCommittees.id, keyTechnologies.committeeId))
    .where(eq(keyTechnologies.id, keyTechnologyId))
    .for('update', { of: keyTechnologies });
  if (!found) throw new NotFoundError('KeyTechnology');
  assertCan(actor, 'update', 'KeyTechnology', { committeeLeadDepartmentId: found.committeeLeadDepartmentId });
  return found.row;
}

export const ZUpdateKeyTechnologyInput = z.object({
  keyTechnologyId: z.uuid(),
  expectedVersion,
  name: name.optional(),
  nameZh: name.nullable().optional(),
  maturity: z.enum(technologyMaturities).optional(),
  generality: z.number().int().min(1).max(5).optional(),
  strategicValue: z.number().int().min(1).max(5).optional(),
  priority: z.number().int().min(1).optional(),
  strategyClass: z.enum(technologyStrategyClasses).optional(),
});

export async function updateKeyTechnology(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZUpdateKeyTechnologyInput>,
  now: Date,
) {
  const data = parseInput(ZUpdateKeyTechnologyInput, input);
  const current = await lockKeyTechnologyFor(tx, actor, data.keyTechnologyId);
  assertVersion(current, data.expectedVersion);
  const set = changes(data, [
    'name',
    'nameZh',
    'maturity',
    'generality',
    'strategicValue',
    'priority',
    'strategyClass',
  ]);
  try {
    const [row] = await tx
      .update(keyTechnologies)
      .set({ ...set, updatedAt: now, version: current.version + 1 })
      .where(eq(keyTechnologies.id, current.id))
      .returning();
    await audit(tx, actor, 'key_technology.updated', 'KeyTechnology', current.id, set, now);
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`the node already lists a key technology named ${data.name}`);
    throw error;
  }
}

export const ZRemoveKeyTechnologyInput = z.object({ keyTechnologyId: z.uuid(), expectedVersion });

export async function removeKeyTechnology(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZRemoveKeyTechnologyInput>,
  now: Date,
) {
  const data = parseInput(ZRemoveKeyTechnologyInput, input);
  const current = await lockKeyTechnologyFor(tx, actor, data.keyTechnologyId);
  assertVersion(current, data.expectedVersion);
  await tx.delete(keyTechnologies).where(and(eq(keyTechnologies.id, current.id)));
  await audit(tx, actor, 'key_technology.removed', 'KeyTechnology', current.id, { before: current }, now);
  return current;
}
