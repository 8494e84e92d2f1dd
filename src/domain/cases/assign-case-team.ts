import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { cases } from '../../../db/schema/cases.ts';
import { people, personRoles } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { loadCaseFor } from '../access/authorize.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { StaleVersionError, ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';

export const ZAssignCaseTeamInput = z.object({
  caseId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  caseOfficerId: z.uuid(),
  leadReviewerId: z.uuid(),
  reason: z.string().trim().max(2000).optional(),
});
export type TAssignCaseTeamInput = z.input<typeof ZAssignCaseTeamInput>;

/** Assigns or reassigns a case's officer and lead reviewer (design §1), recorded on the case's chain. */
export async function assignCaseTeam(tx: Tx, actor: Actor, input: TAssignCaseTeamInput, now: Date) {
  const data = parseInput(ZAssignCaseTeamInput, input);
  const current = await loadCaseFor(tx, actor, 'assign', data.caseId, { lock: true });
  if (current.version !== data.expectedVersion) throw new StaleVersionError(current.version);

  const holders = await tx
    .select({ personId: personRoles.personId, role: personRoles.role })
    .from(personRoles)
    .innerJoin(people, eq(people.id, personRoles.personId))
    .where(and(inArray(personRoles.personId, [data.caseOfficerId, data.leadReviewerId]), eq(people.status, 'ACTIVE')));
  const holds = (personId: string, role: string) => holders.some((h) => h.personId === personId && h.role === role);
  const errors = [];
  if (!holds(data.caseOfficerId, 'CASE_OFFICER')) {
    errors.push({ field: 'caseOfficerId', message: 'must be an active person with the CASE_OFFICER role' });
  }
  if (!holds(data.leadReviewerId, 'LEAD_REVIEWER')) {
    errors.push({ field: 'leadReviewerId', message: 'must be an active person with the LEAD_REVIEWER role' });
  }
  if (errors.length > 0) throw new ValidationError(errors);

  const [row] = await tx
    .update(cases)
    .set({
      caseOfficerId: data.caseOfficerId,
      leadReviewerId: data.leadReviewerId,
      lastActivityAt: now,
      updatedAt: now,
      version: current.version + 1,
    })
    .where(eq(cases.id, data.caseId))
    .returning();
  await appendAuditEntry(tx, actor, {
    chain: caseChain(data.caseId),
    caseId: data.caseId,
    action: 'case.team_assigned',
    entityKind: 'Case',
    entityId: data.caseId,
    before: { caseOfficerId: current.caseOfficerId, leadReviewerId: current.leadReviewerId },
    after: { caseOfficerId: data.caseOfficerId, leadReviewerId: data.leadReviewerId },
    reason: data.reason ?? null,
    occurredAt: now,
  });
  return row!;
}
