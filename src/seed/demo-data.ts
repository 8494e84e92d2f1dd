/**
 * The demo story of the source paper: the review office and its member departments, a chain-leader
 * firm and a photoresist maker in the integrated-circuit chain, two research institutes, and a few
 * cases in their first states. Everything is created through domain functions, never raw inserts.
 *
 * Every demo account's password is DEMO_PASSWORD (README.md lists the accounts).
 */
import { and, eq } from 'drizzle-orm';
import { chainNodes, industryChains } from '../../db/schema/knowledge.ts';
import { organizations, people } from '../../db/schema/organizations.ts';
import { systemActor } from '../../vocabulary/actor.ts';
import type { ClearanceLevel, OrganizationKind, Role } from '../../vocabulary/terms.ts';
import { cnCalendar } from '../../workflows/calendars/cn.ts';
import { usCalendar } from '../../workflows/calendars/us.ts';
import { cnCsrRegime } from '../../workflows/regimes/cn-csr.ts';
import { usCfiusRegime } from '../../workflows/regimes/us-cfius.ts';
import type { Tx } from '../database/database.ts';
import { provisionTotp } from '../domain/auth/totp.ts';
import { assignCaseTeam } from '../domain/cases/assign-case-team.ts';
import { createFiling, openCase } from '../domain/cases/case-filing.ts';
import { classifyCase } from '../domain/classification/classify-case.ts';
import { requestConsultations } from '../domain/consultations/consultations.ts';
import { applyCaseEvent } from '../domain/engine/apply-case-event.ts';
import {
  addChainNode,
  addKeyTechnology,
  createIndustryChain,
  createIndustryCommittee,
  registerSupplier,
  reportSupplyLink,
} from '../domain/knowledge/build-knowledge-base.ts';
import { seedDemoSupplyLinks } from '../domain/knowledge/demo-supply-links.ts';
import { seedDemoWebhookEndpoint } from '../domain/notifications/demo-webhooks.ts';
import { createOrganization } from '../domain/organizations/create-organization.ts';
import { createPerson } from '../domain/organizations/create-person.ts';
import { personActor } from '../domain/people/person-actor.ts';
import { loadCalendar, publishRegime } from '../domain/reference-data/load-reference-data.ts';
import type { SeedStep } from './seed-runner.ts';

export const DEMO_PASSWORD = 'Review-Demo-2026!';
/** argon2id of DEMO_PASSWORD, precomputed so that the first start does not spend seconds hashing. */
const DEMO_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$wuXTcIX5eEB+PMDAnRg5YQ$q5L9qvH8R9pqHOLyZiRbIwgA4avT+hcRDXo6T9qOPC0';

const seed = systemActor('seed');

/**
 * Demo-only TOTP secrets of the accounts whose roles require a second factor by default (ADMIN,
 * LEAD_REVIEWER). Public on purpose: `npm run demo:totp -- <email>` prints the current code.
 */
export const demoTotpSecrets: Readonly<Record<string, string>> = {
  'admin@icsr.example': 'DEMOADMINSECONDFACTORDEMOADMINAA',
  'lead@icsr.example': 'DEMOLEADSECONDFACTORDEMOLEADAAAA',
  'lead2@icsr.example': 'DEMOLEADTWOSECONDFACTORDEMOLEADB',
};

interface DemoOrganization {
  kind: OrganizationKind;
  code: string;
  name: string;
  nameZh: string;
  country?: string;
  isChainLeader?: boolean;
}

