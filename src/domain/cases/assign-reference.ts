import { sql } from 'drizzle-orm';
import { caseReferenceCounters } from '../../../db/schema/cases.ts';
import type { Tx } from '../../database/database.ts';

/** Formats ICSR-YYYY-NNNNNN. */
export const formatReference = (year: number, number: number) => `ICSR-${year}-${String(number).padStart(6, '0')}`;

/**
 * Takes the next reference number of `year` inside the caller's transaction. The counter row is
 * locked by the update until the transaction ends, and a rollback gives the number back, so
 * numbers are gap-free per year (a sequence would leave a gap).
 */
export async function assignReference(tx: Tx, year: number): Promise<string> {
  const [row] = await tx
    .insert(caseReferenceCounters)
    .values({ year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: caseReferenceCounters.year,
      set: { lastNumber: sql`${caseReferenceCounters.lastNumber} + 1` },
    })
    .returning({ lastNumber: caseReferenceCounters.lastNumber });
  return formatReference(year, row!.lastNumber);
}
