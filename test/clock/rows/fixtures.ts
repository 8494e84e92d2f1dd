/** Shared set-up for the clock-row tests: a rolled-back transaction per test on the seeded database. */
import { and, eq, like, sql } from 'drizzle-orm';
import { auditEntries } from '../../../db/schema/audit.ts';
import { cases } from '../../../db/schema/cases.ts';
import { clocks, regimes } from '../../../db/schema/clocks.ts';
import type { Database, Tx } from '../../../src/database/database.ts';

class Rollback extends Error {}

/** Runs `body` in a transaction that is always rolled back, so every test starts from the seed. */
export async function inRolledBackTransaction(db: Database, body: (tx: Tx) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await body(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

/** Seeded cases by the start of their title (src/seed/demo-data.ts); all start on CN_CSR v1. */
export const seededCases = {
  relocation: 'Relocation of the advanced packaging line',
  cutOff: 'Announced cut-off of ArF photoresist',
  acquisition: 'Proposed acquisition of Dongfang EDA',
} as const;

/**
 * A seeded case without clocks: the seed's workflow started its acceptance or screening clock, which
 * these tests replace with clocks of their own (inside their rolled-back transaction).
 */
export async function seededCase(tx: Tx, which: keyof typeof seededCases) {
  const [found] = await tx
    .select()
    .from(cases)
    .where(like(cases.title, `${seededCases[which]}%`));
  if (!found) throw new Error(`seeded case ${which} not found`);
  await tx.update(cases).set({ currentClockId: null, nextDueAt: null }).where(eq(cases.id, found.id));
  await tx.delete(clocks).where(eq(clocks.caseId, found.id));
  const [row] = await tx.select().from(cases).where(eq(cases.id, found.id));
  return row!;
}

export async function regimeId(tx: Tx, code: 'CN_CSR' | 'US_CFIUS'): Promise<string> {
  const [row] = await tx
    .select({ id: regimes.id })
    .from(regimes)
    .where(and(eq(regimes.code, code), eq(regimes.version, 1)));
  return row!.id;
}

/** Test set-up only: puts a seeded case on another regime (no API does this; a case keeps its regime). */
export async function putCaseOnRegime(tx: Tx, caseId: string, code: 'CN_CSR' | 'US_CFIUS'): Promise<void> {
  await tx
    .update(cases)
    .set({ regimeId: await regimeId(tx, code) })
    .where(eq(cases.id, caseId));
}

export async function clockRow(tx: Tx, clockId: string) {
  const [row] = await tx.select().from(clocks).where(eq(clocks.id, clockId));
  return row!;
}

export async function caseRow(tx: Tx, caseId: string) {
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId));
  return row!;
}

export async function adminEntries(tx: Tx) {
  return tx.select().from(auditEntries).where(eq(auditEntries.chain, 'admin')).orderBy(sql`${auditEntries.sequence}`);
}

/** Removes every clock (inside the test's rolled-back transaction), for tests that count clocks. */
export async function withoutClocks(tx: Tx): Promise<void> {
  await tx.update(cases).set({ currentClockId: null, nextDueAt: null });
  await tx.delete(clocks);
}