export const demoOrganizations: DemoOrganization[] = [
  {
    kind: 'REVIEW_OFFICE',
    code: 'ICSR-OFFICE',
    name: 'Industry-Chain Security Review Office',
    nameZh: '产业链安全审查办公室',
  },
  {
    kind: 'DEPARTMENT',
    code: 'MIIT',
    name: 'Ministry of Industry and Information Technology',
    nameZh: '工业和信息化部',
  },
  { kind: 'DEPARTMENT', code: 'MOST', name: 'Ministry of Science and Technology', nameZh: '科学技术部' },
  {
    kind: 'DEPARTMENT',
    code: 'NDRC',
    name: 'National Development and Reform Commission',
    nameZh: '国家发展和改革委员会',
  },
  { kind: 'DEPARTMENT', code: 'MOFCOM', name: 'Ministry of Commerce', nameZh: '商务部' },
  { kind: 'DEPARTMENT', code: 'CAC', name: 'Cyberspace Administration of China', nameZh: '国家互联网信息办公室' },
  {
    kind: 'DEPARTMENT',
    code: 'SAMR',
    name: 'State Administration for Market Regulation',
    nameZh: '国家市场监督管理总局',
  },
  { kind: 'DEPARTMENT', code: 'GACC', name: 'General Administration of Customs', nameZh: '海关总署' },
  {
    kind: 'FIRM',
    code: 'HUAXIN-IC',
    name: 'Huaxin Integrated Circuit Manufacturing Co.',
    nameZh: '华芯集成电路制造有限公司',
    isChainLeader: true,
  },
  { kind: 'FIRM', code: 'JINGHUA-PR', name: 'Jinghua Photoresist Materials Co.', nameZh: '晶华光刻胶材料有限公司' },
  { kind: 'FIRM', code: 'DONGFANG-EDA', name: 'Dongfang EDA Software Co.', nameZh: '东方EDA软件有限公司' },
  {
    kind: 'FIRM',
    code: 'MERIDIAN-CAP',
    name: 'Meridian Capital Partners Pte. Ltd.',
    nameZh: '子午线资本合伙有限公司',
    country: 'SG',
  },
  { kind: 'INSTITUTE', code: 'CIIE', name: 'Institute of Industrial Economics', nameZh: '工业经济研究所' },
  { kind: 'INSTITUTE', code: 'ICRS', name: 'Institute for Chain Resilience Studies', nameZh: '产业链韧性研究院' },
];

interface DemoPerson {
  organization: string;
  email: string;
  displayName: string;
  roles: Role[];
  clearance: ClearanceLevel;
}

/** One person per office role and per outside role; README.md's login table lists the same. */
export const demoPeople: DemoPerson[] = [
  {
    organization: 'ICSR-OFFICE',
    email: 'officer@icsr.example',
    displayName: 'Li Wei 李伟',
    roles: ['CASE_OFFICER'],
    clearance: 'SECRET',
  },
  {
    organization: 'ICSR-OFFICE',
    email: 'officer2@icsr.example',
    displayName: 'Chen Jing 陈静',
    roles: ['CASE_OFFICER'],
    clearance: 'CONFIDENTIAL',
  },
  {
    organization: 'ICSR-OFFICE',
    email: 'lead@icsr.example',
    displayName: 'Zhang Min 张敏',
    roles: ['LEAD_REVIEWER'],
    clearance: 'SECRET',
  },
  {
    organization: 'ICSR-OFFICE',
    email: 'lead2@icsr.example',
    displayName: 'Sun Hao 孙浩',
    roles: ['LEAD_REVIEWER'],
    clearance: 'SECRET',
  },
  {
    organization: 'ICSR-OFFICE',
    email: 'panel1@icsr.example',
    displayName: 'Wang Fang 王芳',
    roles: ['APPEALS_PANEL'],
    clearance: 'SECRET',
  },
  {
    organization: 'ICSR-OFFICE',
    email: 'panel2@icsr.example',
    displayName: 'Zhao Lei 赵磊',
    roles: ['APPEALS_PANEL'],
    clearance: 'SECRET',
  },
  {
    organization: 'ICSR-OFFICE',
    email: 'auditor@icsr.example',
    displayName: 'Liu Yang 刘洋',
    roles: ['AUDITOR'],
    clearance: 'SECRET',
  },
  {
    organization: 'ICSR-OFFICE',
    email: 'admin@icsr.example',
    displayName: 'Huang Tao 黄涛',
    roles: ['ADMIN'],
    clearance: 'INTERNAL',
  },
  {
    organization: 'MIIT',
    email: 'liaison@miit.example',
    displayName: 'Xu Ming 徐明',
    roles: ['LIAISON'],
    clearance: 'CONFIDENTIAL',
  },
  {
    organization: 'MOFCOM',
    email: 'liaison@mofcom.example',
    displayName: 'Gao Yan 高燕',
    roles: ['LIAISON'],
    clearance: 'CONFIDENTIAL',
  },
  {
    organization: 'NDRC',
    email: 'liaison@ndrc.example',
    displayName: 'Ma Jun 马骏',
    roles: ['LIAISON'],
    clearance: 'CONFIDENTIAL',
  },
  {
    organization: 'HUAXIN-IC',
    email: 'rep@huaxin.example',
    displayName: 'Zhou Qiang 周强',
    roles: ['FIRM_REPRESENTATIVE'],
    clearance: 'INTERNAL',
  },
  {
    organization: 'JINGHUA-PR',
    email: 'rep@jinghua.example',
    displayName: 'Wu Na 吴娜',
    roles: ['FIRM_REPRESENTATIVE'],
    clearance: 'INTERNAL',
  },
  {
    organization: 'DONGFANG-EDA',
    email: 'rep@dongfang-eda.example',
    displayName: 'Zheng Kai 郑凯',
    roles: ['FIRM_REPRESENTATIVE'],
    clearance: 'INTERNAL',
  },
  {
    organization: 'MERIDIAN-CAP',
    email: 'rep@meridian.example',
    displayName: 'Daniel Tan',
    roles: ['FIRM_REPRESENTATIVE'],
    clearance: 'INTERNAL',
  },
  {
    organization: 'CIIE',
    email: 'assessor@ciie.example',
    displayName: 'Lin Xue 林雪',
    roles: ['ASSESSOR'],
    clearance: 'CONFIDENTIAL',
  },
  {
    organization: 'ICRS',
    email: 'assessor@icrs.example',
    displayName: 'He Bin 何斌',
    roles: ['ASSESSOR'],
    clearance: 'CONFIDENTIAL',
  },
];

