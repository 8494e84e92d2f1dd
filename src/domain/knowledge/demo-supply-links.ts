/**
 * Demo knowledge-base data beyond the first seed (seed step '060-knowledge-links'): nodes whose
 * metrics tell different stories, so the API's metrics and the reports show something. It adds
 * nodes and links only where the first seed left none, so the earlier nodes' metrics stay as they were.
 *
 * - ArF photoresist: three Japanese suppliers (HHI 4150, 100 % foreign): concentrated and dependent.
 * - Analog/custom EDA: reported by two firms whose lists are averaged (HHI 4887.5, 87.5 % foreign).
 * - 28 nm foundry: a broad, mature node with domestic capacity (HHI 2450, 45 % foreign).
 * - Advanced packaging: mostly domestic (HHI 2850, 35 % foreign), with an emerging key technology.
 */
import { and, eq } from 'drizzle-orm';
import { chainNodes, industryChains, industryCommittees } from '../../../db/schema/knowledge.ts';
import { organizations } from '../../../db/schema/organizations.ts';
import { systemActor } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { addChainNode, addKeyTechnology, registerSupplier, reportSupplyLink } from './build-knowledge-base.ts';

const seed = systemActor('seed');

async function idOf<T extends { id: string }>(rows: Promise<T[]>, what: string): Promise<string> {
  const [row] = await rows;
  if (!row) throw new Error(`seed: ${what} missing`);
  return row.id;
}

export async function seedDemoSupplyLinks(tx: Tx, now: Date): Promise<void> {
  const chainId = await idOf(tx.select().from(industryChains).where(eq(industryChains.code, 'IC')), 'chain IC');
  const node = (code: string) =>
    idOf(
      tx
        .select()
        .from(chainNodes)
        .where(and(eq(chainNodes.chainId, chainId), eq(chainNodes.code, code))),
      `node ${code}`,
    );
  const firm = (code: string) =>
    idOf(tx.select().from(organizations).where(eq(organizations.code, code)), `organisation ${code}`);
  const huaxin = await firm('HUAXIN-IC');
  const dongfang = await firm('DONGFANG-EDA');

  const supply = async (
    nodeId: string,
    name: string,
    country: string,
    share: number,
    reporter = huaxin,
    organizationCode?: string,
  ) => {
    const supplier = await registerSupplier(
      tx,
      seed,
      { name, country, ...(organizationCode ? { organizationId: await firm(organizationCode) } : {}) },
      now,
    );
    await reportSupplyLink(
      tx,
      seed,
      { nodeId, supplierId: supplier.id, share, since: '2025-01-01', reportedByOrganizationId: reporter },
      now,
    );
  };

  const arf = await node('ARF-PHOTORESIST');
  await supply(arf, 'JSR Corporation', 'JP', 55);
  await supply(arf, 'Tokyo Ohka Kogyo', 'JP', 30);
  await supply(arf, 'Shin-Etsu Chemical', 'JP', 15);

  const analogEda = await addChainNode(
    tx,
    seed,
    {
      chainId,
      parentId: await node('DESIGN'),
      code: 'EDA-ANALOG',
      name: 'Analog and custom design EDA',
      nameZh: '模拟及定制设计EDA',
    },
    now,
  );
  await supply(analogEda.id, 'Cadence Design Systems', 'US', 70);
  await supply(analogEda.id, 'Synopsys', 'US', 15);
  await supply(analogEda.id, 'Empyrean Technology', 'CN', 15);
  await supply(analogEda.id, 'Cadence Design Systems', 'US', 60, dongfang);
  await supply(analogEda.id, 'Synopsys', 'US', 30, dongfang);
  await supply(analogEda.id, 'Empyrean Technology', 'CN', 10, dongfang);

  const foundry = await node('FOUNDRY-28NM');
  await supply(foundry, 'Semiconductor Manufacturing International Corp.', 'CN', 35);
  await supply(foundry, 'Hua Hong Semiconductor', 'CN', 20);
  await supply(foundry, 'Taiwan Semiconductor Manufacturing Co.', 'TW', 25);
  await supply(foundry, 'United Microelectronics Corp.', 'TW', 10);
  await supply(foundry, 'GlobalFoundries', 'US', 10);

  const packaging = await node('ADVANCED-PACKAGING');
  await supply(packaging, 'JCET Group', 'CN', 40);
  await supply(packaging, 'Tongfu Microelectronics', 'CN', 25);
  await supply(packaging, 'ASE Technology', 'TW', 20);
  await supply(packaging, 'Amkor Technology', 'US', 15);

  const committeeId = await idOf(
    tx.select().from(industryCommittees).where(eq(industryCommittees.code, 'IC-COMMITTEE')),
    'committee IC-COMMITTEE',
  );
  await addKeyTechnology(
    tx,
    seed,
    {
      nodeId: packaging,
      committeeId,
      name: 'Chiplet heterogeneous integration',
      nameZh: '芯粒异构集成',
      maturity: 'EMERGING',
      generality: 4,
      strategicValue: 4,
      priority: 2,
      strategyClass: 'LEADERSHIP',
    },
    now,
  );
  await addKeyTechnology(
    tx,
    seed,
    {
      nodeId: analogEda.id,
      committeeId,
      name: 'Analog circuit simulation',
      nameZh: '模拟电路仿真',
      maturity: 'MATURE',
      generality: 4,
      strategicValue: 4,
      priority: 2,
      strategyClass: 'DOMESTIC_SUBSTITUTION',
    },
    now,
  );
}
