/**
 * An administrator issues a password-reset token (valid one day) for an ACTIVE person, sent by
 * e-mail and returned once (to hand over where e-mail is not configured). An earlier unused reset
 * token stops working.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { people } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { InvalidTransitionError, NotFoundError } from '../errors.ts';
import { queueAccountMail } from '../notifications/account-mail.ts';
import { parseInput } from '../validation.ts';
import { issueOneTimeToken, passwordResetValidityMs } from './one-time-tokens.ts';
import { requireAdministrator } from './require-admin.ts';

export const ZRequestPasswordResetInput = z.object({
  personId: z.uuid(),
  reason: z.string().trim().max(2000).optional(),
});
export type TRequestPasswordResetInput = z.input<typeof ZRequestPasswordResetInput>;

export async function requestPasswordReset(tx: Tx, actor: Actor, input: TRequestPasswordResetInput, now: Date) {
  requireAdministrator(actor);
  const data = parseInput(ZRequestPasswordResetInput, input);
  const [person] = await tx
    .select({ id: people.id, status: people.status })
    .from(people)
    .where(eq(people.id, data.personId))
    .for('update');
  if (!person) throw new NotFoundError('Person');
  if (person.status !== 'ACTIVE') {
    throw new InvalidTransitionError(person.status, 'REQUEST_PASSWORD_RESET', [], 'only an active account can reset');
  }
  const { token, expiresAt } = await issueOneTimeToken(tx, person.id, 'PASSWORD_RESET', now, passwordResetValidityMs);
  await queueAccountMail(tx, { personId: person.id, purpose: 'PASSWORD_RESET', token, expiresAt }, now);
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'person.password_reset_requested',
    entityKind: 'Person',
    entityId: person.id,
    after: { resetExpiresAt: expiresAt.toISOString() },
    reason: data.reason ?? null,
    occurredAt: now,
  });
  return { personId: person.id, resetToken: token, resetExpiresAt: expiresAt };
}