async function organizationId(tx: Tx, code: string): Promise<string> {
  const [row] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code));
  if (!row) throw new Error(`seed: organisation ${code} missing`);
  return row.id;
}

async function personId(tx: Tx, email: string): Promise<string> {
  const [row] = await tx.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (!row) throw new Error(`seed: person ${email} missing`);
  return row.id;
}

async function nodeId(tx: Tx, chainCode: string, code: string): Promise<string> {
  const [row] = await tx
    .select({ id: chainNodes.id })
    .from(chainNodes)
    .innerJoin(industryChains, eq(industryChains.id, chainNodes.chainId))
    .where(and(eq(industryChains.code, chainCode), eq(chainNodes.code, code)));
  if (!row) throw new Error(`seed: node ${code} missing`);
  return row.id;
}

const referenceData: SeedStep = {
  id: '010-reference-data',
  async run(tx, now) {
    await loadCalendar(tx, seed, cnCalendar, now);
    await loadCalendar(tx, seed, usCalendar, now);
    await publishRegime(tx, seed, cnCsrRegime, { isDefault: true }, now);
    await publishRegime(tx, seed, usCfiusRegime, { isDefault: false }, now);
  },
};

const organisationsAndPeople: SeedStep = {
  id: '020-organisations-and-people',
  async run(tx, now) {
    for (const org of demoOrganizations) await createOrganization(tx, seed, org, now);
    for (const person of demoPeople) {
      await createPerson(
        tx,
        seed,
        {
          organizationId: await organizationId(tx, person.organization),
          email: person.email,
          displayName: person.displayName,
          roles: person.roles,
          clearance: person.clearance,
          passwordHash: DEMO_PASSWORD_HASH,
        },
        now,
      );
    }
  },
};

/** Second factors of the demo accounts that need one, so that they can sign in out of the box. */
const demoSecondFactors: SeedStep = {
  id: '025-demo-second-factors',
  async run(tx, now) {
    for (const [email, secret] of Object.entries(demoTotpSecrets)) {
      await provisionTotp(tx, seed, await personId(tx, email), secret, now);
    }
  },
};

