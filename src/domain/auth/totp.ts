/**
 * Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s — what authenticator apps expect),
 * through otplib v13 with the time always taken from `now` (its `epoch` option), never the clock.
 *
 * Enrolment is two steps: `beginTotpEnrolment` stores a new secret as pending (`totpSecret` set,
 * `totpEnabledAt` null) and returns it with an otpauth:// URI for a QR code; the second factor is
 * only required once `confirmTotpEnrolment` has seen a valid code for it. Beginning again before
 * confirming replaces the pending secret. Both act on the caller's own account.
 */
import { eq } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import { people } from '../../../db/schema/organizations.ts';
import type { Actor, PersonActor } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError } from '../errors.ts';
import { InvalidTotpError } from './auth-errors.ts';

export const totpIssuer = 'ICSR';
const periodSeconds = 30;

/**
 * The time step of `code` when it is valid for `secret` at `now` (one 30-second step either side
 * accepted), else null. A step at or before `afterTimeStep` is refused: a code is used once.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  now: Date,
  afterTimeStep?: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: periodSeconds,
    });
    if (!result.valid) return null;
    const step = 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : null;
    if (step === null || (afterTimeStep != null && step <= afterTimeStep)) return null;
    return step;
  } catch {
    return null;
  }
}

function requirePerson(actor: Actor): PersonActor {
  if (actor.kind !== 'PERSON') throw new ForbiddenError('only a person can enrol a second factor');
  return actor;
}

/** Starts (or restarts) the caller's enrolment; the secret is shown once, here. */
export async function beginTotpEnrolment(
  tx: Tx,
  actor: Actor,
  now: Date,
): Promise<{ secret: string; otpauthUri: string }> {
  const { personId } = requirePerson(actor);
  const [person] = await tx
    .select({ email: people.email, totpEnabledAt: people.totpEnabledAt })
    .from(people)
    .where(eq(people.id, personId))
    .for('update');
  if (!person) throw new NotFoundError('Person');
  if (person.totpEnabledAt !== null) throw new ConflictError('a second factor is already enabled');
  const secret = generateSecret();
  await tx.update(people).set({ totpSecret: secret, updatedAt: now }).where(eq(people.id, personId));
  return { secret, otpauthUri: generateURI({ issuer: totpIssuer, label: person.email, secret }) };
}

/** Enables the pending second factor once the caller proves they hold it; recorded on the admin chain. */
export async function confirmTotpEnrolment(tx: Tx, actor: Actor, code: string, now: Date): Promise<void> {
  const { personId } = requirePerson(actor);
  const [person] = await tx.select().from(people).where(eq(people.id, personId)).for('update');
  if (!person) throw new NotFoundError('Person');
  if (person.totpEnabledAt !== null) throw new ConflictError('a second factor is already enabled');
  if (person.totpSecret === null) {
    throw new InvalidTransitionError('NOT_ENROLLING', 'CONFIRM_TOTP', ['BEGIN_TOTP'], 'begin the enrolment first');
  }
  const step = await verifyTotp(person.totpSecret, code, now);
  if (step === null) throw new InvalidTotpError();
  await tx
    .update(people)
    .set({ totpEnabledAt: now, totpLastUsedStep: step, updatedAt: now, version: person.version + 1 })
    .where(eq(people.id, personId));
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'person.totp_enabled',
    entityKind: 'Person',
    entityId: personId,
    before: { totpEnabled: false },
    after: { totpEnabled: true },
    occurredAt: now,
  });
}

/**
 * Provisions a second factor with a known secret, for the system only: the demo seed uses it so
 * that the documented demo accounts can sign in (`npm run demo:totp`). People enrol themselves
 * with `beginTotpEnrolment` and `confirmTotpEnrolment`.
 */
export async function provisionTotp(tx: Tx, actor: Actor, personId: string, secret: string, now: Date): Promise<void> {
  if (actor.kind !== 'SYSTEM') throw new ForbiddenError('only the system provisions a second factor');
  const [person] = await tx.select().from(people).where(eq(people.id, personId)).for('update');
  if (!person) throw new NotFoundError('Person');
  await tx
    .update(people)
    .set({ totpSecret: secret, totpEnabledAt: now, updatedAt: now, version: person.version + 1 })
    .where(eq(people.id, personId));
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'person.totp_provisioned',
    entityKind: 'Person',
    entityId: personId,
    before: { totpEnabled: person.totpEnabledAt !== null },
    after: { totpEnabled: true },
    occurredAt: now,
  });
}
