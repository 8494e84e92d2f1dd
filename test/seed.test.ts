import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../src/database/database.ts';
import { demoSeedSteps } from '../src/seed/demo-data.ts';
import { runSeedSteps } from '../src/seed/seed-runner.ts';
import { SEED_INSTANT } from './support/fixed-time.ts';
import { seededCases } from './support/seeded-cases.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

/** Every row of every table, in a stable order: a logical dump to compare two states. */
async function dump(database: TestDatabase): Promise<Record<string, unknown[]>> {
  const tables = await selectRows<{ table_name: string }>(
    database.db,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const result: Record<string, unknown[]> = {};
  for (const { table_name } of tables) {
    result[table_name] = await selectRows(
      database.db,
      sql.raw(`select to_jsonb(t) as row from "${table_name}" t order by to_jsonb(t)::text`),
    );
  }
  return result;
}

describe('the demo seed', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: false });
  });
  afterAll(() => database.destroy());

  it('applies every step once; a second run writes nothing', async () => {
    expect(await runSeedSteps(database.db, demoSeedSteps, SEED_INSTANT)).toEqual(demoSeedSteps.map((s) => s.id));
    const first = await dump(database);
    expect(await runSeedSteps(database.db, demoSeedSteps, new Date(SEED_INSTANT.getTime() + 86_400_000))).toEqual([]);
    expect(await dump(database)).toEqual(first);
  });

  it('tells the paper’s story: the office, departments, firms, institutes and their people', async () => {
    const count = async (query: ReturnType<typeof sql>) =>
      Number((await selectRows<{ n: number }>(database.db, query))[0]!.n);
    expect(await count(sql`select count(*) as n from organizations where kind = 'REVIEW_OFFICE'`)).toBe(1);
    expect(await count(sql`select count(*) as n from organizations where kind = 'DEPARTMENT'`)).toBeGreaterThanOrEqual(
      6,
    );
    expect(await count(sql`select count(*) as n from organizations where kind = 'FIRM'`)).toBeGreaterThanOrEqual(4);
    expect(await count(sql`select count(*) as n from organizations where kind = 'INSTITUTE'`)).toBeGreaterThanOrEqual(
      2,
    );
    for (const role of [
      'CASE_OFFICER',
      'LEAD_REVIEWER',
      'APPEALS_PANEL',
      'AUDITOR',
      'ADMIN',
      'LIAISON',
      'FIRM_REPRESENTATIVE',
      'ASSESSOR',
    ]) {
      expect(
        await count(sql`select count(*) as n from person_roles where role = ${role}`),
        role,
      ).toBeGreaterThanOrEqual(1);
    }
    expect(
      await count(
        sql`select count(distinct p.organization_id) as n from people p join person_roles r on r.person_id = p.id where r.role = 'LIAISON'`,
      ),
    ).toBeGreaterThanOrEqual(2);
    expect(await count(sql`select count(*) as n from organizations where is_chain_leader`)).toBe(1);
    const nodes = await selectRows<{ code: string }>(database.db, sql`select code from chain_nodes`);
    expect(nodes.map((n) => n.code)).toEqual(expect.arrayContaining(['PHOTORESIST', 'EDA', 'MATERIALS', 'DESIGN']));
    const states = await selectRows<{ state: string }>(database.db, sql`select state from cases order by state::text`);
    // The numbered cases, and one firm's draft.
    expect(states.map((s) => s.state)).toEqual(['DRAFT', ...seededCases.map((c) => c.state)].sort());
  });

  it('shows the paper’s most important type: a long-standing capability gap, classified and under review', async () => {
    const [gap] = await selectRows<{
      reference: string;
      state: string;
      risk_policy_version: string;
      sub_strategy: string;
      proposal: { subStrategy: string; committeeSubStrategy: string; disagreesWithCommittee: boolean };
      node: string;
      consulted: string[];
    }>(
      database.db,
      sql`select c.reference, c.state, c.risk_policy_version, c.sub_strategy,
            c.risk_explanation->'assessment'->'proposal' as proposal,
            (select n.code from case_nodes cn join chain_nodes n on n.id = cn.node_id where cn.case_id = c.id) as node,
            (select array_agg(o.code) from consultations k join organizations o on o.id = k.department_id where k.case_id = c.id) as consulted
          from cases c where c.subject = 'CAPABILITY_GAP'`,
    );
    // Added last, so the earlier cases keep their numbers.
    expect(gap).toMatchObject({
      reference: seededCases.at(-1)!.reference,
      state: 'REVIEW',
      risk_policy_version: 'risk-v2',
      node: 'LITHOGRAPHY',
      consulted: ['MIIT'],
    });
    // The sub-strategy the policy derives from the facts, beside the committee's class, which differs.
    expect(gap!.proposal).toMatchObject({
      subStrategy: 'DOMESTIC_SUBSTITUTION',
      committeeSubStrategy: 'LEADERSHIP',
      disagreesWithCommittee: true,
    });
    expect(gap!.sub_strategy).toBe('DOMESTIC_SUBSTITUTION');
  });

  it('records every change it made in an audit chain', async () => {
    const [row] = await selectRows<{ n: number }>(
      database.db,
      sql`select count(*) as n from audit_chain_heads h
          where h.last_sequence = (select count(*) from audit_entries e where e.chain = h.chain)`,
    );
    const [chains] = await selectRows<{ n: number }>(
      database.db,
      sql`select count(distinct chain) as n from audit_entries`,
    );
    expect(Number(row!.n)).toBe(Number(chains!.n));
    expect(Number(chains!.n)).toBeGreaterThan(4);
  });
});