/** The integrated-circuit chain down to photoresist and EDA software (seed digest §2 examples). */
const knowledgeBase: SeedStep = {
  id: '030-knowledge-base',
  async run(tx, now) {
    const chain = await createIndustryChain(
      tx,
      seed,
      {
        code: 'IC',
        name: 'Integrated circuits',
        nameZh: '集成电路',
        description: 'From design tools and materials to wafer fabrication, packaging and test.',
      },
      now,
    );
    const segment = async (code: string, name: string, nameZh: string) =>
      addChainNode(tx, seed, { chainId: chain.id, code, name, nameZh }, now);
    const node = async (parentId: string, code: string, name: string, nameZh: string) =>
      addChainNode(tx, seed, { chainId: chain.id, parentId, code, name, nameZh }, now);

    const design = await segment('DESIGN', 'Design', '设计');
    const materials = await segment('MATERIALS', 'Materials', '材料');
    const equipment = await segment('EQUIPMENT', 'Equipment', '设备');
    const fabrication = await segment('FABRICATION', 'Wafer fabrication', '晶圆制造');
    const packaging = await segment('PACKAGING', 'Packaging and test', '封装测试');
    const eda = await node(design.id, 'EDA', 'EDA software', 'EDA软件');
    const photoresist = await node(materials.id, 'PHOTORESIST', 'Photoresist', '光刻胶');
    await node(photoresist.id, 'ARF-PHOTORESIST', 'ArF photoresist', 'ArF光刻胶');
    const wafers = await node(materials.id, 'SILICON-WAFERS', 'Silicon wafers', '硅片');
    const lithography = await node(equipment.id, 'LITHOGRAPHY', 'Lithography systems', '光刻机');
    await node(fabrication.id, 'FOUNDRY-28NM', '28 nm foundry process', '28纳米代工工艺');
    await node(packaging.id, 'ADVANCED-PACKAGING', 'Advanced packaging', '先进封装');

    const huaxin = await organizationId(tx, 'HUAXIN-IC');
    const supply = async (nodeIdValue: string, name: string, country: string, share: number, org?: string) => {
      const supplier = await registerSupplier(
        tx,
        seed,
        { name, country, ...(org ? { organizationId: await organizationId(tx, org) } : {}) },
        now,
      );
      await reportSupplyLink(
        tx,
        seed,
        { nodeId: nodeIdValue, supplierId: supplier.id, share, since: '2024-01-01', reportedByOrganizationId: huaxin },
        now,
      );
    };
    // Photoresist: few suppliers, concentrated abroad (the paper's uneconomical-entry example).
    await supply(photoresist.id, 'JSR Corporation', 'JP', 38);
    await supply(photoresist.id, 'Tokyo Ohka Kogyo', 'JP', 32);
    await supply(photoresist.id, 'Shin-Etsu Chemical', 'JP', 18);
    await supply(photoresist.id, 'Jinghua Photoresist Materials Co.', 'CN', 12, 'JINGHUA-PR');
    // EDA: three foreign vendors dominate (the paper's weak-basic-research example).
    await supply(eda.id, 'Synopsys', 'US', 45);
    await supply(eda.id, 'Cadence Design Systems', 'US', 35);
    await supply(eda.id, 'Siemens EDA', 'DE', 10);
    await supply(eda.id, 'Dongfang EDA Software Co.', 'CN', 10, 'DONGFANG-EDA');
    // Wafers: many suppliers in several countries (dependency without scarcity).
    await supply(wafers.id, 'Shin-Etsu Chemical', 'JP', 25);
    await supply(wafers.id, 'SUMCO', 'JP', 20);
    await supply(wafers.id, 'GlobalWafers', 'TW', 18);
    await supply(wafers.id, 'Siltronic', 'DE', 12);
    await supply(wafers.id, 'SK Siltron', 'KR', 10);
    await supply(wafers.id, 'National Silicon Industry Group', 'CN', 15);
    await supply(lithography.id, 'ASML', 'NL', 85);
    await supply(lithography.id, 'Shanghai Micro Electronics Equipment', 'CN', 15);

    const committee = await createIndustryCommittee(
      tx,
      seed,
      {
        code: 'IC-COMMITTEE',
        name: 'Integrated Circuit Industry Committee',
        nameZh: '集成电路产业委员会',
        leadDepartmentId: await organizationId(tx, 'MIIT'),
        chainId: chain.id,
      },
      now,
    );
    const technology = (
      nodeIdValue: string,
      values: Omit<Parameters<typeof addKeyTechnology>[2], 'nodeId' | 'committeeId'>,
    ) => addKeyTechnology(tx, seed, { nodeId: nodeIdValue, committeeId: committee.id, ...values }, now);
    await technology(photoresist.id, {
      name: 'ArF immersion photoresist',
      nameZh: 'ArF浸没式光刻胶',
      maturity: 'MATURE',
      generality: 4,
      strategicValue: 5,
      priority: 1,
      strategyClass: 'ASYMMETRIC_ADVANTAGE',
    });
    await technology(eda.id, {
      name: 'Full-flow digital EDA toolchain',
      nameZh: '全流程数字EDA工具链',
      maturity: 'MATURE',
      generality: 5,
      strategicValue: 5,
      priority: 1,
      strategyClass: 'DOMESTIC_SUBSTITUTION',
    });
    await technology(lithography.id, {
      name: 'EUV lithography',
      nameZh: '极紫外光刻',
      maturity: 'EMERGING',
      generality: 3,
      strategicValue: 5,
      priority: 2,
      strategyClass: 'LEADERSHIP',
    });
  },
};

