import { and, eq } from 'drizzle-orm';
import { organizations } from '../../../db/schema/organizations.ts';
import type { OrganizationKind } from '../../../vocabulary/terms.ts';
import { organizationSubjectFields } from '../../domain/access/subject-fields.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { readableWhere } from '../visibility.ts';
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

function visibleOrganizations(
  ctx: GraphQLContext,
  table: typeof organizations,
  kind: OrganizationKind | null | undefined,
) {
  return and(
    readableWhere(ctx, 'Organization', organizationSubjectFields(table)),
    kind ? eq(table.kind, kind) : undefined,
  )!;
}

builder.queryField('organizations', (t) =>
  t.drizzleConnection({
    type: 'organizations',
    description: 'Organisations taking part in reviews, by name.',
    args: { kind: t.arg({ type: OrganizationKindEnum, required: false, description: 'Only this kind.' }) },
    totalCount: (_parent, args, ctx) =>
      ctx.db.$count(organizations, visibleOrganizations(ctx, organizations, args.kind)),
    resolve: (query, _parent, args, ctx) =>
      ctx.db.query.organizations.findMany(
        query({
          where: { RAW: (table) => visibleOrganizations(ctx, table as typeof organizations, args.kind) },
          orderBy: { name: 'asc' },
        }),
      ),
  }),
);
