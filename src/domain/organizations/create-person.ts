import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations, people, personRoles } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { clearanceLevels, roleOrganizationKind, roles } from '../../../vocabulary/terms.ts';
import type { Tx } from '../../database/database.ts';
import { assertCan } from '../access/authorize.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { isUniqueViolation, parseInput } from '../validation.ts';

export const ZCreatePersonInput = z.object({
  organizationId: z.uuid(),
  email: z.email().trim().toLowerCase(),
  displayName: z.string().trim().min(2).max(200),
  roles: z.array(z.enum(roles)).min(1, 'a person needs at least one role'),
  clearance: z.enum(clearanceLevels).default('INTERNAL'),
  /** An argon2id hash; without one the person is INVITED until they activate their account. */
  passwordHash: z.string().startsWith('$argon2id$').optional(),
});
export type TCreatePersonInput = z.input<typeof ZCreatePersonInput>;

/** Adds a person to an organisation with roles that belong to that kind of organisation. */
export async function createPerson(tx: Tx, actor: Actor, input: TCreatePersonInput, now: Date) {
  assertCan(actor, 'create', 'Person');
  const data = parseInput(ZCreatePersonInput, input);
  const [organization] = await tx.select().from(organizations).where(eq(organizations.id, data.organizationId));
  if (!organization) throw new NotFoundError('Organization');
  const misplaced = data.roles.filter((role) => roleOrganizationKind[role] !== organization.kind);
  if (misplaced.length > 0) {
    throw ValidationError.single('roles', `${misplaced.join(', ')} cannot be held in a ${organization.kind}`);
  }
  try {
    const [person] = await tx
      .insert(people)
      .values({
        organizationId: organization.id,
        email: data.email,
        displayName: data.displayName,
        clearance: data.clearance,
        passwordHash: data.passwordHash ?? null,
        status: data.passwordHash ? 'ACTIVE' : 'INVITED',
        tokensValidAfter: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const uniqueRoles = [...new Set(data.roles)];
    await tx.insert(personRoles).values(uniqueRoles.map((role) => ({ personId: person!.id, role, grantedAt: now })));
    await appendAuditEntry(tx, actor, {
      chain: adminChain,
      action: 'person.created',
      entityKind: 'Person',
      entityId: person!.id,
      after: { organizationId: organization.id, email: data.email, roles: uniqueRoles, clearance: data.clearance },
      occurredAt: now,
    });
    return { ...person!, roles: uniqueRoles };
  } catch (error) {
    if (isUniqueViolation(error, 'people_email_key')) throw new ConflictError(`${data.email} is already registered`);
    throw error;
  }
}