/** A few cases in their first states; the workflow issue moves them further. */
const firstCases: SeedStep = {
  id: '040-first-cases',
  async run(tx, now) {
    const huaxin = await organizationId(tx, 'HUAXIN-IC');
    const jinghua = await organizationId(tx, 'JINGHUA-PR');
    const dongfang = await organizationId(tx, 'DONGFANG-EDA');
    const meridian = await organizationId(tx, 'MERIDIAN-CAP');
    const officer = await personId(tx, 'officer@icsr.example');
    const officer2 = await personId(tx, 'officer2@icsr.example');
    const lead = await personId(tx, 'lead@icsr.example');
    // Each case is made by the person who would make it, under their own permissions.
    const asHuaxin = await personActor(tx, 'rep@huaxin.example');
    const asJinghua = await personActor(tx, 'rep@jinghua.example');
    const asOfficer = await personActor(tx, 'officer@icsr.example');
    const asLead = await personActor(tx, 'lead@icsr.example');

    const relocation = await createFiling(
      tx,
      asHuaxin,
      {
        filerOrganizationId: huaxin,
        title: 'Relocation of the advanced packaging line to Bac Ninh, Vietnam',
        summary:
          'Huaxin plans to move its advanced packaging and test line abroad within 18 months, keeping ' +
          'process development at home under a mother-factory arrangement.',
        subject: 'RELOCATION',
        nodeIds: [await nodeId(tx, 'IC', 'ADVANCED-PACKAGING')],
      },
      now,
    );
    // The firm submits as it would through the API: the SUBMIT event through the engine.
    await applyCaseEvent(
      tx,
      asHuaxin,
      { caseId: relocation.id, event: 'SUBMIT', expectedVersion: relocation.version },
      now,
    );

    const cutOff = await openCase(
      tx,
      asOfficer,
      {
        origin: 'EX_OFFICIO',
        title: 'Announced cut-off of ArF photoresist exports by two Japanese suppliers',
        summary:
          'Two suppliers holding 70% of domestic ArF photoresist supply announced export licensing that ' +
          'may stop deliveries to 28 nm fabs within six months.',
        subject: 'SUPPLY_DISRUPTION',
        confidentiality: 'SECRET',
        parties: [
          { organizationId: huaxin, role: 'CUSTOMER' },
          { organizationId: jinghua, role: 'SUPPLIER' },
        ],
        nodeIds: [await nodeId(tx, 'IC', 'PHOTORESIST')],
      },
      now,
    );
    await assignCaseTeam(
      tx,
      asLead,
      { caseId: cutOff.id, expectedVersion: cutOff.version, caseOfficerId: officer, leadReviewerId: lead },
      now,
    );

    const acquisition = await openCase(
      tx,
      asOfficer,
      {
        origin: 'DEPARTMENT_REFERRAL',
        referringDepartmentId: await organizationId(tx, 'MOFCOM'),
        title: 'Proposed acquisition of Dongfang EDA Software by Meridian Capital Partners',
        summary:
          'A Singapore-registered fund proposes to acquire 68% of Dongfang EDA, one of the few domestic ' +
          'full-flow EDA vendors. Referred by the Ministry of Commerce.',
        subject: 'ACQUISITION',
        parties: [
          { organizationId: meridian, role: 'ACQUIRER' },
          { organizationId: dongfang, role: 'TARGET' },
        ],
        nodeIds: [await nodeId(tx, 'IC', 'EDA')],
      },
      now,
    );
    await assignCaseTeam(
      tx,
      asLead,
      { caseId: acquisition.id, expectedVersion: acquisition.version, caseOfficerId: officer2, leadReviewerId: lead },
      now,
    );

    await createFiling(
      tx,
      asJinghua,
      {
        filerOrganizationId: jinghua,
        title: 'Licence of KrF photoresist formulation to an overseas joint venture',
        summary: 'Draft filing: Jinghua intends to license its KrF formulation to a joint venture in Malaysia.',
        subject: 'TECHNOLOGY_TRANSFER',
        nodeIds: [await nodeId(tx, 'IC', 'PHOTORESIST')],
      },
      now,
    );
  },
};

