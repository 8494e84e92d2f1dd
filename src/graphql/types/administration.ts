/** Account administration (design §1): administrators invite people, set roles and clearance, deactivate. */
import { and, eq, type SQL } from 'drizzle-orm';
import { people, serviceAccounts } from '../../../db/schema/organizations.ts';
import { accessibleWhere } from '../../domain/access/authorize.ts';
import { personSubjectFields, serviceAccountSubjectFields } from '../../domain/access/subject-fields.ts';
import { createServiceAccount, revokeServiceAccount } from '../../domain/auth/service-accounts.ts';
import { deactivatePerson } from '../../domain/people/deactivate-person.ts';
import { invitePerson } from '../../domain/people/invite-person.ts';
import { requestPasswordReset } from '../../domain/people/request-password-reset.ts';
import { setPersonAccess } from '../../domain/people/set-person-access.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { decodeId, decodeIdOrNull } from '../global-id.ts';
import { runMutation } from '../mutation.ts';
import { readableWhere } from '../visibility.ts';
import { ClearanceLevelEnum, RoleEnum } from './enums.ts';
import { mutationErrorTypes } from './errors.ts';

/** A person changed by an administrator, returned as the Person node (re-read with the query's selection). */
const personPayload = (name: string, description: string) =>
  builder.objectRef<{ personId: string }>(name).implement({
    description,
    fields: (t) => ({
      person: t.drizzleField({
        type: 'people',
        description: 'The person after the change.',
        resolve: async (query, payload, _args, ctx) => {
          const person = await ctx.db.query.people.findFirst(query({ where: { id: payload.personId } }));
          if (!person) throw new Error('person vanished after its change');
          return person;
        },
      }),
    }),
  });

const InvitationRef = builder
  .objectRef<{ personId: string; activationToken: string; activationExpiresAt: Date }>('Invitation')
  .implement({
    description: 'An invited person and the one-time activation token to hand over (until e-mail delivery exists).',
    fields: (t) => ({
      person: t.drizzleField({
        type: 'people',
        description: 'The invited person (status INVITED).',
        resolve: async (query, payload, _args, ctx) =>
          (await ctx.db.query.people.findFirst(query({ where: { id: payload.personId } })))!,
      }),
      activationToken: t.exposeString('activationToken', { description: 'Shown once; single use.' }),
      activationExpiresAt: t.expose('activationExpiresAt', {
        type: 'DateTime',
        description: 'When the token expires.',
      }),
    }),
  });

const PersonAccessChangedRef = personPayload(
  'PersonAccessChanged',
  'Roles and clearance were set; old tokens stop working.',
);
const PersonDeactivatedRef = personPayload(
  'PersonDeactivated',
  'The person can no longer sign in; their tokens stopped working.',
);

const PasswordResetIssuedRef = builder
  .objectRef<{ personId: string; resetToken: string; resetExpiresAt: Date }>('PasswordResetIssued')
  .implement({
    description: 'A one-time password-reset token to hand over to the person.',
    fields: (t) => ({
      resetToken: t.exposeString('resetToken', { description: 'Shown once; single use.' }),
      resetExpiresAt: t.expose('resetExpiresAt', { type: 'DateTime', description: 'When the token expires.' }),
    }),
  });

const InvitePersonInput = builder.inputType('InvitePersonInput', {
  description: 'A person to invite into an organisation.',
  fields: (t) => ({
    organizationId: t.id({ required: true, description: 'Global ID of the organisation.' }),
    email: t.string({ required: true, description: 'Sign-in e-mail address.' }),
    displayName: t.string({ required: true, description: 'Name as shown to others.' }),
    roles: t.field({
      type: [RoleEnum],
      required: true,
      description: 'Roles; each must belong to the organisation kind.',
    }),
    clearance: t.field({ type: ClearanceLevelEnum, required: false, description: 'Clearance (default INTERNAL).' }),
  }),
});

