/**
 * Invites a person: an INVITED account without a password, and an activation token valid 7 days,
 * e-mailed to the person (src/domain/notifications/account-mail.ts) and returned once to the
 * administrator, who hands it over where e-mail is not configured.
 */

import type { Actor } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { queueAccountMail } from '../notifications/account-mail.ts';
import { createPerson, type TCreatePersonInput } from '../organizations/create-person.ts';
import { activationValidityMs, issueOneTimeToken } from './one-time-tokens.ts';
import { requireAdministrator } from './require-admin.ts';

export type TInvitePersonInput = Omit<TCreatePersonInput, 'passwordHash'>;

export async function invitePerson(tx: Tx, actor: Actor, input: TInvitePersonInput, now: Date) {
  requireAdministrator(actor);
  // Only the known fields: a `passwordHash` smuggled in would skip the invitation.
  const { organizationId, email, displayName, roles, clearance } = input;
  const created = await createPerson(tx, actor, { organizationId, email, displayName, roles, clearance }, now);
  const { token, expiresAt } = await issueOneTimeToken(tx, created.id, 'ACTIVATION', now, activationValidityMs);
  await queueAccountMail(tx, { personId: created.id, purpose: 'ACTIVATION', token, expiresAt }, now);
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'person.invited',
    entityKind: 'Person',
    entityId: created.id,
    after: { status: created.status, activationExpiresAt: expiresAt.toISOString() },
    occurredAt: now,
  });
  const person = {
    id: created.id,
    organizationId: created.organizationId,
    email: created.email,
    displayName: created.displayName,
    roles: created.roles,
    clearance: created.clearance,
    status: created.status,
    version: created.version,
  };
  return { person, activationToken: token, activationExpiresAt: expiresAt };
}
