/**
 * Demo data is applied in named steps, each in its own transaction together with its marker row,
 * so a second run writes nothing and a later issue extends the seed by adding a step.
 */
import { eq } from 'drizzle-orm';
import { seedSteps } from '../../db/schema/messaging.ts';
import type { Database, Tx } from '../database/database.ts';

export interface SeedStep {
  /** Sortable and stable: '010-reference-data'. Never rename a step that has shipped. */
  readonly id: string;
  run(tx: Tx, now: Date): Promise<void>;
}

export async function runSeedSteps(db: Database, steps: readonly SeedStep[], now: Date): Promise<string[]> {
  const applied: string[] = [];
  for (const step of steps) {
    const done = await db.transaction(async (tx) => {
      const [marker] = await tx.select().from(seedSteps).where(eq(seedSteps.id, step.id));
      if (marker) return true;
      await step.run(tx, now);
      await tx.insert(seedSteps).values({ id: step.id, appliedAt: now });
      return false;
    });
    if (!done) applied.push(step.id);
  }
  return applied;
}