const SetPersonAccessInput = builder.inputType('SetPersonAccessInput', {
  description: 'New roles and clearance of a person.',
  fields: (t) => ({
    personId: t.id({ required: true, description: 'Global ID of the person.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    roles: t.field({ type: [RoleEnum], required: true, description: 'The complete new set of roles.' }),
    clearance: t.field({ type: ClearanceLevelEnum, required: true, description: 'The new clearance.' }),
    reason: t.string({ required: false, description: 'Why, for the audit trail.' }),
  }),
});

const PersonActionInput = builder.inputType('PersonActionInput', {
  description: 'A person to act on, and why.',
  fields: (t) => ({
    personId: t.id({ required: true, description: 'Global ID of the person.' }),
    expectedVersion: t.int({ required: false, description: 'The version you read, to detect a concurrent change.' }),
    reason: t.string({ required: false, description: 'Why, for the audit trail.' }),
  }),
});

builder.mutationField('invitePerson', (t) =>
  t.field({
    type: InvitationRef,
    description: 'Administrators: invites a person; returns the one-time activation token to hand over.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: InvitePersonInput, required: true, description: 'The person.' }) },
    resolve: async (_root, { input }, ctx) => {
      const result = await runMutation(
        ctx,
        {
          operation: 'invitePerson',
          idempotency: 'none',
          why: 'its activation token is shown once and never stored, not even for a replay; an e-mail address is invited once',
        },
        (tx) =>
          invitePerson(
            tx,
            ctx.actor!,
            {
              organizationId: decodeId(input.organizationId, 'Organization', 'organizationId'),
              email: input.email,
              displayName: input.displayName,
              roles: input.roles,
              clearance: input.clearance ?? undefined,
            },
            ctx.now,
          ),
      );
      return {
        personId: result.person.id,
        activationToken: result.activationToken,
        activationExpiresAt: result.activationExpiresAt,
      };
    },
  }),
);

builder.mutationField('setPersonAccess', (t) =>
  t.field({
    type: PersonAccessChangedRef,
    description: 'Administrators: sets a person’s roles and clearance (recorded in the administrative audit chain).',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: SetPersonAccessInput, required: true, description: 'The change.' }) },
    resolve: async (_root, { input }, ctx) => {
      const person = await runMutation(
        ctx,
        {
          operation: 'setPersonAccess',
          idempotency: 'none',
          why: 'it sets roles and clearance to the values sent: a retry writes the same',
        },
        (tx) =>
          setPersonAccess(
            tx,
            ctx.actor!,
            {
              personId: decodeId(input.personId, 'Person', 'personId'),
              expectedVersion: input.expectedVersion,
              roles: input.roles,
              clearance: input.clearance,
              reason: input.reason ?? undefined,
            },
            ctx.now,
          ),
      );
      return { personId: person.id };
    },
  }),
);

builder.mutationField('requestPasswordReset', (t) =>
  t.field({
    type: PasswordResetIssuedRef,
    description: 'Administrators: issues a one-time password-reset token for a person.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: PersonActionInput, required: true, description: 'The person.' }) },
    resolve: (_root, { input }, ctx) =>
      runMutation(
        ctx,
        { operation: 'requestPasswordReset', idempotency: 'none', why: 'each request sends a fresh token by e-mail' },
        (tx) =>
          requestPasswordReset(
            tx,
            ctx.actor!,
            { personId: decodeId(input.personId, 'Person', 'personId'), reason: input.reason ?? undefined },
            ctx.now,
          ),
      ),
  }),
);

builder.mutationField('deactivatePerson', (t) =>
  t.field({
    type: PersonDeactivatedRef,
    description: 'Administrators: deactivates a person; access tokens already issued are refused at once.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: PersonActionInput, required: true, description: 'The person.' }) },
    resolve: async (_root, { input }, ctx) => {
      const person = await runMutation(
        ctx,
        { operation: 'deactivatePerson', idempotency: 'none', why: 'a retry finds the person already deactivated' },
        (tx) =>
          deactivatePerson(
            tx,
            ctx.actor!,
            {
              personId: decodeId(input.personId, 'Person', 'personId'),
              expectedVersion: input.expectedVersion ?? undefined,
              reason: input.reason ?? undefined,
            },
            ctx.now,
          ),
      );
      return { personId: person.id };
    },
  }),
);

export const ServiceAccountRef = builder.drizzleNode('serviceAccounts', {
  name: 'ServiceAccount',
  description: 'A department system’s account: a long-lived API token scoped to one organisation.',
  id: { column: (s) => s.id, description: 'Global ID of the service account.' },
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What the account is for.' }),
    organization: t.relation('organization', { description: 'The organisation the account acts for.' }),
    roles: t.expose('roles', { type: [RoleEnum], description: 'Roles of the account.' }),
    clearance: t.expose('clearance', { type: ClearanceLevelEnum, description: 'Clearance of the account.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it last called the API (to the minute).',
    }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked, if it was.',
    }),
  }),
});

const ServiceAccountCreatedRef = builder
  .objectRef<{ serviceAccountId: string; token: string }>('ServiceAccountCreated')
  .implement({
    description: 'A new service account and its API token, shown once.',
    fields: (t) => ({
      serviceAccount: t.drizzleField({
        type: 'serviceAccounts',
        description: 'The account.',
        resolve: async (query, payload, _args, ctx) =>
          (await ctx.db.query.serviceAccounts.findFirst(query({ where: { id: payload.serviceAccountId } })))!,
      }),
      token: t.exposeString('token', {
        description: 'Send as `Authorization: Bearer <token>`. Shown once; stored hashed.',
      }),
    }),
  });

