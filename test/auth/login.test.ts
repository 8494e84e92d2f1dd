import { and, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAttempts } from '../../db/schema/organizations.ts';
import { verifyAccessToken } from '../../src/domain/auth/access-token.ts';
import {
  InvalidCredentialsError,
  InvalidTotpError,
  RateLimitedError,
  TotpRequiredError,
} from '../../src/domain/auth/auth-errors.ts';
import { authenticateRequest } from '../../src/domain/auth/authenticate.ts';
import { login } from '../../src/domain/auth/login.ts';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../../src/domain/auth/totp.ts';
import { ConflictError, ForbiddenError } from '../../src/domain/errors.ts';
import { deactivatePerson } from '../../src/domain/people/deactivate-person.ts';
import { invitePerson } from '../../src/domain/people/invite-person.ts';
import { demoTotpSecrets } from '../../src/seed/demo-data.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import {
  adminChainLength,
  adminEntriesAfter,
  DEMO_PASSWORD,
  minutes,
  nextIp,
  organizationId,
  personActor,
  personRow,
  seconds,
  T0,
  testSettings,
} from './fixtures.ts';

// The seed provisions the demo administrators' and lead reviewers' second factors; the appeals
// panel stands in here for a role that requires one and has not enrolled yet.
const settings = testSettings({ mfaRequiredRoles: ['ADMIN', 'LEAD_REVIEWER', 'APPEALS_PANEL'] });

async function caught(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: Error) => e,
  );
}

