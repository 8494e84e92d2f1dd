/**
 * Refresh tokens: `icsr_rt_` + 32 random bytes (base64url), stored only as SHA-256 hex, grouped in a
 * family that starts at login. Each use rotates: the presented token is marked used and a new one
 * of the same family is issued, valid `refreshTokenTtlDays` from the rotation. Presenting a token
 * that was already used means it was copied: the whole family is revoked, so the newest token
 * (whoever holds it) stops working too, and the person must sign in again.
 *
 * `rotateRefreshToken` takes the `Database`, not a transaction: the revocation of a family on reuse
 * must be committed even though the call then fails.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { refreshTokens } from '../../../db/schema/organizations.ts';
import type { Database, Queryable, Tx } from '../../database/database.ts';
import { issueAccessToken, type MfaState } from './access-token.ts';
import { InvalidTokenError, type InvalidTokenReason } from './auth-errors.ts';
import type { AuthSettings } from './auth-settings.ts';
import { mfaStateOf } from './mfa-state.ts';
import { randomToken, refreshTokenPrefix, sha256Hex } from './token-hash.ts';

const dayMs = 86_400_000;

/** What a login or a refresh hands to the client. */
export interface TokenPair {
  readonly accessToken: string;
  /** When the access token expires. */
  readonly expiresAt: Date;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
  readonly mfa: MfaState;
}

/** Stores a new refresh token (of a new family unless `familyId` is given) and returns it once. */
export async function issueRefreshToken(
  tx: Tx,
  personId: string,
  now: Date,
  ttlDays: number,
  familyId: string = randomUUID(),
): Promise<{ token: string; expiresAt: Date; familyId: string }> {
  const token = randomToken(refreshTokenPrefix);
  const expiresAt = new Date(now.getTime() + ttlDays * dayMs);
  await tx.insert(refreshTokens).values({ personId, familyId, tokenHash: sha256Hex(token), createdAt: now, expiresAt });
  return { token, expiresAt, familyId };
}

/** Exchanges a refresh token for a new access token and a new refresh token of the same family. */
export async function rotateRefreshToken(
  db: Database,
  token: string,
  now: Date,
  settings: AuthSettings,
): Promise<TokenPair> {
  const outcome = await db.transaction(async (tx): Promise<TokenPair | InvalidTokenReason> => {
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256Hex(token)))
      .for('update');
    if (!row) return 'invalid';
    if (row.revokedAt !== null) return 'revoked';
    if (row.usedAt !== null) {
      await revokeFamily(tx, row.familyId, now);
      return 'reused';
    }
    if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
    const person = await tx.query.people.findFirst({
      where: { id: row.personId },
      columns: { id: true, organizationId: true, status: true, totpEnabledAt: true },
      with: { roles: { columns: { role: true } } },
    });
    if (person?.status !== 'ACTIVE') {
      await revokeFamily(tx, row.familyId, now);
      return 'inactive';
    }
    await tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.id, row.id));
    const mfa = mfaStateOf(
      person,
      person.roles.map((r) => r.role),
      settings.mfaRequiredRoles,
    );
    const next = await issueRefreshToken(tx, person.id, now, settings.refreshTokenTtlDays, row.familyId);
    const access = await issueAccessToken(
      settings.signingKey,
      { personId: person.id, organizationId: person.organizationId, mfa },
      now,
      settings.accessTokenTtlSeconds,
    );
    return {
      accessToken: access.token,
      expiresAt: access.expiresAt,
      refreshToken: next.token,
      refreshTokenExpiresAt: next.expiresAt,
      mfa,
    };
  });
  if (typeof outcome === 'string') throw new InvalidTokenError(outcome);
  return outcome;
}

/**
 * Logout: revokes the presented token's whole family. Unknown or already revoked tokens are
 * ignored (logging out twice is not an error); returns whether a family was found.
 */
export async function revokeRefreshToken(db: Queryable, token: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, sha256Hex(token)));
  if (!row) return false;
  await revokeFamily(db, row.familyId, now);
  return true;
}

/** Revokes every refresh token of a person (deactivation, password reset). */
export async function revokePersonRefreshTokens(db: Queryable, personId: string, now: Date): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.personId, personId), isNull(refreshTokens.revokedAt)));
}

async function revokeFamily(db: Queryable, familyId: string, now: Date): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}
