/**
 * Deactivates a person: status DEACTIVATED, `tokensValidAfter` = now (access tokens already issued
 * are refused on their next request), every refresh token and unused one-time token revoked.
 * An administrator cannot deactivate themselves (so a deployment is not left without one by mistake).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { people } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { revokePersonRefreshTokens } from '../auth/refresh-tokens.ts';
import { ForbiddenError, InvalidTransitionError, NotFoundError, StaleVersionError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { retireOneTimeTokens } from './one-time-tokens.ts';
import { personViewColumns } from './person-view.ts';
import { requireAdministrator } from './require-admin.ts';

export const ZDeactivatePersonInput = z.object({
  personId: z.uuid(),
  /** When given, the person must not have changed since the administrator read them. */
  expectedVersion: z.number().int().positive().optional(),
  reason: z.string().trim().max(2000).optional(),
});
export type TDeactivatePersonInput = z.input<typeof ZDeactivatePersonInput>;

export async function deactivatePerson(tx: Tx, actor: Actor, input: TDeactivatePersonInput, now: Date) {
  requireAdministrator(actor);
  const data = parseInput(ZDeactivatePersonInput, input);
  if (actor.kind === 'PERSON' && actor.personId === data.personId) {
    throw new ForbiddenError('an administrator cannot deactivate themselves');
  }
  const [current] = await tx
    .select({ id: people.id, status: people.status, version: people.version })
    .from(people)
    .where(eq(people.id, data.personId))
    .for('update');
  if (!current) throw new NotFoundError('Person');
  if (data.expectedVersion !== undefined && current.version !== data.expectedVersion) {
    throw new StaleVersionError(current.version);
  }
  if (current.status === 'DEACTIVATED') throw new InvalidTransitionError('DEACTIVATED', 'DEACTIVATE', []);
  const [row] = await tx
    .update(people)
    .set({ status: 'DEACTIVATED', tokensValidAfter: now, updatedAt: now, version: current.version + 1 })
    .where(eq(people.id, current.id))
    .returning(personViewColumns);
  await revokePersonRefreshTokens(tx, current.id, now);
  await retireOneTimeTokens(tx, current.id, now);
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'person.deactivated',
    entityKind: 'Person',
    entityId: current.id,
    before: { status: current.status },
    after: { status: 'DEACTIVATED' },
    reason: data.reason ?? null,
    occurredAt: now,
  });
  return row!;
}
