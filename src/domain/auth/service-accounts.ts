/**
 * Service accounts: long-lived API tokens for a department's (or firm's, institute's) systems,
 * scoped to one organisation. The token (`icsr_sa_` + 32 random bytes, base64url) is returned once
 * by `createServiceAccount` and stored only as its SHA-256; it cannot be shown again, only revoked
 * and replaced. Roles must belong to the organisation's kind, and `ADMIN` is refused: account
 * administration is personal and protected by a second factor.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations, serviceAccounts } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { clearanceLevels, roleOrganizationKind, roles } from '../../../vocabulary/terms.ts';
import type { Tx } from '../../database/database.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../errors.ts';
import { requireAdministrator } from '../people/require-admin.ts';
import { parseInput } from '../validation.ts';
import { randomToken, serviceAccountTokenPrefix, sha256Hex } from './token-hash.ts';

export const ZCreateServiceAccountInput = z.object({
  organizationId: z.uuid(),
  name: z.string().trim().min(2).max(200),
  roles: z
    .array(z.enum(roles))
    .min(1, 'a service account needs at least one role')
    .refine((r) => !r.includes('ADMIN'), 'a service account cannot hold ADMIN'),
  clearance: z.enum(clearanceLevels).default('INTERNAL'),
});
export type TCreateServiceAccountInput = z.input<typeof ZCreateServiceAccountInput>;

const publicColumns = {
  id: serviceAccounts.id,
  organizationId: serviceAccounts.organizationId,
  name: serviceAccounts.name,
  roles: serviceAccounts.roles,
  clearance: serviceAccounts.clearance,
  createdById: serviceAccounts.createdById,
  createdAt: serviceAccounts.createdAt,
  lastUsedAt: serviceAccounts.lastUsedAt,
  revokedAt: serviceAccounts.revokedAt,
};

export async function createServiceAccount(tx: Tx, actor: Actor, input: TCreateServiceAccountInput, now: Date) {
  requireAdministrator(actor);
  const data = parseInput(ZCreateServiceAccountInput, input);
  const [organization] = await tx.select().from(organizations).where(eq(organizations.id, data.organizationId));
  if (!organization) throw new NotFoundError('Organization');
  const misplaced = data.roles.filter((role) => roleOrganizationKind[role] !== organization.kind);
  if (misplaced.length > 0) {
    throw ValidationError.single('roles', `${misplaced.join(', ')} cannot be held in a ${organization.kind}`);
  }
  const token = randomToken(serviceAccountTokenPrefix);
  const uniqueRoles = [...new Set(data.roles)];
  const [serviceAccount] = await tx
    .insert(serviceAccounts)
    .values({
      organizationId: organization.id,
      name: data.name,
      roles: uniqueRoles,
      clearance: data.clearance,
      tokenHash: sha256Hex(token),
      createdById: actor.kind === 'PERSON' ? actor.personId : null,
      createdAt: now,
    })
    .returning(publicColumns);
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'service_account.created',
    entityKind: 'ServiceAccount',
    entityId: serviceAccount!.id,
    after: { organizationId: organization.id, name: data.name, roles: uniqueRoles, clearance: data.clearance },
    occurredAt: now,
  });
  return { serviceAccount: serviceAccount!, token };
}

export const ZRevokeServiceAccountInput = z.object({
  serviceAccountId: z.uuid(),
  reason: z.string().trim().max(2000).optional(),
});
export type TRevokeServiceAccountInput = z.input<typeof ZRevokeServiceAccountInput>;

/** Revokes the account's token at once: the next request with it is refused. */
export async function revokeServiceAccount(tx: Tx, actor: Actor, input: TRevokeServiceAccountInput, now: Date) {
  requireAdministrator(actor);
  const data = parseInput(ZRevokeServiceAccountInput, input);
  const [current] = await tx
    .select(publicColumns)
    .from(serviceAccounts)
    .where(eq(serviceAccounts.id, data.serviceAccountId))
    .for('update');
  if (!current) throw new NotFoundError('ServiceAccount');
  if (current.revokedAt !== null) throw new InvalidTransitionError('REVOKED', 'REVOKE', []);
  const [row] = await tx
    .update(serviceAccounts)
    .set({ revokedAt: now })
    .where(eq(serviceAccounts.id, current.id))
    .returning(publicColumns);
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'service_account.revoked',
    entityKind: 'ServiceAccount',
    entityId: current.id,
    before: { revoked: false },
    after: { revoked: true },
    reason: data.reason ?? null,
    occurredAt: now,
  });
  return row!;
}
