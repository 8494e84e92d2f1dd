/** Shared set-up for the authentication tests: settings, instants and the seeded people as actors. */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { auditEntries } from '../../db/schema/audit.ts';
import { organizations } from '../../db/schema/organizations.ts';
import type { Database } from '../../src/database/database.ts';
import type { AuthSettings } from '../../src/domain/auth/auth-settings.ts';
import { personActor as loadPersonActor } from '../../src/domain/people/person-actor.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-data.ts';
import type { PersonActor } from '../../vocabulary/actor.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';

export { DEMO_PASSWORD };

/** An hour after the seed, so that nothing issued in a test predates the seeded accounts. */
export const T0 = new Date(SEED_INSTANT.getTime() + 3_600_000);
export const minutes = (n: number, from: Date = T0) => new Date(from.getTime() + n * 60_000);
export const seconds = (n: number, from: Date = T0) => new Date(from.getTime() + n * 1000);

export function testSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return {
    signingKey: new Uint8Array(randomBytes(32)),
    accessTokenTtlSeconds: 900,
    refreshTokenTtlDays: 30,
    mfaRequiredRoles: ['ADMIN', 'LEAD_REVIEWER'],
    loginAttemptsPerIp: 30,
    ...overrides,
  };
}

/** A seeded person as a signed-in actor, read from the database. */
export const personActor = (db: Database, email: string): Promise<PersonActor> => loadPersonActor(db, email);

export async function organizationId(db: Database, code: string): Promise<string> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code));
  if (!row) throw new Error(`no organisation ${code}`);
  return row.id;
}

export async function personRow(db: Database, email: string) {
  const person = await db.query.people.findFirst({ where: { email } });
  if (!person) throw new Error(`no person ${email}`);
  return person;
}

/** The administrative chain's entries after `sequence`, as the JSON a reader would see. */
export async function adminEntriesAfter(db: Database, sequence: number) {
  const rows = await db.select().from(auditEntries).where(eq(auditEntries.chain, 'admin'));
  return rows.filter((r) => r.sequence > sequence).sort((a, b) => a.sequence - b.sequence);
}

export async function adminChainLength(db: Database): Promise<number> {
  const rows = await db
    .select({ sequence: auditEntries.sequence })
    .from(auditEntries)
    .where(eq(auditEntries.chain, 'admin'));
  return rows.reduce((max, r) => Math.max(max, r.sequence), 0);
}

/** A unique client address per test, so that the per-IP limit of one test does not touch another. */
let ipCounter = 0;
export const nextIp = () => `198.51.100.${++ipCounter}`;
