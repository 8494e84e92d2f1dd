/**
 * The knowledge base in the authorisation matrix: its targets (seeded objects, by name) and how a
 * create or update row is tried through the API. Each allowed change gets names of its own, so rows
 * never collide with each other.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { industryCommittees, keyTechnologies, suppliers, supplyLinks } from '../../db/schema/knowledge.ts';
import { organizations } from '../../db/schema/organizations.ts';
import type { Kind, MatrixRow } from '../authorization/matrix.ts';
import type { TestDatabase } from '../support/test-database.ts';
import type { TestServer } from '../support/test-server.ts';

export const knowledgeKinds: readonly Kind[] = [
  'IndustryChain',
  'ChainNode',
  'Supplier',
  'SupplyLink',
  'IndustryCommittee',
  'KeyTechnology',
];

/** What an allowed change answers with: the object itself. */
export const knowledgePayloads: Partial<Record<Kind, string>> = Object.fromEntries(knowledgeKinds.map((k) => [k, k]));

/** `supplier:JSR`, `link:HUAXIN@PHOTORESIST` (Huaxin's JSR link), `IC-COMMITTEE`, `key-technology:EUV`. */
export async function prepareKnowledgeTargets(database: TestDatabase): Promise<Record<string, string>> {
  const [jsr] = await database.db.select().from(suppliers).where(eq(suppliers.name, 'JSR Corporation'));
  const [huaxin] = await database.db.select().from(organizations).where(eq(organizations.code, 'HUAXIN-IC'));
  const [link] = await database.db
    .select()
    .from(supplyLinks)
    .where(and(eq(supplyLinks.supplierId, jsr!.id), eq(supplyLinks.reportedByOrganizationId, huaxin!.id)));
  const [committee] = await database.db
    .select()
    .from(industryCommittees)
    .where(eq(industryCommittees.code, 'IC-COMMITTEE'));
  const [euv] = await database.db.select().from(keyTechnologies).where(eq(keyTechnologies.name, 'EUV lithography'));
  return {
    'supplier:JSR': jsr!.id,
    'link:HUAXIN@PHOTORESIST': link!.id,
    'IC-COMMITTEE': committee!.id,
    'key-technology:EUV': euv!.id,
    'organization:HUAXIN-IC': huaxin!.id,
  };
}

let serial = 0;

/**
 * Tries the row's change as its persona and returns the answer's typename. Create rows: a new chain,
 * node (under IC), supplier, link (reported for Huaxin), committee (led by MIIT) or key technology (on
 * IC-COMMITTEE's list). Update rows: the target's share or strategic value, at its current version.
 */
export async function tryKnowledgeChange(
  row: MatrixRow,
  server: TestServer,
  headers: Record<string, string>,
  database: TestDatabase,
  ids: Record<string, string>,
): Promise<string> {
  serial += 1;
  const gid = (type: string, id: string) => encodeGlobalID(type, id);
  const [ic] = await database.db.query.industryChains.findMany({ where: { code: 'IC' } });
  const photoresist = await database.db.query.chainNodes.findFirst({ where: { code: 'PHOTORESIST' } });
  const [miit] = await database.db.select().from(organizations).where(eq(organizations.code, 'MIIT'));
  const [sumco] = await database.db.select().from(suppliers).where(eq(suppliers.name, 'SUMCO'));
  const call = async (field: string, inputType: string, input: Record<string, unknown>) => {
    const result = await server.graphql<Record<string, { __typename: string }>>(
      `mutation($input: ${inputType}!) { ${field}(input: $input) { __typename } }`,
      { input },
      headers,
    );
    expect(result.errors).toBeUndefined();
    return result.data![field]!.__typename;
  };
  if (row.action === 'update') {
    if (row.kind === 'SupplyLink') {
      const [link] = await database.db.select().from(supplyLinks).where(eq(supplyLinks.id, ids[row.target]!));
      return call('updateSupplyLink', 'UpdateSupplyLinkInput', {
        linkId: gid('SupplyLink', link!.id),
        expectedVersion: link!.version,
        share: link!.share,
      });
    }
    if (row.kind === 'KeyTechnology') {
      const [technology] = await database.db
        .select()
        .from(keyTechnologies)
        .where(eq(keyTechnologies.id, ids[row.target]!));
      return call('updateKeyTechnology', 'UpdateKeyTechnologyInput', {
        keyTechnologyId: gid('KeyTechnology', technology!.id),
        expectedVersion: technology!.version,
        strategicValue: technology!.strategicValue,
      });
    }
    throw new Error(`no update row for ${row.kind}`);
  }
  switch (row.kind) {
    case 'IndustryChain':
      return call('createIndustryChain', 'CreateIndustryChainInput', {
        code: `MATRIX-${serial}`,
        name: 'Matrix chain',
      });
    case 'ChainNode':
      return call('addChainNode', 'AddChainNodeInput', {
        chainId: gid('IndustryChain', ic!.id),
        code: `MATRIX-${serial}`,
        name: 'Matrix node',
      });
    case 'Supplier':
      return call('registerSupplier', 'RegisterSupplierInput', { name: `Matrix supplier ${serial}`, country: 'DE' });
    case 'SupplyLink':
      return call('reportSupplyLink', 'ReportSupplyLinkInput', {
        nodeId: gid('ChainNode', photoresist!.id),
        supplierId: gid('Supplier', sumco!.id),
        share: 5,
        reportedByOrganizationId: gid('Organization', ids[row.target]!),
      });
    case 'IndustryCommittee':
      return call('createIndustryCommittee', 'CreateIndustryCommitteeInput', {
        code: `MATRIX-${serial}`,
        name: 'Matrix committee',
        leadDepartmentId: gid('Organization', miit!.id),
      });
    case 'KeyTechnology':
      return call('addKeyTechnology', 'AddKeyTechnologyInput', {
        nodeId: gid('ChainNode', photoresist!.id),
        committeeId: gid('IndustryCommittee', ids[row.target]!),
        name: `Matrix technology ${serial}`,
        maturity: 'MATURE',
        generality: 3,
        strategicValue: 3,
        priority: 5,
        strategyClass: 'ASYMMETRIC_ADVANTAGE',
      });
    default:
      throw new Error(`no create row for ${row.kind}`);
  }
}
