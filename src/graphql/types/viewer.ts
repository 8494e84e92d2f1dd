import type { Actor } from '../../../vocabulary/actor.ts';
import { builder } from '../builder.ts';
import { ClearanceLevelEnum, RoleEnum } from './enums.ts';

export const ViewerRef = builder.objectRef<Exclude<Actor, { kind: 'SYSTEM' }>>('Viewer');

ViewerRef.implement({
  description: 'Who is asking: the signed-in person or service account.',
  fields: (t) => ({
    person: t.drizzleField({
      type: 'people',
      nullable: true,
      description: 'The signed-in person; null for a service account.',
      resolve: (query, viewer, _args, ctx) =>
        viewer.kind === 'PERSON'
          ? ctx.db.query.people.findFirst(query({ where: { id: viewer.personId } })).then((p) => p ?? null)
          : null,
    }),
    organization: t.drizzleField({
      type: 'organizations',
      description: 'The organisation the viewer acts for.',
      resolve: async (query, viewer, _args, ctx) => {
        const org = await ctx.db.query.organizations.findFirst(query({ where: { id: viewer.organizationId } }));
        if (!org) throw new Error('viewer organisation missing');
        return org;
      },
    }),
    roles: t.field({ type: [RoleEnum], description: 'The viewer’s roles.', resolve: (viewer) => [...viewer.roles] }),
    clearance: t.field({
      type: ClearanceLevelEnum,
      description: 'The viewer’s clearance.',
      resolve: (v) => v.clearance,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description: 'Who is asking; null for an anonymous request.',
    extensions: { public: true },
    resolve: (_parent, _args, ctx) => (ctx.actor && ctx.actor.kind !== 'SYSTEM' ? ctx.actor : null),
  }),
);