/** More supply links and nodes, so node metrics and the knowledge-base reports show something (issue 7). */
const knowledgeLinks: SeedStep = { id: '060-knowledge-links', run: seedDemoSupplyLinks };

/** A webhook endpoint for a demo firm, registered and disabled (issue 6). */
const demoWebhook: SeedStep = { id: '080-demo-webhook', run: seedDemoWebhookEndpoint };

/**
 * The paper's most important type (issue 11): a long-standing capability gap on lithography systems,
 * where one foreign vendor holds 85 % of supply. Opened ex officio, classified under the current risk
 * policy and under review with MIIT (the IC committee's lead department) consulted. The officer
 * judges the case to concern mature immersion scanners locked in by the international division of
 * labour, so the policy derives domestic substitution, while the committee lists its key technology
 * on this node (EUV lithography) for leadership: the case file shows both and flags the difference.
 * Appended last, so the earlier cases keep their reference numbers (ICSR-2026-000004 here).
 */
const capabilityGapCase: SeedStep = {
  id: '090-capability-gap-case',
  async run(tx, now) {
    const asOfficer = await personActor(tx, 'officer@icsr.example');
    const asLead = await personActor(tx, 'lead@icsr.example');
    const opened = await openCase(
      tx,
      asOfficer,
      {
        origin: 'EX_OFFICIO',
        title: 'Long-standing capability gap in lithography systems',
        summary:
          'Domestic fabs depend on one foreign vendor for 85% of their lithography scanners; the only ' +
          'domestic maker supplies mature nodes. The gap has persisted for two decades of international ' +
          'division of labour and limits both process innovation and capacity expansion.',
        subject: 'CAPABILITY_GAP',
        confidentiality: 'CONFIDENTIAL',
        nodeIds: [await nodeId(tx, 'IC', 'LITHOGRAPHY')],
      },
      now,
    );
    const assigned = await assignCaseTeam(
      tx,
      asLead,
      {
        caseId: opened.id,
        expectedVersion: opened.version,
        caseOfficerId: await personId(tx, 'officer@icsr.example'),
        leadReviewerId: await personId(tx, 'lead@icsr.example'),
      },
      now,
    );
    // The policy's proposal is confirmed as it stands (no override): the derived sub-strategy and
    // the committee's class are stored side by side. The demo data is the Chinese chain, so the
    // home country is CN whatever the deployment's HOME_COUNTRY.
    const classified = await classifyCase(
      tx,
      asOfficer,
      {
        caseId: opened.id,
        expectedVersion: assigned.version,
        securityType: 'CAPABILITY_DEFICIT',
        keyDimension: 'DIVISION_OF_LABOUR_LOCK_IN',
        capabilities: ['INNOVATION', 'MANUFACTURING'],
        maturity: 'MATURE',
        reason:
          'The case concerns mature immersion scanners, locked in by the international division of labour; ' +
          'EUV is the committee’s longer-term priority on the same node.',
      },
      now,
      { homeCountry: 'CN' },
    );
    const { case: underReview } = await applyCaseEvent(
      tx,
      asOfficer,
      { caseId: opened.id, event: 'START_REVIEW', expectedVersion: classified.version },
      now,
    );
    await requestConsultations(
      tx,
      asOfficer,
      {
        caseId: opened.id,
        expectedVersion: underReview.version,
        departmentIds: [await organizationId(tx, 'MIIT')],
        question: 'Which domestic programmes could close the gap in mature immersion scanners, and on what timescale?',
      },
      now,
    );
  },
};

/** The steps in order. Later issues append steps; shipped steps never change. */
export const demoSeedSteps: readonly SeedStep[] = [
  referenceData,
  organisationsAndPeople,
  demoSecondFactors,
  knowledgeBase,
  firstCases,
  knowledgeLinks,
  demoWebhook,
  capabilityGapCase,
];
