import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokens, serviceAccounts } from '../../db/schema/organizations.ts';
import { InvalidTokenError } from '../../src/domain/auth/auth-errors.ts';
import { authenticateRequest } from '../../src/domain/auth/authenticate.ts';
import { login } from '../../src/domain/auth/login.ts';
import { revokeRefreshToken, rotateRefreshToken } from '../../src/domain/auth/refresh-tokens.ts';
import { createServiceAccount, revokeServiceAccount } from '../../src/domain/auth/service-accounts.ts';
import { sha256Hex } from '../../src/domain/auth/token-hash.ts';
import { ForbiddenError, ValidationError } from '../../src/domain/errors.ts';
import { deactivatePerson } from '../../src/domain/people/deactivate-person.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import {
  adminChainLength,
  adminEntriesAfter,
  DEMO_PASSWORD,
  minutes,
  organizationId,
  personActor,
  personRow,
  seconds,
  T0,
  testSettings,
} from './fixtures.ts';

const settings = testSettings();

async function refusal(promise: Promise<unknown>): Promise<InvalidTokenError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  return error as InvalidTokenError;
}

describe('sessions', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
  });
  afterAll(() => database.destroy());

  const signIn = (email: string, now: Date) =>
    login(database.db, { email, password: DEMO_PASSWORD, ip: null }, now, settings);
  const authenticate = (header: string | undefined, now: Date) =>
    authenticateRequest(database.db, settings.signingKey, header, now);

  describe('authenticateRequest', () => {
    it('reads no header as anonymous and refuses other schemes or garbage', async () => {
      expect(await authenticate(undefined, T0)).toBeNull();
      expect(await authenticate('', T0)).toBeNull();
      expect((await refusal(authenticate('Basic b2ZmaWNlcjpwdw==', T0))).reason).toBe('malformed');
      expect((await refusal(authenticate('Bearer not.a.jwt', T0))).reason).toBe('invalid');
      expect((await refusal(authenticate('Bearer icsr_sa_unknown', T0))).reason).toBe('invalid');
    });

    it('refuses an expired access token', async () => {
      const { accessToken } = await signIn('officer@icsr.example', T0);
      expect(await authenticate(`bearer ${accessToken}`, seconds(899))).not.toBeNull();
      expect((await refusal(authenticate(`Bearer ${accessToken}`, seconds(900)))).reason).toBe('expired');
    });

    it("refuses a deactivated person's token already issued, on the next request", async () => {
      const admin = await personActor(database.db, 'admin@icsr.example');
      const target = await personRow(database.db, 'liaison@ndrc.example');
      const session = await signIn('liaison@ndrc.example', T0);
      expect((await authenticate(`Bearer ${session.accessToken}`, minutes(1)))?.actor).toMatchObject({
        personId: target.id,
        organizationKind: 'DEPARTMENT',
      });
      await database.db.transaction((tx) => deactivatePerson(tx, admin, { personId: target.id }, minutes(2)));
      await refusal(authenticate(`Bearer ${session.accessToken}`, minutes(2)));
      await refusal(rotateRefreshToken(database.db, session.refreshToken, minutes(3), settings));
      const rows = await database.db.select().from(refreshTokens).where(eq(refreshTokens.personId, target.id));
      expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    });

    it('refuses to let an administrator deactivate themselves', async () => {
      const admin = await personActor(database.db, 'admin@icsr.example');
      await expect(
        database.db.transaction((tx) => deactivatePerson(tx, admin, { personId: admin.personId }, T0)),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  describe('refresh tokens', () => {
    it('rotate: a new pair, and the old token is used up', async () => {
      const session = await signIn('rep@huaxin.example', T0);
      const next = await rotateRefreshToken(database.db, session.refreshToken, minutes(10), settings);
      expect(next.refreshToken).not.toBe(session.refreshToken);
      expect(next.expiresAt).toEqual(seconds(900, minutes(10)));
      expect(next.mfa).toBe('not-required');
      const auth = await authenticate(`Bearer ${next.accessToken}`, minutes(11));
      expect(auth?.actor).toMatchObject({ kind: 'PERSON', organizationKind: 'FIRM' });
      const [old] = await database.db
        .select()
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, sha256Hex(session.refreshToken)));
      expect(old?.usedAt).toEqual(minutes(10));
      // Only the hash is stored.
      const stored = JSON.stringify(await database.db.select().from(refreshTokens));
      expect(stored).not.toContain(session.refreshToken);
      expect(stored).not.toContain(next.refreshToken);
    });

    it('revoke the whole family when a used one is presented again', async () => {
      const session = await signIn('rep@jinghua.example', T0);
      const second = await rotateRefreshToken(database.db, session.refreshToken, minutes(1), settings);
      const third = await rotateRefreshToken(database.db, second.refreshToken, minutes(2), settings);
      expect((await refusal(rotateRefreshToken(database.db, session.refreshToken, minutes(3), settings))).reason).toBe(
        'reused',
      );
      // The newest token of the family, in whoever's hands, is dead too.
      expect((await refusal(rotateRefreshToken(database.db, third.refreshToken, minutes(4), settings))).reason).toBe(
        'revoked',
      );
      // Another session of the same person is not affected.
      const other = await signIn('rep@jinghua.example', minutes(5));
      await rotateRefreshToken(database.db, other.refreshToken, minutes(6), settings);
    });

    it('expire after refreshTokenTtlDays', async () => {
      const session = await signIn('rep@dongfang-eda.example', T0);
      expect(session.refreshTokenExpiresAt).toEqual(new Date(T0.getTime() + 30 * 86_400_000));
      const late = new Date(T0.getTime() + 30 * 86_400_000);
      expect((await refusal(rotateRefreshToken(database.db, session.refreshToken, late, settings))).reason).toBe(
        'expired',
      );
      await refusal(rotateRefreshToken(database.db, 'icsr_rt_unknown', T0, settings));
    });

    it('are revoked, family and all, by logout', async () => {
      const session = await signIn('rep@meridian.example', T0);
      const next = await rotateRefreshToken(database.db, session.refreshToken, minutes(1), settings);
      expect(await revokeRefreshToken(database.db, next.refreshToken, minutes(2))).toBe(true);
      expect((await refusal(rotateRefreshToken(database.db, next.refreshToken, minutes(3), settings))).reason).toBe(
        'revoked',
      );
      expect(await revokeRefreshToken(database.db, next.refreshToken, minutes(4))).toBe(true);
      expect(await revokeRefreshToken(database.db, 'icsr_rt_unknown', minutes(4))).toBe(false);
    });
  });

  describe('service accounts', () => {
    it('authenticate as their organisation until revoked, with the token stored only hashed', async () => {
      const admin = await personActor(database.db, 'admin@icsr.example');
      const miit = await organizationId(database.db, 'MIIT');
      const before = await adminChainLength(database.db);
      const { serviceAccount, token } = await database.db.transaction((tx) =>
        createServiceAccount(tx, admin, { organizationId: miit, name: 'MIIT case system', roles: ['LIAISON'] }, T0),
      );
      expect(token).toMatch(/^icsr_sa_[A-Za-z0-9_-]{43}$/);
      expect(serviceAccount).not.toHaveProperty('tokenHash');
      expect(serviceAccount.createdById).toBe(admin.personId);

      const auth = await authenticate(`Bearer ${token}`, T0);
      expect(auth).toEqual({
        actor: {
          kind: 'SERVICE_ACCOUNT',
          serviceAccountId: serviceAccount.id,
          organizationId: miit,
          organizationKind: 'DEPARTMENT',
          roles: ['LIAISON'],
          clearance: 'INTERNAL',
        },
        mfaEnrolmentPending: false,
      });
      const lastUsed = async () =>
        (await database.db.select().from(serviceAccounts).where(eq(serviceAccounts.id, serviceAccount.id)))[0]!
          .lastUsedAt;
      expect(await lastUsed()).toEqual(T0);
      await authenticate(`Bearer ${token}`, seconds(30));
      expect(await lastUsed()).toEqual(T0);
      await authenticate(`Bearer ${token}`, seconds(61));
      expect(await lastUsed()).toEqual(seconds(61));

      await database.db.transaction((tx) =>
        revokeServiceAccount(tx, admin, { serviceAccountId: serviceAccount.id, reason: 'replaced' }, minutes(5)),
      );
      await refusal(authenticate(`Bearer ${token}`, minutes(5)));

      const entries = await adminEntriesAfter(database.db, before);
      expect(entries.map((e) => e.action)).toEqual(['service_account.created', 'service_account.revoked']);
      const serialized = JSON.stringify(entries);
      expect(serialized).not.toContain(token);
      expect(serialized).not.toContain(sha256Hex(token));
    });

    it('take only roles of their organisation kind, never ADMIN, and only from an administrator', async () => {
      const admin = await personActor(database.db, 'admin@icsr.example');
      const officer = await personActor(database.db, 'officer@icsr.example');
      const miit = await organizationId(database.db, 'MIIT');
      const office = await organizationId(database.db, 'ICSR-OFFICE');
      const create = (actor: typeof admin, organization: string, roles: ('LIAISON' | 'ADMIN' | 'ASSESSOR')[]) =>
        database.db.transaction((tx) =>
          createServiceAccount(tx, actor, { organizationId: organization, name: 'A system', roles }, T0),
        );
      const misplaced = await create(admin, miit, ['ASSESSOR']).catch((e: unknown) => e);
      expect(misplaced).toBeInstanceOf(ValidationError);
      expect((misplaced as ValidationError).fieldErrors.map((f) => f.field)).toEqual(['roles']);
      const adminRole = await create(admin, office, ['ADMIN']).catch((e: unknown) => e);
      expect(adminRole).toBeInstanceOf(ValidationError);
      await expect(create(officer, miit, ['LIAISON'])).rejects.toBeInstanceOf(ForbiddenError);
    });
  });
});
