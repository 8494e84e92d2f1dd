/**
 * Short-lived access tokens: compact JWS, HS256, `iss` 'icsr', `aud` 'icsr-api', `sub` the person,
 * `org` their organisation and `mfa` the state of their second factor at sign-in.
 *
 * `iat` and `exp` come from the `now` passed in, never the wall clock. `iat` keeps the
 * milliseconds (a NumericDate may be fractional, RFC 7519 §2), so that a token issued a moment
 * before a revocation (`people.tokens_valid_after`) is refused even within the same second.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { InvalidTokenError } from './auth-errors.ts';

export const accessTokenIssuer = 'icsr';
export const accessTokenAudience = 'icsr-api';

/**
 * - `verified`: the person passed their second factor at sign-in.
 * - `not-required`: no second factor is configured for the person's roles and they have none.
 * - `enrolment-required`: their roles require a second factor they have not enrolled yet; the API
 *   lets such a token do nothing but enrol.
 */
export const mfaStates = ['verified', 'not-required', 'enrolment-required'] as const;
export type MfaState = (typeof mfaStates)[number];

export interface AccessTokenSubject {
  readonly personId: string;
  readonly organizationId: string;
  readonly mfa: MfaState;
}

export interface AccessTokenClaims extends AccessTokenSubject {
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

const ZPayload = z.object({
  sub: z.uuid(),
  org: z.uuid(),
  mfa: z.enum(mfaStates),
  iat: z.number(),
  exp: z.number(),
});

export async function issueAccessToken(
  key: Uint8Array,
  subject: AccessTokenSubject,
  now: Date,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const iat = now.getTime() / 1000;
  const exp = iat + ttlSeconds;
  const token = await new SignJWT({ org: subject.organizationId, mfa: subject.mfa })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(accessTokenIssuer)
    .setAudience(accessTokenAudience)
    .setSubject(subject.personId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key);
  return { token, expiresAt: new Date(exp * 1000) };
}

/** The token's claims; `InvalidTokenError` when it is expired, tampered with, or not one of ours. */
export async function verifyAccessToken(key: Uint8Array, token: string, now: Date): Promise<AccessTokenClaims> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: accessTokenIssuer,
      audience: accessTokenAudience,
      requiredClaims: ['sub', 'iat', 'exp'],
      currentDate: now,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new InvalidTokenError('expired');
    if (error instanceof errors.JOSEError) throw new InvalidTokenError('invalid');
    throw error;
  }
  const claims = ZPayload.safeParse(payload);
  if (!claims.success) throw new InvalidTokenError('invalid');
  const expiresAt = new Date(Math.round(claims.data.exp * 1000));
  // jose compares whole seconds; `exp` here keeps milliseconds, so check it exactly too.
  if (expiresAt.getTime() <= now.getTime()) throw new InvalidTokenError('expired');
  return {
    personId: claims.data.sub,
    organizationId: claims.data.org,
    mfa: claims.data.mfa,
    issuedAt: new Date(Math.round(claims.data.iat * 1000)),
    expiresAt,
  };
}
