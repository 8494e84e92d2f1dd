/** What the decision actions share: the acting person, the case's parties, the pending proposal. */
import { and, desc, eq } from 'drizzle-orm';
import { caseParties } from '../../../db/schema/cases.ts';
import { decisions } from '../../../db/schema/decisions.ts';
import type { Actor, PersonActor } from '../../../vocabulary/actor.ts';
import type { Queryable } from '../../database/database.ts';
import { ForbiddenError } from '../errors.ts';

export type DecisionRow = typeof decisions.$inferSelect;

/** Decisions are proposed, approved and appealed by people: the trail names who, never a system account. */
export function requirePerson(actor: Actor): PersonActor {
  if (actor.kind !== 'PERSON') throw new ForbiddenError('only a person may act on a decision');
  return actor;
}

/** The organisations taking part in a case (each once, whatever their roles). */
export async function partyOrganizationIds(tx: Queryable, caseId: string): Promise<string[]> {
  const rows = await tx
    .select({ organizationId: caseParties.organizationId })
    .from(caseParties)
    .where(eq(caseParties.caseId, caseId));
  return [...new Set(rows.map((r) => r.organizationId))];
}

/** The newest decision of the case in `state`, if any. */
export async function latestDecision(
  tx: Queryable,
  caseId: string,
  state: DecisionRow['state'],
): Promise<DecisionRow | null> {
  const [row] = await tx
    .select()
    .from(decisions)
    .where(and(eq(decisions.caseId, caseId), eq(decisions.state, state)))
    .orderBy(desc(decisions.proposedAt))
    .limit(1);
  return row ?? null;
}
