/** The Pothos builder and its plugins; type definitions live in ./types, one file per type. */
import SchemaBuilder from '@pothos/core';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { relations } from '../../db/relations.ts';
import type { GraphQLContext } from './context.ts';

export interface SchemaTypes {
  Context: GraphQLContext;
  DrizzleRelations: typeof relations;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
  };
}

export const builder = new SchemaBuilder<SchemaTypes>({
  plugins: [ErrorsPlugin, RelayPlugin, DrizzlePlugin],
  drizzle: {
    client: (ctx) => ctx.db,
    getTableConfig,
    relations,
    defaultConnectionSize: 20,
    maxConnectionSize: 100,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: true,
    edgesFieldOptions: { description: 'The edges of this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when it does not exist or the caller may not see it.',
    },
    nodesQueryOptions: {
      description: 'Fetches objects by their global IDs; null for each that does not exist or the caller may not see.',
    },
    nodeTypeOptions: { description: 'An object with a global ID (Relay).' },
    pageInfoTypeOptions: { description: 'Pagination state of a connection (Relay).' },
  },
  errors: { defaultTypes: [] },
});

builder.queryType({ description: 'Reads.' });
