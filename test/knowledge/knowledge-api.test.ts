/**
 * The knowledge base through GraphQL (issue 7 §1–2, §6 of design): the node tree with metrics,
 * who may change what (firms their own links, a committee's department its key technologies, the
 * office everything, administrators reference data but not links, auditors nothing), versions,
 * validation, the admin audit chain, and the reports with their access rule.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../db/schema/audit.ts';
import { cases } from '../../db/schema/cases.ts';
import { clocks } from '../../db/schema/clocks.ts';
import { chainNodes, keyTechnologies, suppliers } from '../../db/schema/knowledge.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are checked by value, not by static type.
type Answer = any;

let database: TestDatabase;
let server: TestServer;
const org = {} as Record<string, string>;
const node = {} as Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database, { deps: { now: () => SEED_INSTANT } });
  for (const row of await database.db.select().from(organizations)) org[row.code] = row.id;
  for (const row of await database.db.select().from(chainNodes)) node[row.code] = row.id;
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

async function as<T = Answer>(email: string, query: string, variables: Record<string, unknown> = {}) {
  const result = await server.graphql<T>(query, variables, await bearerFor(database, email, SEED_INSTANT));
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const gid = (type: string, id: string) => encodeGlobalID(type, id);
const officer = 'officer@icsr.example';
const huaxin = 'rep@huaxin.example';
const jinghua = 'rep@jinghua.example';
const miit = 'liaison@miit.example';
const mofcom = 'liaison@mofcom.example';
const admin = 'admin@icsr.example';
const auditor = 'auditor@icsr.example';

const treeQuery = `{
  industryChain(code: "IC") {
    code
    segments { code depth children { code depth metrics { supplierCount concentration foreignShare singleSource countries normalised homeCountry } } }
    nodes(first: 100) { totalCount nodes { code } }
  }
}`;

describe('the node tree and its metrics', () => {
  it('shows the office each node’s metrics, computed from the current links', async () => {
    const data = await as(officer, treeQuery);
    const chain = data.industryChain;
    expect(chain.segments.map((s: Answer) => s.code)).toEqual([
      'DESIGN',
      'EQUIPMENT',
      'FABRICATION',
      'MATERIALS',
      'PACKAGING',
    ]);
    const byCode = Object.fromEntries(
      chain.segments.flatMap((s: Answer) => s.children).map((n: Answer) => [n.code, n]),
    );
    // Lithography: ASML (NL) 85, SMEE (CN) 15 → HHI 85² + 15² = 7450, foreign 85.
    expect(byCode.LITHOGRAPHY.metrics).toEqual({
      supplierCount: 2,
      concentration: 7450,
      foreignShare: 85,
      singleSource: false,
      countries: ['CN', 'NL'],
      normalised: false,
      homeCountry: 'CN',
    });
    expect(byCode.LITHOGRAPHY.depth).toBe(2);
    // Analog EDA, reported by Huaxin (70/15/15) and Dongfang (60/30/10): means 65/22.5/12.5.
    expect(byCode['EDA-ANALOG'].metrics).toMatchObject({ concentration: 4887.5, foreignShare: 87.5 });
    expect(chain.nodes.totalCount).toBe(chain.nodes.nodes.length);
  });

  it('gives departments the metrics and firms, institutes and administrators null', async () => {
    const metricsOf = async (email: string) =>
      (
        await as(email, `query($id: ID!) { node(id: $id) { ... on ChainNode { code metrics { supplierCount } } } }`, {
          id: gid('ChainNode', node.PHOTORESIST!),
        })
      ).node;
    expect((await metricsOf(miit)).metrics).toEqual({ supplierCount: 4 });
    expect((await metricsOf(auditor)).metrics).toEqual({ supplierCount: 4 });
    for (const email of [huaxin, admin, 'assessor@ciie.example']) {
      expect(await metricsOf(email)).toEqual({ code: 'PHOTORESIST', metrics: null });
    }
  });

  it('shows a firm only the links it reported, and the office all', async () => {
    const links = async (email: string) =>
      (
        await as(
          email,
          `query($id: ID!) { node(id: $id) { ... on ChainNode { supplyLinks(first: 50) { totalCount nodes { share reportedBy { code } } } } } }`,
          {
            id: gid('ChainNode', node['EDA-ANALOG']!),
          },
        )
      ).node.supplyLinks;
    expect((await links(officer)).totalCount).toBe(6);
    const dongfang = await links('rep@dongfang-eda.example');
    expect(dongfang.totalCount).toBe(3);
    expect(dongfang.nodes.every((l: Answer) => l.reportedBy.code === 'DONGFANG-EDA')).toBe(true);
    const huaxinLinks = await links(huaxin);
    expect(huaxinLinks.totalCount).toBe(3);
    expect(huaxinLinks.nodes.map((l: Answer) => l.share)).toEqual([70, 15, 15]);
    expect((await links(miit)).totalCount).toBe(0);
  });
});

describe('changing the knowledge base', () => {
  const report = `mutation($input: ReportSupplyLinkInput!) {
    reportSupplyLink(input: $input) {
      __typename
      ... on SupplyLink { id share version reportedBy { code } }
      ... on ValidationError { fieldErrors { field message } }
    }
  }`;

  it('lets a firm report and change its own links, and not another firm’s', async () => {
    const [supplier] = await database.db.select().from(suppliers).where(eq(suppliers.name, 'SUMCO'));
    const input = {
      nodeId: gid('ChainNode', node['SILICON-WAFERS']!),
      supplierId: gid('Supplier', supplier!.id),
      share: 40,
    };
    const reported = (await as(jinghua, report, { input })).reportSupplyLink;
    expect(reported.__typename).toBe('SupplyLink');
    expect(reported.reportedBy.code).toBe('JINGHUA-PR');
    // Jinghua may not report in Huaxin's name.
    const forged = await as(jinghua, report, {
      input: { ...input, reportedByOrganizationId: gid('Organization', org['HUAXIN-IC']!) },
    });
    expect(forged.reportSupplyLink.__typename).toBe('Forbidden');
    // Another firm's link reads as not found; its own updates with the version it read.
    const update = `mutation($input: UpdateSupplyLinkInput!) { updateSupplyLink(input: $input) { __typename
      ... on SupplyLink { share version } ... on StaleVersion { currentVersion } } }`;
    const linkId = reported.id;
    expect(
      (await as(huaxin, update, { input: { linkId, expectedVersion: 1, share: 10 } })).updateSupplyLink.__typename,
    ).toBe('NotFound');
    expect((await as(jinghua, update, { input: { linkId, expectedVersion: 1, share: 35 } })).updateSupplyLink).toEqual({
      __typename: 'SupplyLink',
      share: 35,
      version: 2,
    });
    expect((await as(jinghua, update, { input: { linkId, expectedVersion: 1, share: 30 } })).updateSupplyLink).toEqual({
      __typename: 'StaleVersion',
      currentVersion: 2,
    });
    // The office corrects Answer link; an administrator and an auditor may not touch links.
    expect(
      (await as(officer, update, { input: { linkId, expectedVersion: 2, share: 30 } })).updateSupplyLink.__typename,
    ).toBe('SupplyLink');
    expect(
      (
        await as(admin, report, {
          input: { ...input, reportedByOrganizationId: gid('Organization', org['JINGHUA-PR']!) },
        })
      ).reportSupplyLink.__typename,
    ).toBe('Forbidden');
    const remove = `mutation($input: RemoveKnowledgeObjectInput!) { removeSupplyLink(input: $input) { __typename ... on Removed { removedId } } }`;
    expect((await as(auditor, remove, { input: { id: linkId, expectedVersion: 3 } })).removeSupplyLink.__typename).toBe(
      'Forbidden',
    );
    expect((await as(jinghua, remove, { input: { id: linkId, expectedVersion: 3 } })).removeSupplyLink).toEqual({
      __typename: 'Removed',
      removedId: linkId,
    });
  });

  it('names the invalid fields', async () => {
    const [supplier] = await database.db.select().from(suppliers).where(eq(suppliers.name, 'SUMCO'));
    const result = await as(huaxin, report, {
      input: { nodeId: 'nonsense', supplierId: gid('Supplier', supplier!.id), share: 0 },
    });
    expect(result.reportSupplyLink.__typename).toBe('ValidationError');
    const bad = await as(huaxin, report, {
      input: {
        nodeId: gid('ChainNode', node.EDA!),
        supplierId: gid('Supplier', supplier!.id),
        share: 120,
        since: '2026-05-01',
        until: '2026-01-01',
      },
    });
    expect(bad.reportSupplyLink.fieldErrors.map((e: Answer) => e.field)).toEqual(['share']);
  });

  const addTechnology = `mutation($input: AddKeyTechnologyInput!) { addKeyTechnology(input: $input) { __typename
    ... on KeyTechnology { id name version generality committee { code } }
    ... on ValidationError { fieldErrors { field message } } } }`;

  it('lets the liaisons of the committee’s lead department keep its list, and no other department', async () => {
    const committee = (
      await as(miit, '{ industryCommittees { id code leadDepartment { code } } }')
    ).industryCommittees.find((c: Answer) => c.code === 'IC-COMMITTEE');
    expect(committee.leadDepartment.code).toBe('MIIT');
    const input = {
      nodeId: gid('ChainNode', node['SILICON-WAFERS']!),
      committeeId: committee.id,
      name: '300 mm epitaxial wafers',
      maturity: 'MATURE',
      generality: 4,
      strategicValue: 3,
      priority: 3,
      strategyClass: 'DOMESTIC_SUBSTITUTION',
    };
    expect((await as(mofcom, addTechnology, { input })).addKeyTechnology.__typename).toBe('Forbidden');
    expect((await as(huaxin, addTechnology, { input })).addKeyTechnology.__typename).toBe('Forbidden');
    const invalid = await as(miit, addTechnology, { input: { ...input, generality: 6, strategicValue: 0 } });
    expect(invalid.addKeyTechnology.fieldErrors.map((e: Answer) => e.field).sort()).toEqual([
      'generality',
      'strategicValue',
    ]);
    const added = (await as(miit, addTechnology, { input })).addKeyTechnology;
    expect(added).toMatchObject({
      __typename: 'KeyTechnology',
      generality: 4,
      committee: { code: 'IC-COMMITTEE' },
    });
    const update = `mutation($input: UpdateKeyTechnologyInput!) { updateKeyTechnology(input: $input) { __typename
      ... on KeyTechnology { strategicValue version } } }`;
    const change = { keyTechnologyId: added.id, expectedVersion: 1, strategicValue: 5 };
    expect((await as(mofcom, update, { input: change })).updateKeyTechnology.__typename).toBe('Forbidden');
    expect((await as(miit, update, { input: change })).updateKeyTechnology).toEqual({
      __typename: 'KeyTechnology',
      strategicValue: 5,
      version: 2,
    });
    expect(
      (await as(officer, update, { input: { ...change, expectedVersion: 2, strategicValue: 4 } })).updateKeyTechnology
        .__typename,
    ).toBe('KeyTechnology');
    const [row] = await database.db
      .select()
      .from(keyTechnologies)
      .where(eq(keyTechnologies.name, '300 mm epitaxial wafers'));
    expect(row?.strategicValue).toBe(4);
  });

  it('moves a node with its subtree, keeping depths, and refuses a move below itself', async () => {
    const move = `mutation($input: MoveChainNodeInput!) { moveChainNode(input: $input) { __typename
      ... on ChainNode { code depth version parent { code } children { code depth } }
      ... on ValidationError { fieldErrors { field message } } } }`;
    const photoresist = gid('ChainNode', node.PHOTORESIST!);
    const below = await as(officer, move, {
      input: { nodeId: photoresist, expectedVersion: 1, newParentId: gid('ChainNode', node['ARF-PHOTORESIST']!) },
    });
    expect(below.moveChainNode.fieldErrors).toEqual([
      { field: 'newParentId', message: 'must not be the node itself or below it' },
    ]);
    expect(
      (await as(huaxin, move, { input: { nodeId: photoresist, expectedVersion: 1, newParentId: null } })).moveChainNode
        .__typename,
    ).toBe('Forbidden');
    // An administrator manages the tree (reference data): photoresist becomes a segment, ArF follows.
    const moved = await as(admin, move, { input: { nodeId: photoresist, expectedVersion: 1, newParentId: null } });
    expect(moved.moveChainNode).toEqual({
      __typename: 'ChainNode',
      code: 'PHOTORESIST',
      depth: 1,
      version: 2,
      parent: null,
      children: [{ code: 'ARF-PHOTORESIST', depth: 2 }],
    });
    const back = await as(officer, move, {
      input: { nodeId: photoresist, expectedVersion: 2, newParentId: gid('ChainNode', node.MATERIALS!) },
    });
    expect(back.moveChainNode).toMatchObject({
      depth: 2,
      parent: { code: 'MATERIALS' },
      children: [{ depth: 3 }],
    });
    const entries = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'chain_node.moved'), eq(auditEntries.entityId, node.PHOTORESIST!)));
    expect(entries.map((e) => e.chain)).toEqual(['admin', 'admin']);
  });

  it('lets administrators and the office add chains, nodes, suppliers and committees; not firms or auditors', async () => {
    const create = `mutation($input: CreateIndustryChainInput!) { createIndustryChain(input: $input) { __typename
      ... on IndustryChain { id code version } ... on Conflict { message } } }`;
    expect(
      (await as(auditor, create, { input: { code: 'AERO', name: 'Aero engines' } })).createIndustryChain.__typename,
    ).toBe('Forbidden');
    expect(
      (await as(huaxin, create, { input: { code: 'AERO', name: 'Aero engines' } })).createIndustryChain.__typename,
    ).toBe('Forbidden');
    const created = (await as(admin, create, { input: { code: 'AERO', name: 'Aero engines', nameZh: '航空发动机' } }))
      .createIndustryChain;
    expect(created).toMatchObject({ __typename: 'IndustryChain', code: 'AERO', version: 1 });
    expect((await as(officer, create, { input: { code: 'AERO', name: 'Again' } })).createIndustryChain.__typename).toBe(
      'Conflict',
    );
    const add = `mutation($input: AddChainNodeInput!) { addChainNode(input: $input) { __typename ... on ChainNode { depth chain { code } } } }`;
    expect(
      (await as(officer, add, { input: { chainId: created.id, code: 'HOT-SECTION', name: 'Hot section' } }))
        .addChainNode,
    ).toEqual({
      __typename: 'ChainNode',
      depth: 1,
      chain: { code: 'AERO' },
    });
    const register = `mutation($input: RegisterSupplierInput!) { registerSupplier(input: $input) { __typename ... on Supplier { name country } } }`;
    expect(
      (await as(admin, register, { input: { name: 'Rolls-Royce', country: 'GB' } })).registerSupplier.__typename,
    ).toBe('Supplier');
    expect((await as(miit, register, { input: { name: 'Safran', country: 'FR' } })).registerSupplier.__typename).toBe(
      'Forbidden',
    );
    const list = await as(
      huaxin,
      '{ suppliers(first: 5, filter: { nameContains: "rolls" }) { totalCount nodes { name country } } }',
    );
    expect(list.suppliers).toEqual({ totalCount: 1, nodes: [{ name: 'Rolls-Royce', country: 'GB' }] });
    const audited = await database.db
      .select({ action: auditEntries.action, chain: auditEntries.chain })
      .from(auditEntries)
      .where(
        sql`${auditEntries.after}->>'code' in ('AERO', 'HOT-SECTION') or ${auditEntries.after}->>'name' = 'Rolls-Royce'`,
      );
    expect(audited.map((e) => `${e.chain} ${e.action}`).sort()).toEqual([
      'admin chain_node.created',
      'admin industry_chain.created',
      'admin supplier.registered',
    ]);
  });
});

describe('reports', () => {
  it('rank a chain’s nodes by scarcity × strategic value × generality', async () => {
    const data = await as(
      officer,
      `{ riskiestNodesReport(chainCode: "IC", first: 4) { __typename
      ... on RiskiestNodesReport { nodes { node { code } riskIndex concentration strategicValue generality keyTechnology { name } } } } }`,
    );
    // Lithography 0.745 × 5/5 × 3/5 = 44.7; EDA 0.345 × 1 × 1 = 34.5; analog EDA 0.48875 × 0.8 × 0.8 = 31.28;
    // photoresist 0.2936 × 1 × 0.8 = 23.49 (its key technology is on it; ArF has none, so ranks low).
    expect(data.riskiestNodesReport.nodes.map((n: Answer) => [n.node.code, n.riskIndex])).toEqual([
      ['LITHOGRAPHY', 44.7],
      ['EDA', 34.5],
      ['EDA-ANALOG', 31.28],
      ['PHOTORESIST', 23.49],
    ]);
  });

  it('draw the dependency graph of a chain', async () => {
    const data = await as(
      auditor,
      `{ dependencyGraphReport(chainCode: "IC") { __typename ... on DependencyGraph {
      nodes { id code parentId } suppliers { id name country } edges { nodeId supplierId share reporters } countries { country suppliers nodes } } } }`,
    );
    const graph = data.dependencyGraphReport;
    expect(graph.__typename).toBe('DependencyGraph');
    const analog = gid('ChainNode', node['EDA-ANALOG']!);
    const cadence = graph.suppliers.find((s: Answer) => s.name === 'Cadence Design Systems');
    expect(graph.edges.find((e: Answer) => e.nodeId === analog && e.supplierId === cadence.id)).toEqual({
      nodeId: analog,
      supplierId: cadence.id,
      share: 65,
      reporters: 2,
    });
    expect(graph.countries.find((c: Answer) => c.country === 'NL')).toEqual({ country: 'NL', suppliers: 1, nodes: 1 });
    expect(graph.nodes.find((n: Answer) => n.code === 'EDA-ANALOG').parentId).toBe(gid('ChainNode', node.DESIGN!));
  });

  it('count cases by security type × strategy over the cases the viewer reads', async () => {
    const query = `{ casesByClassificationReport { __typename ... on ClassificationReport { total rows { securityType strategy cases } } } }`;
    const office = (await as(officer, query)).casesByClassificationReport;
    const visible = await as(officer, '{ cases(first: 100) { totalCount } }');
    expect(office.total).toBe(visible.cases.totalCount);
    const lower = (await as('officer2@icsr.example', query)).casesByClassificationReport;
    expect(lower.total).toBeLessThan(office.total);
    for (const email of [huaxin, miit, admin, 'assessor@ciie.example']) {
      expect((await as(email, query)).casesByClassificationReport.__typename).toBe('Forbidden');
    }
  });

  it('give the annual statistics, with median working days per phase from the clock rows', async () => {
    // Three review clocks and one in-depth clock stopped in 2031 (no holidays loaded: weekends only).
    const [someCase] = await database.db.select().from(cases).where(sql`${cases.regimeId} is not null`).limit(1);
    const clock = (phase: 'REVIEW' | 'IN_DEPTH', stopped: string) => ({
      caseId: someCase!.id,
      ownerKind: 'CASE' as const,
      ownerId: someCase!.id,
      phase,
      regimeId: someCase!.regimeId,
      unit: 'WORKING_DAYS' as const,
      length: 30,
      startedAt: new Date('2031-03-03T02:00:00Z'),
      dueAt: new Date('2031-04-14T15:59:59Z'),
      stoppedAt: new Date(stopped),
    });
    await database.db.insert(clocks).values([
      clock('REVIEW', '2031-03-07T02:00:00Z'), // Mon → Fri: 4 working days
      clock('REVIEW', '2031-03-10T02:00:00Z'), // → next Mon: 5
      clock('REVIEW', '2031-03-17T02:00:00Z'), // → Mon two weeks on: 10
      clock('IN_DEPTH', '2031-03-05T02:00:00Z'), // → Wed: 2
    ]);
    const query = `query($year: Int!) { annualStatisticsReport(year: $year) { __typename ... on AnnualStatistics {
      year timeZone filings callIns exOfficioCallIns referralCallIns reviews inDepthReviews
      outcomes { outcome decisions } appealsFiled appealsByState { state appeals }
      phaseDurations { phase clocks medianWorkingDays } } } }`;
    const stats = (await as(auditor, query, { year: 2031 })).annualStatisticsReport;
    expect(stats).toMatchObject({
      year: 2031,
      timeZone: 'Asia/Shanghai',
      filings: 0,
      callIns: 0,
      reviews: 1,
      inDepthReviews: 1,
      outcomes: [],
      appealsFiled: 0,
      phaseDurations: [
        { phase: 'IN_DEPTH', clocks: 1, medianWorkingDays: 2 },
        { phase: 'REVIEW', clocks: 3, medianWorkingDays: 5 },
      ],
    });
    // 2026: the seeded filings and call-ins, as the office reads them.
    const year2026 = (await as(officer, query, { year: 2026 })).annualStatisticsReport;
    const submitted = await database.db
      .select({ origin: cases.origin })
      .from(cases)
      .where(sql`${cases.submittedAt} >= '2025-12-31T16:00:00Z' and ${cases.submittedAt} < '2026-12-31T16:00:00Z'`);
    expect(year2026.filings).toBe(submitted.filter((c) => c.origin === 'FIRM_FILING').length);
    expect(year2026.callIns).toBe(
      submitted.filter((c) => c.origin === 'EX_OFFICIO' || c.origin === 'DEPARTMENT_REFERRAL').length,
    );
    expect((await as(jinghua, query, { year: 2026 })).annualStatisticsReport.__typename).toBe('Forbidden');
    const invalid = await as(officer, query, { year: 1990 });
    expect(invalid.annualStatisticsReport.__typename).toBe('ValidationError');
  });
});
