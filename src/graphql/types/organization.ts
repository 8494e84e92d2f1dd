import { eq } from 'drizzle-orm';
import { organizations } from '../../../db/schema/organizations.ts';
import { builder } from '../builder.ts';
import { OrganizationKindEnum } from './enums.ts';

export const OrganizationRef = builder.drizzleNode('organizations', {
  name: 'Organization',
  description: 'The review office, a member department, a firm or a research institute.',
  id: { column: (o) => o.id, description: 'Global ID of the organisation.' },
  fields: (t) => ({
    kind: t.expose('kind', { type: OrganizationKindEnum, description: 'What kind of organisation this is.' }),
    code: t.exposeString('code', { description: 'Short stable code, e.g. MIIT or HUAXIN-IC.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameZh: t.exposeString('nameZh', { nullable: true, description: 'Name in Chinese.' }),
    country: t.exposeString('country', { description: 'Country of registration (ISO 3166-1 alpha-2).' }),
    isChainLeader: t.exposeBoolean('isChainLeader', {
      description: 'Whether this firm leads an industry chain and reports its supplier list.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the organisation was registered.' }),
  }),
});

builder.queryField('organizations', (t) =>
  t.drizzleConnection({
    type: 'organizations',
    description: 'Organisations taking part in reviews, by name.',
    args: { kind: t.arg({ type: OrganizationKindEnum, required: false, description: 'Only this kind.' }) },
    totalCount: (_parent, args, ctx) =>
      ctx.db.$count(organizations, args.kind ? eq(organizations.kind, args.kind) : undefined),
    resolve: (query, _parent, args, ctx) =>
      ctx.db.query.organizations.findMany(
        query({ where: args.kind ? { kind: args.kind } : {}, orderBy: { name: 'asc' } }),
      ),
  }),
);
