/**
 * Labels of the taxonomy in both languages (issue 7 §7): every value of every labelled enum has an
 * English and a Chinese label and a one-line description, and the API serves them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsOf, taxonomyLabels, taxonomyNames } from '../../vocabulary/labels.ts';
import * as v from '../../vocabulary/terms.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const han = /\p{Script=Han}/u;

describe('the labels', () => {
  it.each(taxonomyNames)('of %s give every value an English and a Chinese label and a description', (taxonomy) => {
    const { values, labels } = taxonomyLabels[taxonomy];
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const label of labelsOf(taxonomy)) {
      expect(label.en, `${taxonomy}.${label.value}`).toMatch(/^[A-Z][^\n]*$/);
      expect(label.zh, `${taxonomy}.${label.value}`).toMatch(han);
      expect(label.description, `${taxonomy}.${label.value}`).toMatch(/^[A-Z0-9][^\n]{9,160}$/);
    }
  });

  it('cover the taxonomy, the risk grades and the case states at least', () => {
    const covered = new Set<readonly string[]>(taxonomyNames.map((t) => taxonomyLabels[t].values));
    for (const values of [
      v.securityTypes,
      v.keyDimensions,
      v.capabilities,
      v.strategies,
      v.subStrategies,
      v.technologyMaturities,
      v.technologyStrategyClasses,
      v.riskGrades,
      v.caseStates,
    ]) {
      expect(covered.has(values)).toBe(true);
    }
  });

  it('use the paper’s Chinese terms', () => {
    const zh = (taxonomy: (typeof taxonomyNames)[number], value: string) =>
      labelsOf(taxonomy).find((l) => l.value === value)!.zh;
    expect(zh('SECURITY_TYPE', 'CAPABILITY_DEFICIT')).toBe('能力缺失型');
    expect(zh('KEY_DIMENSION', 'UNECONOMICAL_ENTRY')).toBe('进入不经济');
    expect(zh('STRATEGY', 'GRADIENT_CULTIVATION')).toBe('梯度培育战略');
    expect(zh('SUB_STRATEGY', 'MOTHER_FACTORY')).toBe('母工厂');
    expect(zh('CAPABILITY', 'SUPPORT')).toBe('配套能力');
  });
});

describe('the API', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.destroy();
  });

  it('serves the labels of one enum, in order, with where each value sits in the paper’s table', async () => {
    const result = await server.graphql<{ taxonomyLabels: Record<string, unknown>[] }>(
      '{ taxonomyLabels(taxonomy: SUB_STRATEGY) { value labelEn labelZh description belongsTo } }',
      {},
      await bearerFor(database, 'rep@huaxin.example'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.taxonomyLabels.map((l) => l.value)).toEqual([...v.subStrategies]);
    expect(result.data!.taxonomyLabels).toContainEqual({
      value: 'MOTHER_FACTORY',
      labelEn: 'Mother factory',
      labelZh: '母工厂',
      description: 'Keep core manufacturing know-how at home while production moves abroad.',
      belongsTo: 'DEFENCE',
    });
  });

  it('asks a signed-out caller to sign in', async () => {
    const result = await server.graphql('{ taxonomyLabels(taxonomy: RISK_GRADE) { value } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