const CreateServiceAccountInput = builder.inputType('CreateServiceAccountInput', {
  description: 'A service account for an organisation’s system.',
  fields: (t) => ({
    organizationId: t.id({ required: true, description: 'Global ID of the organisation.' }),
    name: t.string({ required: true, description: 'What the account is for.' }),
    roles: t.field({
      type: [RoleEnum],
      required: true,
      description: 'Roles; each must belong to the organisation kind.',
    }),
    clearance: t.field({ type: ClearanceLevelEnum, required: false, description: 'Clearance (default INTERNAL).' }),
  }),
});

builder.mutationField('createServiceAccount', (t) =>
  t.field({
    type: ServiceAccountCreatedRef,
    description: 'Administrators: creates a service account; its token is returned once.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: CreateServiceAccountInput, required: true, description: 'The account.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { serviceAccount, token } = await runMutation(
        ctx,
        {
          operation: 'createServiceAccount',
          idempotency: 'none',
          why: 'its token is shown once and never stored, not even for a replay',
        },
        (tx) =>
          createServiceAccount(
            tx,
            ctx.actor!,
            {
              organizationId: decodeId(input.organizationId, 'Organization', 'organizationId'),
              name: input.name,
              roles: input.roles,
              clearance: input.clearance ?? undefined,
            },
            ctx.now,
          ),
      );
      return { serviceAccountId: serviceAccount.id, token };
    },
  }),
);

builder.mutationField('revokeServiceAccount', (t) =>
  t.drizzleField({
    type: 'serviceAccounts',
    description: 'Administrators: revokes a service account; its token stops working at once.',
    errors: { types: mutationErrorTypes },
    args: {
      serviceAccountId: t.arg.id({ required: true, description: 'Global ID of the service account.' }),
      reason: t.arg.string({ required: false, description: 'Why, for the audit trail.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const revoked = await runMutation(
        ctx,
        { operation: 'revokeServiceAccount', idempotency: 'none', why: 'a retry finds the account already revoked' },
        (tx) =>
          revokeServiceAccount(
            tx,
            ctx.actor!,
            {
              serviceAccountId: decodeId(args.serviceAccountId, 'ServiceAccount', 'serviceAccountId'),
              reason: args.reason ?? undefined,
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.serviceAccounts.findFirst(query({ where: { id: revoked.id } })))!;
    },
  }),
);

function visiblePeople(ctx: GraphQLContext, table: typeof people, organizationId: string | undefined): SQL {
  return and(
    readableWhere(ctx, 'Person', personSubjectFields(table)),
    organizationId ? eq(table.organizationId, organizationId) : undefined,
  )!;
}

builder.queryField('people', (t) =>
  t.drizzleConnection({
    type: 'people',
    description: 'People, by name; optionally of one organisation.',
    args: {
      organizationId: t.arg.id({ required: false, description: 'Global ID of an organisation.' }),
    },
    totalCount: (_parent, args, ctx) =>
      ctx.db.$count(people, visiblePeople(ctx, people, organizationFilter(args.organizationId))),
    resolve: (query, _parent, args, ctx) =>
      ctx.db.query.people.findMany(
        query({
          where: {
            RAW: (table) => visiblePeople(ctx, table as typeof people, organizationFilter(args.organizationId)),
          },
          orderBy: { displayName: 'asc' },
        }),
      ),
  }),
);

function visibleServiceAccounts(ctx: GraphQLContext, table: typeof serviceAccounts): SQL {
  return accessibleWhere(ctx.actor, 'read', 'ServiceAccount', serviceAccountSubjectFields(table));
}

builder.queryField('serviceAccounts', (t) =>
  t.drizzleConnection({
    type: 'serviceAccounts',
    description: 'Service accounts (administrators and auditors).',
    totalCount: (_parent, _args, ctx) => ctx.db.$count(serviceAccounts, visibleServiceAccounts(ctx, serviceAccounts)),
    resolve: (query, _parent, _args, ctx) =>
      ctx.db.query.serviceAccounts.findMany(
        query({
          where: { RAW: (table) => visibleServiceAccounts(ctx, table as typeof serviceAccounts) },
          orderBy: { createdAt: 'desc' },
        }),
      ),
  }),
);

/** An organisation filter given as a global ID; a malformed one matches nothing rather than everything. */
function organizationFilter(id: string | null | undefined): string | undefined {
  if (!id) return undefined;
  return decodeIdOrNull(id, 'Organization') ?? '00000000-0000-0000-0000-000000000000';
}
