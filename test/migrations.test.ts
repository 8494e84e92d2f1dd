import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, selectRows } from '../src/database/database.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

const expectedTables = [
  'organizations',
  'people',
  'person_roles',
  'refresh_tokens',
  'service_accounts',
  'one_time_tokens',
  'login_attempts',
  'person_preferences',
  'cases',
  'case_reference_counters',
  'case_parties',
  'case_nodes',
  'case_notes',
  'consultations',
  'assessments',
  'conflict_declarations',
  'information_requests',
  'representation_requests',
  'documents',
  'document_shares',
  'decisions',
  'conditions',
  'compliance_reports',
  'appeals',
  'appeal_panel_members',
  'clocks',
  'clock_pauses',
  'calendars',
  'calendar_years',
  'calendar_days',
  'regimes',
  'audit_entries',
  'audit_chain_heads',
  'outbox',
  'notifications',
  'notification_deliveries',
  'webhook_endpoints',
  'idempotency_keys',
  'industry_chains',
  'chain_nodes',
  'suppliers',
  'supply_links',
  'key_technologies',
  'industry_committees',
  'seed_steps',
];

async function tableNames(db: TestDatabase['db']) {
  const rows = await selectRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  return rows.map((r) => r.table_name).sort();
}

describe('migrations on a fresh embedded database', () => {
  it('create the whole data model, and running them again changes nothing', async () => {
    const handle = await openPglite(undefined);
    try {
      await handle.migrate();
      expect(await tableNames(handle.db)).toEqual([...expectedTables].sort());
      await handle.migrate();
      expect(await tableNames(handle.db)).toEqual([...expectedTables].sort());
    } finally {
      await handle.close();
    }
  });
});

describe('migrations on the test engine (PGlite, or PostgreSQL with TEST_DATABASE_URL)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: false });
  });
  afterAll(() => database.destroy());

  it('create every table', async () => {
    expect(await tableNames(database.db)).toEqual([...expectedTables].sort());
  });

  it('index every foreign key column used to load children', async () => {
    // Each foreign key must lead an index, or loading a parent's children scans the table.
    const rows = await selectRows<{ table_name: string; column_name: string }>(
      database.db,
      sql`
      select c.conrelid::regclass::text as table_name, a.attname as column_name
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]
        )`,
    );
    expect(rows.map((r) => `${r.table_name}.${r.column_name}`)).toEqual([]);
  });

  it('keep the audit trail append-only', async () => {
    const db = database.db;
    await db.execute(sql`insert into audit_entries (chain, sequence, actor_kind, action, entity_kind, occurred_at, hash)
      values ('admin', 1, 'SYSTEM', 'test.probe', 'Probe', now(), ${'a'.repeat(64)})`);
    await expect(db.execute(sql`update audit_entries set action = 'changed'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_entries`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_entries`)).rejects.toThrow();
    const [row] = await selectRows<{ action: string }>(db, sql`select action from audit_entries`);
    expect(row?.action).toBe('test.probe');
  });

  it('reject rows that break the domain rules', async () => {
    const db = database.db;
    await expect(
      db.execute(sql`insert into organizations (kind, code, name, country, is_chain_leader)
        values ('DEPARTMENT', 'X-DEPT', 'Dept', 'CN', true)`),
    ).rejects.toThrow();
    await db.execute(
      sql`insert into organizations (kind, code, name, country) values ('REVIEW_OFFICE', 'OFFICE-1', 'Office', 'CN')`,
    );
    await expect(
      db.execute(
        sql`insert into organizations (kind, code, name, country) values ('REVIEW_OFFICE', 'OFFICE-2', 'Office 2', 'CN')`,
      ),
    ).rejects.toThrow();
  });
});
