/**
 * A person redeems a password-reset token with a new password. Every token they hold is revoked:
 * access tokens through `tokensValidAfter`, refresh tokens explicitly; a lockout is lifted.
 * No signed-in caller: the change is audited as the person themselves.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { people } from '../../../db/schema/organizations.ts';
import type { Tx } from '../../database/database.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { InvalidTokenError } from '../auth/auth-errors.ts';
import { hashPassword, ZPassword } from '../auth/passwords.ts';
import { revokePersonRefreshTokens } from '../auth/refresh-tokens.ts';
import { parseInput } from '../validation.ts';
import { consumeOneTimeToken, loadPersonForSelfService } from './one-time-tokens.ts';
import { personViewColumns } from './person-view.ts';

export const ZResetPasswordInput = z.object({
  token: z.string().min(1).max(200),
  password: ZPassword,
});
export type TResetPasswordInput = z.input<typeof ZResetPasswordInput>;

export async function resetPassword(tx: Tx, input: TResetPasswordInput, now: Date) {
  const data = parseInput(ZResetPasswordInput, input);
  const personId = await consumeOneTimeToken(tx, data.token, 'PASSWORD_RESET', now);
  const { person, actor } = await loadPersonForSelfService(tx, personId);
  if (person.status !== 'ACTIVE') throw new InvalidTokenError('inactive');
  const [row] = await tx
    .update(people)
    .set({
      passwordHash: await hashPassword(data.password),
      failedLoginCount: 0,
      lockedUntil: null,
      tokensValidAfter: now,
      updatedAt: now,
      version: person.version + 1,
    })
    .where(eq(people.id, person.id))
    .returning(personViewColumns);
  await revokePersonRefreshTokens(tx, person.id, now);
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'person.password_reset',
    entityKind: 'Person',
    entityId: person.id,
    after: { tokensRevoked: true },
    occurredAt: now,
  });
  return row!;
}
