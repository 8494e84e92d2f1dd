import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTimeTokens, people } from '../../db/schema/organizations.ts';
import type { Tx } from '../../src/database/database.ts';
import { InvalidCredentialsError, InvalidTokenError } from '../../src/domain/auth/auth-errors.ts';
import { authenticateRequest } from '../../src/domain/auth/authenticate.ts';
import { login } from '../../src/domain/auth/login.ts';
import { rotateRefreshToken } from '../../src/domain/auth/refresh-tokens.ts';
import { sha256Hex } from '../../src/domain/auth/token-hash.ts';
import { ForbiddenError, InvalidTransitionError, StaleVersionError, ValidationError } from '../../src/domain/errors.ts';
import { activateAccount } from '../../src/domain/people/activate-account.ts';
import { deactivatePerson } from '../../src/domain/people/deactivate-person.ts';
import { invitePerson } from '../../src/domain/people/invite-person.ts';
import { requestPasswordReset } from '../../src/domain/people/request-password-reset.ts';
import { resetPassword } from '../../src/domain/people/reset-password.ts';
import { setPersonAccess } from '../../src/domain/people/set-person-access.ts';
import type { Actor } from '../../vocabulary/actor.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import {
  adminChainLength,
  adminEntriesAfter,
  DEMO_PASSWORD,
  minutes,
  organizationId,
  personActor,
  personRow,
  T0,
  testSettings,
} from './fixtures.ts';

