/**
 * An invited person redeems their activation token and chooses a password: the account becomes
 * ACTIVE. No signed-in caller: the change is audited as the person themselves.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { people } from '../../../db/schema/organizations.ts';
import type { Tx } from '../../database/database.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { InvalidTokenError } from '../auth/auth-errors.ts';
import { hashPassword, ZPassword } from '../auth/passwords.ts';
import { parseInput } from '../validation.ts';
import { consumeOneTimeToken, loadPersonForSelfService } from './one-time-tokens.ts';
import { personViewColumns } from './person-view.ts';

export const ZActivateAccountInput = z.object({
  token: z.string().min(1).max(200),
  password: ZPassword,
});
export type TActivateAccountInput = z.input<typeof ZActivateAccountInput>;

export async function activateAccount(tx: Tx, input: TActivateAccountInput, now: Date) {
  const data = parseInput(ZActivateAccountInput, input);
  const personId = await consumeOneTimeToken(tx, data.token, 'ACTIVATION', now);
  const { person, actor } = await loadPersonForSelfService(tx, personId);
  if (person.status !== 'INVITED') throw new InvalidTokenError('inactive');
  const [row] = await tx
    .update(people)
    .set({
      passwordHash: await hashPassword(data.password),
      status: 'ACTIVE',
      failedLoginCount: 0,
      lockedUntil: null,
      updatedAt: now,
      version: person.version + 1,
    })
    .where(eq(people.id, person.id))
    .returning(personViewColumns);
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'person.activated',
    entityKind: 'Person',
    entityId: person.id,
    before: { status: person.status },
    after: { status: 'ACTIVE' },
    occurredAt: now,
  });
  return row!;
}
