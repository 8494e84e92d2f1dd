/**
 * Node metrics on hand-computed examples (issue 7 §2): HHI over normalised shares, foreign share
 * against the home country, single source, several reporters averaged, and links outside their
 * period left out. Each expectation is worked out in the comment above it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainNodes, industryChains, suppliers, supplyLinks } from '../../db/schema/knowledge.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { loadNodeMetrics } from '../../src/domain/knowledge/node-metrics.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
const node = {} as Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  const db = database.db;
  const firm = async (code: string) =>
    (await db.select().from(organizations).where(eq(organizations.code, code)))[0]!.id;
  const huaxin = await firm('HUAXIN-IC');
  const jinghua = await firm('JINGHUA-PR');
  const [chain] = await db
    .insert(industryChains)
    .values({ code: 'METRICS-TEST', name: 'Metrics test chain' })
    .returning();
  for (const code of ['SPREAD', 'SOLE', 'HALF', 'EMPTY', 'PERIODS', 'TWO-REPORTERS']) {
    const [row] = await db.insert(chainNodes).values({ chainId: chain!.id, code, name: code }).returning();
    node[code] = row!.id;
  }
  const supplier = {} as Record<string, string>;
  for (const [name, country] of [
    ['Alpha', 'JP'],
    ['Beta', 'JP'],
    ['Gamma', 'CN'],
    ['Delta', 'US'],
    ['Epsilon', 'KR'],
  ] as const) {
    const [row] = await db
      .insert(suppliers)
      .values({ name: `Metrics ${name}`, country })
      .returning();
    supplier[name] = row!.id;
  }
  const link = (code: string, name: string, share: number, extra: Partial<typeof supplyLinks.$inferInsert> = {}) => ({
    nodeId: node[code]!,
    supplierId: supplier[name]!,
    share,
    reportedByOrganizationId: huaxin,
    ...extra,
  });
  await db.insert(supplyLinks).values([
    link('SPREAD', 'Alpha', 60),
    link('SPREAD', 'Beta', 30),
    link('SPREAD', 'Gamma', 10),
    link('SOLE', 'Delta', 100),
    link('HALF', 'Alpha', 30),
    link('HALF', 'Gamma', 20),
    // Ended the day before the instant, and starting the day after it: neither counts.
    link('PERIODS', 'Alpha', 70, { since: '2020-01-01', until: '2026-11-19' }),
    link('PERIODS', 'Beta', 30, { since: '2026-11-21' }),
    // Current on its first day and on its last day: counts.
    link('PERIODS', 'Gamma', 50, { since: '2026-11-20', until: '2026-11-20' }),
    link('TWO-REPORTERS', 'Alpha', 80),
    link('TWO-REPORTERS', 'Gamma', 20),
    link('TWO-REPORTERS', 'Alpha', 40, { reportedByOrganizationId: jinghua }),
    link('TWO-REPORTERS', 'Epsilon', 60, { reportedByOrganizationId: jinghua }),
  ]);
});
afterAll(async () => {
  await database?.destroy();
});

const metricsOf = async (code: string, home = 'CN') =>
  (await loadNodeMetrics(database.db, [node[code]!], home, SEED_INSTANT)).get(node[code]!)!;

describe('node metrics', () => {
  it('computes HHI, foreign share and countries when the shares sum to 100', async () => {
    // HHI = 60² + 30² + 10² = 3600 + 900 + 100 = 4600; foreign (JP) = 60 + 30 = 90.
    expect(await metricsOf('SPREAD')).toEqual({
      nodeId: node.SPREAD,
      supplierCount: 3,
      concentration: 4600,
      foreignShare: 90,
      singleSource: false,
      countries: ['CN', 'JP'],
      reportedShareTotal: 100,
      normalised: false,
    });
  });

  it('measures foreign share against the configured home country', async () => {
    // With JP at home only Gamma (CN, 10) is foreign; HHI does not depend on the home country.
    expect(await metricsOf('SPREAD', 'JP')).toMatchObject({ foreignShare: 10, concentration: 4600 });
  });

  it('flags a single source as the maximum concentration', async () => {
    // One supplier holding 100: HHI = 100² = 10,000, all foreign.
    expect(await metricsOf('SOLE')).toMatchObject({
      supplierCount: 1,
      concentration: 10000,
      foreignShare: 100,
      singleSource: true,
      countries: ['US'],
    });
  });

  it('normalises shares that do not sum to 100 and says so', async () => {
    // 30 + 20 = 50 reported → 60 % and 40 %: HHI = 3600 + 1600 = 5200; foreign (JP) = 60.
    expect(await metricsOf('HALF')).toMatchObject({
      supplierCount: 2,
      concentration: 5200,
      foreignShare: 60,
      reportedShareTotal: 50,
      normalised: true,
    });
  });

  it('gives a node without links no suppliers and no concentration', async () => {
    expect(await metricsOf('EMPTY')).toEqual({
      nodeId: node.EMPTY,
      supplierCount: 0,
      concentration: null,
      foreignShare: null,
      singleSource: false,
      countries: [],
      reportedShareTotal: 0,
      normalised: false,
    });
  });

  it('counts only the links in force at the instant, both ends included', async () => {
    // Only Gamma (CN, 50) is current: normalised to 100 → HHI 10,000, nothing foreign.
    expect(await metricsOf('PERIODS')).toMatchObject({
      supplierCount: 1,
      concentration: 10000,
      foreignShare: 0,
      singleSource: true,
      countries: ['CN'],
      reportedShareTotal: 50,
      normalised: true,
    });
    // A day earlier Alpha (JP, 70) was current and Gamma not yet: a single foreign source.
    const before = (await loadNodeMetrics(database.db, [node.PERIODS!], 'CN', new Date('2026-11-19T12:00:00Z'))).get(
      node.PERIODS!,
    )!;
    expect(before).toMatchObject({ supplierCount: 1, foreignShare: 100, countries: ['JP'] });
  });

  it('averages the lists of several reporters, each weighing the same', async () => {
    // Huaxin: Alpha 80, Gamma 20; Jinghua: Alpha 40, Epsilon 60. Mean per supplier over the two
    // reporters: Alpha 60, Gamma 10, Epsilon 30 (sum 100). HHI = 3600 + 100 + 900 = 4600; foreign = 90.
    expect(await metricsOf('TWO-REPORTERS')).toMatchObject({
      supplierCount: 3,
      concentration: 4600,
      foreignShare: 90,
      countries: ['CN', 'JP', 'KR'],
      reportedShareTotal: 100,
      normalised: false,
    });
  });

  it('answers for many nodes at once, each requested ID once', async () => {
    const ids = [node.SPREAD!, node.SOLE!, node.EMPTY!, node.SPREAD!];
    const metrics = await loadNodeMetrics(database.db, ids, 'CN', SEED_INSTANT);
    expect([...metrics.keys()].sort()).toEqual([node.SPREAD!, node.SOLE!, node.EMPTY!].sort());
    expect(metrics.get(node.SOLE!)?.singleSource).toBe(true);
    expect((await loadNodeMetrics(database.db, [], 'CN', SEED_INSTANT)).size).toBe(0);
  });
});
