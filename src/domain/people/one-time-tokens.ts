/**
 * One-time tokens for account activation (after an invitation) and password reset: `icsr_ot_` + 32
 * random bytes, stored only as SHA-256, single use, valid until `expiresAt` (checked against the
 * `now` passed in). Issuing a new token of a purpose retires the person's unused ones of that purpose.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { oneTimeTokens, people } from '../../../db/schema/organizations.ts';
import type { PersonActor } from '../../../vocabulary/actor.ts';
import type { oneTimeTokenPurposes } from '../../../vocabulary/terms.ts';
import type { Queryable, Tx } from '../../database/database.ts';
import { InvalidTokenError } from '../auth/auth-errors.ts';
import { oneTimeTokenPrefix, randomToken, sha256Hex } from '../auth/token-hash.ts';
import { NotFoundError } from '../errors.ts';

export type OneTimeTokenPurpose = (typeof oneTimeTokenPurposes)[number];

export const activationValidityMs = 7 * 86_400_000;
export const passwordResetValidityMs = 86_400_000;

export async function issueOneTimeToken(
  tx: Tx,
  personId: string,
  purpose: OneTimeTokenPurpose,
  now: Date,
  validForMs: number,
): Promise<{ token: string; expiresAt: Date }> {
  await retireOneTimeTokens(tx, personId, now, purpose);
  const token = randomToken(oneTimeTokenPrefix);
  const expiresAt = new Date(now.getTime() + validForMs);
  await tx.insert(oneTimeTokens).values({ personId, purpose, tokenHash: sha256Hex(token), createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** Marks the token used and returns its person; `InvalidTokenError` if unknown, used, expired or for another purpose. */
export async function consumeOneTimeToken(
  tx: Tx,
  token: string,
  purpose: OneTimeTokenPurpose,
  now: Date,
): Promise<string> {
  const [row] = await tx
    .select()
    .from(oneTimeTokens)
    .where(eq(oneTimeTokens.tokenHash, sha256Hex(token)))
    .for('update');
  if (!row || row.purpose !== purpose) throw new InvalidTokenError('invalid');
  if (row.usedAt !== null) throw new InvalidTokenError('reused');
  if (row.expiresAt.getTime() <= now.getTime()) throw new InvalidTokenError('expired');
  await tx.update(oneTimeTokens).set({ usedAt: now }).where(eq(oneTimeTokens.id, row.id));
  return row.personId;
}

/** Makes the person's unused tokens (of one purpose, or all) unusable. */
export async function retireOneTimeTokens(
  db: Queryable,
  personId: string,
  now: Date,
  purpose?: OneTimeTokenPurpose,
): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeTokens.personId, personId),
        isNull(oneTimeTokens.usedAt),
        purpose === undefined ? undefined : eq(oneTimeTokens.purpose, purpose),
      ),
    );
}

/**
 * The person redeeming a one-time token, locked for update, as the actor their own change is
 * audited under (activation and password reset have no signed-in caller).
 */
export async function loadPersonForSelfService(tx: Tx, personId: string) {
  const [person] = await tx.select().from(people).where(eq(people.id, personId)).for('update');
  if (!person) throw new NotFoundError('Person');
  const details = await tx.query.people.findFirst({
    where: { id: personId },
    columns: {},
    with: { organization: { columns: { kind: true } }, roles: { columns: { role: true } } },
  });
  const actor: PersonActor = {
    kind: 'PERSON',
    personId: person.id,
    organizationId: person.organizationId,
    organizationKind: details!.organization.kind,
    roles: details!.roles.map((r) => r.role),
    clearance: person.clearance,
  };
  return { person, actor };
}
