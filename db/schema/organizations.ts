/** Organisations, people, their roles and credentials (design §1). */
import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant, lockVersion, updatedAt } from './columns.ts';
import { clearanceLevel, oneTimeTokenPurpose, organizationKind, personStatus, role } from './enums.ts';

export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    kind: organizationKind('kind').notNull(),
    /** Short stable code, e.g. MIIT or FIRM-SMIC; seeds and imports refer to organisations by it. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameZh: text('name_zh'),
    /** ISO 3166-1 alpha-2. */
    country: char('country', { length: 2 }).notNull(),
    isChainLeader: boolean('is_chain_leader').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    uniqueIndex('organizations_code_key').on(t.code),
    index('organizations_kind_idx').on(t.kind),
    // Exactly one review office per deployment (design §1).
    uniqueIndex('organizations_one_review_office').on(t.kind).where(sql`${t.kind} = 'REVIEW_OFFICE'`),
    check('organizations_country_format', sql`${t.country} ~ '^[A-Z]{2}$'`),
    // Only firms lead chains (design §6: chain-leader firms upload supplier lists).
    check('organizations_chain_leader_is_firm', sql`not ${t.isChainLeader} or ${t.kind} = 'FIRM'`),
  ],
);

export const people = pgTable(
  'people',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** argon2id; null until an invited person activates their account. */
    passwordHash: text('password_hash'),
    clearance: clearanceLevel('clearance').notNull().default('INTERNAL'),
    status: personStatus('status').notNull().default('ACTIVE'),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: instant('locked_until'),
    /** Tokens issued before this instant are refused (deactivation, password reset). */
    tokensValidAfter: instant('tokens_valid_after').notNull().defaultNow(),
    totpSecret: text('totp_secret'),
    totpEnabledAt: instant('totp_enabled_at'),
    /** Time step of the last accepted one-time code: each code is accepted once. */
    totpLastUsedStep: integer('totp_last_used_step'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    uniqueIndex('people_email_key').on(sql`lower(${t.email})`),
    index('people_organization_idx').on(t.organizationId),
    check('people_email_format', sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
    check('people_active_has_password', sql`${t.status} <> 'ACTIVE' or ${t.passwordHash} is not null`),
  ],
);

export const personRoles = pgTable(
  'person_roles',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: role('role').notNull(),
    grantedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.role] }), index('person_roles_role_idx').on(t.role)],
);

/** Refresh tokens: stored hashed, rotated on use; reuse of a used one revokes its family. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash),
    index('refresh_tokens_person_idx').on(t.personId),
    index('refresh_tokens_family_idx').on(t.familyId),
  ],
);

/** Long-lived API tokens for department systems, shown once, stored hashed, one organisation each. */
export const serviceAccounts = pgTable(
  'service_accounts',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    roles: role('roles').array().notNull(),
    clearance: clearanceLevel('clearance').notNull().default('INTERNAL'),
    tokenHash: text('token_hash').notNull(),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: createdAt(),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    uniqueIndex('service_accounts_token_hash_key').on(t.tokenHash),
    index('service_accounts_organization_idx').on(t.organizationId),
    index('service_accounts_created_by_idx').on(t.createdById),
  ],
);

/** One-time tokens: account activation after an invitation, password reset. */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    purpose: oneTimeTokenPurpose('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [uniqueIndex('one_time_tokens_hash_key').on(t.tokenHash), index('one_time_tokens_person_idx').on(t.personId)],
);

/** Failed logins, counted per account and per IP for the lockout and the rate limit. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: id(),
    email: text('email').notNull(),
    ip: text('ip'),
    succeeded: boolean('succeeded').notNull(),
    attemptedAt: createdAt(),
  },
  (t) => [
    index('login_attempts_email_idx').on(sql`lower(${t.email})`, t.attemptedAt),
    index('login_attempts_ip_idx').on(t.ip, t.attemptedAt),
  ],
);
