/**
 * Sets a person's roles and clearance (optimistic lock on `expectedVersion`). Roles must belong to
 * the person's organisation kind. Every change moves `tokensValidAfter` to `now`: access tokens
 * already issued are refused, and the client gets new ones through its refresh token, whose
 * rotation recomputes the second-factor state for the new roles (refresh tokens stay valid).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations, people, personRoles } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { clearanceLevels, roleOrganizationKind, roles } from '../../../vocabulary/terms.ts';
import type { Tx } from '../../database/database.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { NotFoundError, StaleVersionError, ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { personViewColumns } from './person-view.ts';
import { requireAdministrator } from './require-admin.ts';

export const ZSetPersonAccessInput = z.object({
  personId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  roles: z.array(z.enum(roles)).min(1, 'a person needs at least one role'),
  clearance: z.enum(clearanceLevels),
  reason: z.string().trim().max(2000).optional(),
});
export type TSetPersonAccessInput = z.input<typeof ZSetPersonAccessInput>;

export async function setPersonAccess(tx: Tx, actor: Actor, input: TSetPersonAccessInput, now: Date) {
  requireAdministrator(actor);
  const data = parseInput(ZSetPersonAccessInput, input);
  const [current] = await tx
    .select({
      id: people.id,
      version: people.version,
      clearance: people.clearance,
      organizationKind: organizations.kind,
    })
    .from(people)
    .innerJoin(organizations, eq(organizations.id, people.organizationId))
    .where(eq(people.id, data.personId))
    .for('update', { of: people });
  if (!current) throw new NotFoundError('Person');
  if (current.version !== data.expectedVersion) throw new StaleVersionError(current.version);
  const misplaced = data.roles.filter((role) => roleOrganizationKind[role] !== current.organizationKind);
  if (misplaced.length > 0) {
    throw ValidationError.single('roles', `${misplaced.join(', ')} cannot be held in a ${current.organizationKind}`);
  }

  const before = (
    await tx.select({ role: personRoles.role }).from(personRoles).where(eq(personRoles.personId, current.id))
  ).map((r) => r.role);
  const after = [...new Set(data.roles)];
  await tx.delete(personRoles).where(eq(personRoles.personId, current.id));
  await tx.insert(personRoles).values(after.map((role) => ({ personId: current.id, role, grantedAt: now })));
  const [row] = await tx
    .update(people)
    .set({ clearance: data.clearance, tokensValidAfter: now, updatedAt: now, version: current.version + 1 })
    .where(eq(people.id, current.id))
    .returning(personViewColumns);
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'person.access_set',
    entityKind: 'Person',
    entityId: current.id,
    before: { roles: before, clearance: current.clearance },
    after: { roles: after, clearance: data.clearance },
    reason: data.reason ?? null,
    occurredAt: now,
  });
  return { ...row!, roles: after };
}
