/**
 * Turns a request's `Authorization` header into an actor.
 *
 * - No header: `null`, an anonymous request.
 * - `Bearer icsr_sa_…`: a service account's API token, looked up by its SHA-256; a revoked or
 *   unknown one is refused.
 * - `Bearer <jwt>`: an access token, verified, then the person loaded with their organisation's
 *   kind and their roles in one query. Refused when the person is not ACTIVE, the token's
 *   organisation is not theirs, or the token was issued before `tokensValidAfter` (deactivation,
 *   password reset and access changes move it, so tokens already issued stop working at once).
 *
 * A header that is present but refused throws `InvalidTokenError` (rather than reading as
 * anonymous), so that a client learns to refresh or sign in again; the GraphQL layer answers it
 * as "unauthenticated".
 *
 * `mfaEnrolmentPending` is true for a person whose roles require a second factor they have not
 * enrolled yet (token claim `mfa: 'enrolment-required'`): the API must let them do nothing but
 * enrol (beginTotpEnrolment / confirmTotpEnrolment) and sign out. `Actor` stays unchanged.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { organizations, serviceAccounts } from '../../../db/schema/organizations.ts';
import type { PersonActor, ServiceAccountActor } from '../../../vocabulary/actor.ts';
import type { Queryable } from '../../database/database.ts';
import { verifyAccessToken } from './access-token.ts';
import { InvalidTokenError } from './auth-errors.ts';
import { serviceAccountTokenPrefix, sha256Hex } from './token-hash.ts';

export interface AuthenticatedRequest {
  readonly actor: PersonActor | ServiceAccountActor;
  /** The person must enrol a second factor before doing anything else. */
  readonly mfaEnrolmentPending: boolean;
}

/** A service account's `lastUsedAt` is written at most this often, not on every request. */
const lastUsedResolutionMs = 60_000;

export async function authenticateRequest(
  db: Queryable,
  key: Uint8Array,
  authorizationHeader: string | undefined,
  now: Date,
): Promise<AuthenticatedRequest | null> {
  if (authorizationHeader === undefined || authorizationHeader.trim() === '') return null;
  const match = /^Bearer +(\S+)\s*$/i.exec(authorizationHeader);
  if (!match) throw new InvalidTokenError('malformed');
  const credential = match[1]!;
  if (credential.startsWith(serviceAccountTokenPrefix)) return authenticateServiceAccount(db, credential, now);
  return authenticatePerson(db, key, credential, now);
}

async function authenticatePerson(
  db: Queryable,
  key: Uint8Array,
  token: string,
  now: Date,
): Promise<AuthenticatedRequest> {
  const claims = await verifyAccessToken(key, token, now);
  const person = await db.query.people.findFirst({
    where: { id: claims.personId },
    columns: { id: true, organizationId: true, status: true, clearance: true, tokensValidAfter: true },
    with: { organization: { columns: { kind: true } }, roles: { columns: { role: true } } },
  });
  if (person?.status !== 'ACTIVE') throw new InvalidTokenError('inactive');
  if (person.organizationId !== claims.organizationId) throw new InvalidTokenError('invalid');
  if (claims.issuedAt.getTime() < person.tokensValidAfter.getTime()) throw new InvalidTokenError('revoked');
  return {
    actor: {
      kind: 'PERSON',
      personId: person.id,
      organizationId: person.organizationId,
      organizationKind: person.organization.kind,
      roles: person.roles.map((r) => r.role),
      clearance: person.clearance,
    },
    mfaEnrolmentPending: claims.mfa === 'enrolment-required',
  };
}

async function authenticateServiceAccount(db: Queryable, token: string, now: Date): Promise<AuthenticatedRequest> {
  const [account] = await db
    .select({
      id: serviceAccounts.id,
      organizationId: serviceAccounts.organizationId,
      organizationKind: organizations.kind,
      roles: serviceAccounts.roles,
      clearance: serviceAccounts.clearance,
      lastUsedAt: serviceAccounts.lastUsedAt,
    })
    .from(serviceAccounts)
    .innerJoin(organizations, eq(organizations.id, serviceAccounts.organizationId))
    .where(and(eq(serviceAccounts.tokenHash, sha256Hex(token)), isNull(serviceAccounts.revokedAt)));
  if (!account) throw new InvalidTokenError('invalid');
  if (account.lastUsedAt === null || now.getTime() - account.lastUsedAt.getTime() >= lastUsedResolutionMs) {
    await db.update(serviceAccounts).set({ lastUsedAt: now }).where(eq(serviceAccounts.id, account.id));
  }
  return {
    actor: {
      kind: 'SERVICE_ACCOUNT',
      serviceAccountId: account.id,
      organizationId: account.organizationId,
      organizationKind: account.organizationKind,
      roles: account.roles,
      clearance: account.clearance,
    },
    mfaEnrolmentPending: false,
  };
}