const settings = testSettings();
const day = 86_400_000;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('people administration', () => {
  let database: TestDatabase;
  let admin: Actor;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    admin = await personActor(database.db, 'admin@icsr.example');
  });
  afterAll(() => database.destroy());

  const inTx = <T>(body: (tx: Tx) => Promise<T>) => database.db.transaction(body);
  const signIn = (email: string, password: string, now: Date) =>
    login(database.db, { email, password, ip: null }, now, settings);
  const authenticate = (token: string, now: Date) =>
    authenticateRequest(database.db, settings.signingKey, `Bearer ${token}`, now);

  it('invites a person, who activates their account once and signs in', async () => {
    const huaxin = await organizationId(database.db, 'HUAXIN-IC');
    const before = await adminChainLength(database.db);
    const invitation = await database.db.transaction((tx) =>
      invitePerson(
        tx,
        admin,
        {
          organizationId: huaxin,
          email: 'New.Rep@huaxin.example',
          displayName: 'New Representative',
          roles: ['FIRM_REPRESENTATIVE'],
        },
        T0,
      ),
    );
    expect(invitation.person).toMatchObject({ email: 'new.rep@huaxin.example', status: 'INVITED' });
    expect(invitation.person).not.toHaveProperty('passwordHash');
    expect(invitation.activationExpiresAt).toEqual(new Date(T0.getTime() + 7 * day));
    expect(invitation.activationToken).toMatch(/^icsr_ot_/);
    await expect(signIn('new.rep@huaxin.example', DEMO_PASSWORD, T0)).rejects.toBeInstanceOf(InvalidCredentialsError);

    const weak = await failure(
      database.db.transaction((tx) =>
        activateAccount(tx, { token: invitation.activationToken, password: 'short' }, T0),
      ),
    );
    expect(weak).toBeInstanceOf(ValidationError);
    expect(new Set((weak as ValidationError).fieldErrors.map((f) => f.field))).toEqual(new Set(['password']));

    const password = 'A-new-password-for-2026';
    const activated = await database.db.transaction((tx) =>
      activateAccount(tx, { token: invitation.activationToken, password }, minutes(5)),
    );
    expect(activated).toMatchObject({ status: 'ACTIVE', version: invitation.person.version + 1 });
    expect(activated).not.toHaveProperty('passwordHash');
    const reuse = await failure(
      database.db.transaction((tx) => activateAccount(tx, { token: invitation.activationToken, password }, minutes(6))),
    );
    expect(reuse).toBeInstanceOf(InvalidTokenError);

    const session = await signIn('new.rep@huaxin.example', password, minutes(7));
    expect(session.person).toMatchObject({ roles: ['FIRM_REPRESENTATIVE'], organizationId: huaxin });

    const entries = await adminEntriesAfter(database.db, before);
    expect(entries.map((e) => [e.action, e.actorKind, e.actorId])).toEqual([
      ['person.created', 'PERSON', (admin as { personId: string }).personId],
      ['person.invited', 'PERSON', (admin as { personId: string }).personId],
      ['person.activated', 'PERSON', invitation.person.id],
    ]);
    const hash = (await personRow(database.db, 'new.rep@huaxin.example')).passwordHash!;
    const serialized = JSON.stringify(entries);
    for (const secret of [invitation.activationToken, sha256Hex(invitation.activationToken), password, hash]) {
      expect(serialized).not.toContain(secret);
    }
  });

  it('refuses an activation token after seven days', async () => {
    const office = await organizationId(database.db, 'ICSR-OFFICE');
    const invitation = await database.db.transaction((tx) =>
      invitePerson(
        tx,
        admin,
        { organizationId: office, email: 'late@icsr.example', displayName: 'Late Comer', roles: ['AUDITOR'] },
        T0,
      ),
    );
    const late = new Date(T0.getTime() + 7 * day);
    const error = await failure(
      database.db.transaction((tx) =>
        activateAccount(tx, { token: invitation.activationToken, password: 'A-new-password-for-2026' }, late),
      ),
    );
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect((error as InvalidTokenError).reason).toBe('expired');
  });

  it('resets a password with a one-time token, revoking every token the person held', async () => {
    const email = 'officer2@icsr.example';
    const person = await personRow(database.db, email);
    const session = await signIn(email, DEMO_PASSWORD, T0);
    const before = await adminChainLength(database.db);

    const first = await database.db.transaction((tx) =>
      requestPasswordReset(tx, admin, { personId: person.id, reason: 'forgotten' }, minutes(1)),
    );
    const reset = await database.db.transaction((tx) =>
      requestPasswordReset(tx, admin, { personId: person.id }, minutes(2)),
    );
    expect(reset.resetExpiresAt).toEqual(new Date(minutes(2).getTime() + day));
    // The newer token retires the older one.
    await expect(
      database.db.transaction((tx) =>
        resetPassword(tx, { token: first.resetToken, password: 'Another-password-2026' }, minutes(3)),
      ),
    ).rejects.toBeInstanceOf(InvalidTokenError);

    const password = 'Fresh-password-2026';
    await database.db.transaction((tx) => resetPassword(tx, { token: reset.resetToken, password }, minutes(3)));
    await expect(authenticate(session.accessToken, minutes(4))).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(rotateRefreshToken(database.db, session.refreshToken, minutes(4), settings)).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
    await expect(signIn(email, DEMO_PASSWORD, minutes(5))).rejects.toBeInstanceOf(InvalidCredentialsError);
    const fresh = await signIn(email, password, minutes(5));
    expect(await authenticate(fresh.accessToken, minutes(5))).not.toBeNull();
    await expect(
      database.db.transaction((tx) => resetPassword(tx, { token: reset.resetToken, password }, minutes(6))),
    ).rejects.toBeInstanceOf(InvalidTokenError);

    const entries = await adminEntriesAfter(database.db, before);
    expect(entries.map((e) => e.action)).toEqual([
      'person.password_reset_requested',
      'person.password_reset_requested',
      'person.password_reset',
    ]);
    const hash = (await personRow(database.db, email)).passwordHash!;
    const serialized = JSON.stringify(entries);
    for (const secret of [first.resetToken, reset.resetToken, sha256Hex(reset.resetToken), password, hash]) {
      expect(serialized).not.toContain(secret);
    }
    const stored = JSON.stringify(await database.db.select().from(oneTimeTokens));
    expect(stored).not.toContain(reset.resetToken);
  });

  it('refuses a password-reset token after a day', async () => {
    const person = await personRow(database.db, 'panel1@icsr.example');
    const { resetToken } = await database.db.transaction((tx) =>
      requestPasswordReset(tx, admin, { personId: person.id }, T0),
    );
    await expect(
      database.db.transaction((tx) =>
        resetPassword(tx, { token: resetToken, password: 'Fresh-password-2026' }, new Date(T0.getTime() + day)),
      ),
    ).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('sets roles and clearance under an optimistic lock, revoking access tokens', async () => {
    const email = 'officer@icsr.example';
    const person = await personRow(database.db, email);
    const session = await signIn(email, DEMO_PASSWORD, T0);
    const before = await adminChainLength(database.db);

    const stale = await failure(
      database.db.transaction((tx) =>
        setPersonAccess(
          tx,
          admin,
          { personId: person.id, expectedVersion: person.version + 1, roles: ['CASE_OFFICER'], clearance: 'SECRET' },
          minutes(1),
        ),
      ),
    );
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect((stale as StaleVersionError).currentVersion).toBe(person.version);

    const updated = await database.db.transaction((tx) =>
      setPersonAccess(
        tx,
        admin,
        {
          personId: person.id,
          expectedVersion: person.version,
          roles: ['CASE_OFFICER', 'LEAD_REVIEWER'],
          clearance: 'CONFIDENTIAL',
        },
        minutes(1),
      ),
    );
    expect(updated).toMatchObject({
      roles: ['CASE_OFFICER', 'LEAD_REVIEWER'],
      clearance: 'CONFIDENTIAL',
      version: person.version + 1,
    });
    await expect(authenticate(session.accessToken, minutes(2))).rejects.toBeInstanceOf(InvalidTokenError);
    // The refresh token still works and the new token reflects the new roles: LEAD_REVIEWER needs a second factor.
    const next = await rotateRefreshToken(database.db, session.refreshToken, minutes(2), settings);
    expect(next.mfa).toBe('enrolment-required');
    const auth = await authenticate(next.accessToken, minutes(2));
    expect(auth?.actor).toMatchObject({ roles: ['CASE_OFFICER', 'LEAD_REVIEWER'], clearance: 'CONFIDENTIAL' });
    expect(auth?.mfaEnrolmentPending).toBe(true);

    const entries = await adminEntriesAfter(database.db, before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'person.access_set',
      before: { roles: ['CASE_OFFICER'], clearance: 'SECRET' },
      after: { roles: ['CASE_OFFICER', 'LEAD_REVIEWER'], clearance: 'CONFIDENTIAL' },
    });
  });

  it('refuses roles that do not belong to the organisation kind, naming roles', async () => {
    const person = await personRow(database.db, 'liaison@mofcom.example');
    const error = await failure(
      database.db.transaction((tx) =>
        setPersonAccess(
          tx,
          admin,
          {
            personId: person.id,
            expectedVersion: person.version,
            roles: ['LIAISON', 'CASE_OFFICER'],
            clearance: 'SECRET',
          },
          T0,
        ),
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual([
      { field: 'roles', message: 'CASE_OFFICER cannot be held in a DEPARTMENT' },
    ]);
  });

  it('lets no one but an administrator or the system manage accounts', async () => {
    const office = await organizationId(database.db, 'ICSR-OFFICE');
    const target = await personRow(database.db, 'assessor@ciie.example');
    const before = await adminChainLength(database.db);
    for (const email of ['officer@icsr.example', 'auditor@icsr.example', 'rep@huaxin.example']) {
      const actor = await personActor(database.db, email);
      const attempts = [
        () =>
          inTx((tx) =>
            invitePerson(
              tx,
              actor,
              { organizationId: office, email: 'x@icsr.example', displayName: 'X', roles: ['ADMIN'] },
              T0,
            ),
          ),
        () =>
          inTx((tx) =>
            setPersonAccess(
              tx,
              actor,
              { personId: target.id, expectedVersion: target.version, roles: ['ASSESSOR'], clearance: 'SECRET' },
              T0,
            ),
          ),
        () => inTx((tx) => requestPasswordReset(tx, actor, { personId: target.id }, T0)),
        () => inTx((tx) => deactivatePerson(tx, actor, { personId: target.id }, T0)),
      ];
      for (const attempt of attempts) expect(await failure(attempt())).toBeInstanceOf(ForbiddenError);
    }
    expect(await adminChainLength(database.db)).toBe(before);
    const [unchanged] = await database.db.select().from(people).where(eq(people.id, target.id));
    expect(unchanged).toMatchObject({ status: 'ACTIVE', clearance: target.clearance, version: target.version });
    // The system may (scripts and the seed act as the system).
    const system = { kind: 'SYSTEM' as const, label: 'test' };
    await database.db.transaction((tx) => requestPasswordReset(tx, system, { personId: target.id }, T0));
  });

  it('deactivates once, with an audit entry and the version checked', async () => {
    const target = await personRow(database.db, 'assessor@icrs.example');
    const before = await adminChainLength(database.db);
    await expect(
      database.db.transaction((tx) =>
        deactivatePerson(tx, admin, { personId: target.id, expectedVersion: target.version + 1 }, T0),
      ),
    ).rejects.toBeInstanceOf(StaleVersionError);
    const row = await database.db.transaction((tx) =>
      deactivatePerson(tx, admin, { personId: target.id, expectedVersion: target.version, reason: 'left' }, T0),
    );
    expect(row).toMatchObject({ status: 'DEACTIVATED', version: target.version + 1 });
    await expect(
      database.db.transaction((tx) => deactivatePerson(tx, admin, { personId: target.id }, T0)),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(
      database.db.transaction((tx) => requestPasswordReset(tx, admin, { personId: target.id }, T0)),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
    const entries = await adminEntriesAfter(database.db, before);
    expect(entries.map((e) => [e.action, e.reason])).toEqual([['person.deactivated', 'left']]);
  });
});
