/**
 * Password sign-in, with lockout, a per-IP rate limit and the second factor.
 *
 * - Unknown e-mail, wrong password, an account that is not ACTIVE and a locked account all answer
 *   `InvalidCredentialsError` with the same message; each of them costs one argon2 verification
 *   (against a dummy hash when there is no real one to check), so timing tells them apart no more
 *   than the message does. A locked account's password is not checked at all.
 * - 5 consecutive failures (wrong password or wrong TOTP code) lock the account for 15 minutes;
 *   the counter restarts at 0 when the lock is set and after a successful sign-in.
 * - More than `loginAttemptsPerIp` attempts from one IP within 15 minutes: `RateLimitedError`
 *   (counted from `login_attempts`; every attempt, refused ones included, is recorded there).
 * - Second factor: with TOTP enabled, a missing `totpCode` answers `TotpRequiredError` (only after
 *   the right password; it does not count as a failure) and a wrong one `InvalidTotpError`; the
 *   token then says `mfa: 'verified'`. A person whose roles are in `mfaRequiredRoles` but who has
 *   not enrolled gets tokens marked `enrolment-required`.
 *
 * `login` takes the `Database` and runs its own transaction: the failure counter, the lock and the
 * attempt record must be committed even though the call then throws. Do not call it inside a
 * transaction that rolls back on error.
 */
import { and, count, eq, gt, min, sql } from 'drizzle-orm';
import { z } from 'zod';
import { loginAttempts, people, personRoles } from '../../../db/schema/organizations.ts';
import type { ClearanceLevel, Role } from '../../../vocabulary/terms.ts';
import type { Database, Tx } from '../../database/database.ts';
import { parseInput } from '../validation.ts';
import { issueAccessToken } from './access-token.ts';
import {
  type AuthError,
  InvalidCredentialsError,
  InvalidTotpError,
  RateLimitedError,
  TotpRequiredError,
} from './auth-errors.ts';
import type { AuthSettings } from './auth-settings.ts';
import { hasTotp, mfaStateOf } from './mfa-state.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { issueRefreshToken, type TokenPair } from './refresh-tokens.ts';
import { verifyTotp } from './totp.ts';

/** Consecutive failures that lock an account. */
export const maxConsecutiveFailures = 5;
/** How long a lock lasts, and the window of the per-IP rate limit. */
export const lockoutMs = 15 * 60_000;
export const rateLimitWindowMs = 15 * 60_000;

export const ZLoginInput = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(1024),
  totpCode: z.string().trim().max(16).optional(),
  /** The client's address as the transport layer sees it; null when unknown (no per-IP limit). */
  ip: z.string().trim().min(1).max(100).nullable(),
});
export type TLoginInput = z.input<typeof ZLoginInput>;

/** The signed-in person as the client may see them: no hashes, secrets or counters. */
export interface SignedInPerson {
  readonly id: string;
  readonly organizationId: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly clearance: ClearanceLevel;
}

export interface LoginResult extends TokenPair {
  readonly person: SignedInPerson;
}

export async function login(db: Database, input: TLoginInput, now: Date, settings: AuthSettings): Promise<LoginResult> {
  const data = parseInput(ZLoginInput, input);
  const attempt = (succeeded: boolean) => ({ email: data.email, ip: data.ip, succeeded, attemptedAt: now });

  // Before any password hashing: a limited address costs no argon2 computation.
  if (data.ip !== null) {
    const since = new Date(now.getTime() - rateLimitWindowMs);
    const [window] = await db
      .select({ attempts: count(), oldest: min(loginAttempts.attemptedAt) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, data.ip), gt(loginAttempts.attemptedAt, since)));
    if (window && window.attempts >= settings.loginAttemptsPerIp) {
      await db.insert(loginAttempts).values(attempt(false));
      const oldest = window.oldest ? new Date(window.oldest).getTime() : now.getTime();
      throw new RateLimitedError(Math.max(1, Math.ceil((oldest + rateLimitWindowMs - now.getTime()) / 1000)));
    }
  }

  // The password is checked before the transaction, holding no connection and no row lock: a burst of
  // sign-ins (whose hashes wait their turn, passwords.ts) must not starve the pool or block the
  // person's row for everyone else. The transaction then counts the result only if the row still has
  // the hash that was checked and is still open to sign-in.
  const [candidate] = await db
    .select({ passwordHash: people.passwordHash, status: people.status, lockedUntil: people.lockedUntil })
    .from(people)
    .where(sql`lower(${people.email}) = ${data.email}`);
  const checkedHash =
    candidate?.status === 'ACTIVE' &&
    candidate.passwordHash !== null &&
    !(candidate.lockedUntil != null && candidate.lockedUntil.getTime() > now.getTime())
      ? candidate.passwordHash
      : null;
  const passwordMatches = checkedHash
    ? await verifyPassword(checkedHash, data.password)
    : await verifyAgainstDummy(data.password);

  const outcome = await db.transaction(async (tx): Promise<LoginResult | AuthError> => {
    const record = (succeeded: boolean) => tx.insert(loginAttempts).values(attempt(succeeded));

    const [person] = await tx.select().from(people).where(sql`lower(${people.email}) = ${data.email}`).for('update');
    const locked = person?.lockedUntil != null && person.lockedUntil.getTime() > now.getTime();
    if (person?.status !== 'ACTIVE' || person.passwordHash === null || locked) {
      await record(false);
      return new InvalidCredentialsError();
    }
    if (!passwordMatches || person.passwordHash !== checkedHash) {
      await countFailure(tx, person, now);
      await record(false);
      return new InvalidCredentialsError();
    }

    if (hasTotp(person)) {
      if (!data.totpCode) {
        await record(false);
        return new TotpRequiredError();
      }
      const step = await verifyTotp(person.totpSecret!, data.totpCode, now, person.totpLastUsedStep);
      if (step === null) {
        await countFailure(tx, person, now);
        await record(false);
        return new InvalidTotpError();
      }
      await tx.update(people).set({ totpLastUsedStep: step }).where(eq(people.id, person.id));
    }

    await tx.update(people).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(people.id, person.id));
    await record(true);
    const roles = (
      await tx.select({ role: personRoles.role }).from(personRoles).where(eq(personRoles.personId, person.id))
    ).map((r) => r.role);
    const mfa = mfaStateOf(person, roles, settings.mfaRequiredRoles);
    const refresh = await issueRefreshToken(tx, person.id, now, settings.refreshTokenTtlDays);
    const access = await issueAccessToken(
      settings.signingKey,
      { personId: person.id, organizationId: person.organizationId, mfa },
      now,
      settings.accessTokenTtlSeconds,
    );
    return {
      accessToken: access.token,
      expiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      mfa,
      person: {
        id: person.id,
        organizationId: person.organizationId,
        email: person.email,
        displayName: person.displayName,
        roles,
        clearance: person.clearance,
      },
    };
  });
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

/** One more consecutive failure; the fifth locks the account and restarts the count. */
async function countFailure(tx: Tx, person: { id: string; failedLoginCount: number }, now: Date): Promise<void> {
  const failures = person.failedLoginCount + 1;
  const lock = failures >= maxConsecutiveFailures;
  await tx
    .update(people)
    .set(
      lock ? { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + lockoutMs) } : { failedLoginCount: failures },
    )
    .where(eq(people.id, person.id));
}