describe('login', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
  });
  afterAll(() => database.destroy());

  const signIn = (email: string, password: string, now: Date, extra: { totpCode?: string; ip?: string | null } = {}) =>
    login(database.db, { email, password, ip: extra.ip ?? null, totpCode: extra.totpCode }, now, settings);

  it('signs a demo person in with an access token, a refresh token and the person', async () => {
    const result = await signIn('Officer@ICSR.example ', DEMO_PASSWORD, T0, { ip: nextIp() });
    expect(result.person).toMatchObject({
      email: 'officer@icsr.example',
      roles: ['CASE_OFFICER'],
      clearance: 'SECRET',
    });
    expect(result.person).not.toHaveProperty('passwordHash');
    expect(result.mfa).toBe('not-required');
    expect(result.expiresAt).toEqual(seconds(900));
    expect(result.refreshToken).toMatch(/^icsr_rt_[A-Za-z0-9_-]{43}$/);
    const claims = await verifyAccessToken(settings.signingKey, result.accessToken, T0);
    expect(claims).toMatchObject({ personId: result.person.id, organizationId: result.person.organizationId });
    const auth = await authenticateRequest(database.db, settings.signingKey, `Bearer ${result.accessToken}`, T0);
    expect(auth?.actor).toMatchObject({ kind: 'PERSON', personId: result.person.id, roles: ['CASE_OFFICER'] });
    expect(auth?.mfaEnrolmentPending).toBe(false);
  });

  it('answers an unknown e-mail, a wrong password and an invited account identically', async () => {
    const admin = await personActor(database.db, 'admin@icsr.example');
    const office = await organizationId(database.db, 'ICSR-OFFICE');
    await database.db.transaction((tx) =>
      invitePerson(
        tx,
        admin,
        { organizationId: office, email: 'invited@icsr.example', displayName: 'Invited', roles: ['AUDITOR'] },
        T0,
      ),
    );
    const unknown = await caught(signIn('nobody@icsr.example', DEMO_PASSWORD, T0));
    const wrong = await caught(signIn('auditor@icsr.example', 'Wrong-Password-2026!', T0));
    const invited = await caught(signIn('invited@icsr.example', DEMO_PASSWORD, T0));
    for (const error of [unknown, wrong, invited]) {
      expect(error).toBeInstanceOf(InvalidCredentialsError);
      expect(error.constructor).toBe(InvalidCredentialsError);
      expect(error.message).toBe(unknown.message);
      expect((error as InvalidCredentialsError).code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('answers a deactivated account like a wrong password', async () => {
    const admin = await personActor(database.db, 'admin@icsr.example');
    const panel = await personRow(database.db, 'panel2@icsr.example');
    await database.db.transaction((tx) => deactivatePerson(tx, admin, { personId: panel.id }, T0));
    const error = await caught(signIn('panel2@icsr.example', DEMO_PASSWORD, minutes(1)));
    expect(error.constructor).toBe(InvalidCredentialsError);
  });

  it('locks an account for 15 minutes after 5 consecutive failures', async () => {
    const email = 'officer2@icsr.example';
    for (let i = 0; i < 5; i++) {
      expect(await caught(signIn(email, `Wrong-Password-${i}!`, seconds(i)))).toBeInstanceOf(InvalidCredentialsError);
    }
    expect((await personRow(database.db, email)).lockedUntil).toEqual(seconds(4 + 15 * 60));
    // The right password no longer helps, with the same answer as a wrong one.
    const locked = await caught(signIn(email, DEMO_PASSWORD, seconds(10)));
    expect(locked.constructor).toBe(InvalidCredentialsError);
    expect(await caught(signIn(email, DEMO_PASSWORD, minutes(14, seconds(4))))).toBeInstanceOf(InvalidCredentialsError);
    const later = await signIn(email, DEMO_PASSWORD, minutes(15, seconds(4)));
    expect(later.person.email).toBe(email);
    expect((await personRow(database.db, email)).failedLoginCount).toBe(0);
    // Every attempt was recorded.
    const attempts = await database.db.select().from(loginAttempts).where(eq(loginAttempts.email, email));
    expect(attempts.map((a) => a.succeeded)).toEqual([false, false, false, false, false, false, false, true]);
  });

  it('restarts the failure count after a successful sign-in', async () => {
    const email = 'panel1@icsr.example';
    for (let i = 0; i < 4; i++) await caught(signIn(email, 'Wrong-Password-2026!', seconds(i)));
    await signIn(email, DEMO_PASSWORD, seconds(5));
    for (let i = 0; i < 4; i++) await caught(signIn(email, 'Wrong-Password-2026!', seconds(10 + i)));
    expect((await signIn(email, DEMO_PASSWORD, seconds(20))).person.email).toBe(email);
  });

  it('limits attempts per IP address within 15 minutes', async () => {
    const limited = testSettings({ signingKey: settings.signingKey, loginAttemptsPerIp: 3 });
    const ip = nextIp();
    const attempt = (email: string, password: string, now: Date) =>
      login(database.db, { email, password, ip }, now, limited);
    await caught(attempt('nobody@icsr.example', 'Wrong-Password-2026!', seconds(0)));
    await caught(attempt('nobody2@icsr.example', 'Wrong-Password-2026!', seconds(1)));
    await attempt('liaison@miit.example', DEMO_PASSWORD, seconds(2));
    const refused = await caught(attempt('liaison@miit.example', DEMO_PASSWORD, seconds(3)));
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(15 * 60 - 3);
    // Another address is not affected.
    await login(
      database.db,
      { email: 'liaison@miit.example', password: DEMO_PASSWORD, ip: nextIp() },
      seconds(3),
      limited,
    );
    // Once the window has passed, the address may try again.
    const after = await attempt('liaison@miit.example', DEMO_PASSWORD, minutes(16));
    expect(after.person.email).toBe('liaison@miit.example');
    const recorded = await database.db
      .select()
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip)));
    expect(recorded).toHaveLength(5);
  });

  it('signs in a seeded lead reviewer with the demo second factor', async () => {
    const code = await generate({
      secret: demoTotpSecrets['lead@icsr.example']!,
      epoch: Math.floor(T0.getTime() / 1000),
    });
    expect(await caught(signIn('lead@icsr.example', DEMO_PASSWORD, T0))).toBeInstanceOf(TotpRequiredError);
    expect((await signIn('lead@icsr.example', DEMO_PASSWORD, T0, { totpCode: code })).mfa).toBe('verified');
    // The same code is accepted once.
    expect(await caught(signIn('lead@icsr.example', DEMO_PASSWORD, T0, { totpCode: code }))).toBeInstanceOf(
      InvalidTotpError,
    );
  });

  it('requires a second factor: enrolment first, then a code at each sign-in', async () => {
    const email = 'panel1@icsr.example';
    const first = await signIn(email, DEMO_PASSWORD, T0);
    expect(first.mfa).toBe('enrolment-required');
    const auth = await authenticateRequest(database.db, settings.signingKey, `Bearer ${first.accessToken}`, T0);
    expect(auth?.mfaEnrolmentPending).toBe(true);
    const actor = auth!.actor;

    const before = await adminChainLength(database.db);
    const { secret, otpauthUri } = await database.db.transaction((tx) => beginTotpEnrolment(tx, actor, T0));
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/ICSR:panel1%40icsr\.example\?/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    // Not yet enabled: sign-in still works without a code.
    expect((await signIn(email, DEMO_PASSWORD, seconds(10))).mfa).toBe('enrolment-required');

    const epoch = (now: Date) => Math.floor(now.getTime() / 1000);
    await expect(
      database.db.transaction((tx) => confirmTotpEnrolment(tx, actor, '000000', seconds(20))),
    ).rejects.toBeInstanceOf(InvalidTotpError);
    const code = await generate({ secret, epoch: epoch(seconds(20)) });
    await database.db.transaction((tx) => confirmTotpEnrolment(tx, actor, code, seconds(20)));
    await expect(database.db.transaction((tx) => beginTotpEnrolment(tx, actor, seconds(21)))).rejects.toBeInstanceOf(
      ConflictError,
    );

    const missing = await caught(signIn(email, DEMO_PASSWORD, minutes(2)));
    expect(missing).toBeInstanceOf(TotpRequiredError);
    const valid = new Set(
      await Promise.all([-30, 0, 30].map((d) => generate({ secret, epoch: epoch(minutes(3)) + d }))),
    );
    const wrongCode = ['000000', '111111', '222222'].find((c) => !valid.has(c))!;
    expect(await caught(signIn(email, DEMO_PASSWORD, minutes(3), { totpCode: wrongCode }))).toBeInstanceOf(
      InvalidTotpError,
    );
    // A wrong password with a right code is still just invalid credentials.
    const rightCode = await generate({ secret, epoch: epoch(minutes(3)) });
    expect(await caught(signIn(email, 'Wrong-Password-2026!', minutes(3), { totpCode: rightCode }))).toBeInstanceOf(
      InvalidCredentialsError,
    );
    const verified = await signIn(email, DEMO_PASSWORD, minutes(3), { totpCode: rightCode });
    expect(verified.mfa).toBe('verified');
    expect((await verifyAccessToken(settings.signingKey, verified.accessToken, minutes(3))).mfa).toBe('verified');

    const entries = await adminEntriesAfter(database.db, before);
    expect(entries.map((e) => e.action)).toEqual(['person.totp_enabled']);
    const serialized = JSON.stringify(entries);
    expect(serialized).not.toContain(secret);
    expect(serialized).not.toContain(code);
  });

  it('lets a person enrol voluntarily, after which the code is required', async () => {
    const email = 'auditor@icsr.example';
    const actor = await personActor(database.db, email);
    expect((await signIn(email, DEMO_PASSWORD, T0)).mfa).toBe('not-required');
    const { secret } = await database.db.transaction((tx) => beginTotpEnrolment(tx, actor, T0));
    const code = await generate({ secret, epoch: Math.floor(T0.getTime() / 1000) });
    await database.db.transaction((tx) => confirmTotpEnrolment(tx, actor, code, T0));
    expect(await caught(signIn(email, DEMO_PASSWORD, minutes(1)))).toBeInstanceOf(TotpRequiredError);
  });

  it('refuses enrolment to a service account or the system', async () => {
    await expect(
      database.db.transaction((tx) => beginTotpEnrolment(tx, { kind: 'SYSTEM', label: 'test' }, T0)),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
