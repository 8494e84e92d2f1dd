/** The Pothos builder and its plugins; type definitions live in ./types, one file per type. */
import SchemaBuilder from '@pothos/core';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { relations } from '../../db/relations.ts';
import './access-plugin.ts';
import './text-input-plugin.ts';
import type { GraphQLContext } from './context.ts';
import { readableIds } from './visibility.ts';

export interface SchemaTypes {
  Context: GraphQLContext;
  DrizzleRelations: typeof relations;
  /** Fields are non-null unless they say otherwise: a client should not null-check what cannot be null. */
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
  };
}

export const builder: PothosSchemaTypes.SchemaBuilder<PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>> =
  new SchemaBuilder<SchemaTypes>({
    // textInput after the errors plugin: its ValidationError becomes the field's typed result.
    plugins: ['access', ErrorsPlugin, 'textInput', RelayPlugin, DrizzlePlugin],
    defaultFieldNullability: false,
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
      nodesOnConnection: { description: 'The objects of this page, without their cursors.' },
      idFieldOptions: { description: 'Global ID (Relay): pass it to `node` to fetch the object again.' },
      edgesFieldOptions: { description: 'The edges of this page, each with its cursor.' },
      pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
      cursorFieldOptions: { description: 'Opaque position of this edge; pass it as `after` or `before`.' },
      nodeFieldOptions: { description: 'The object at this edge.' },
      hasNextPageFieldOptions: { description: 'Whether objects follow this page.' },
      hasPreviousPageFieldOptions: { description: 'Whether objects precede this page.' },
      startCursorFieldOptions: { description: 'Cursor of the first edge of this page.' },
      endCursorFieldOptions: { description: 'Cursor of the last edge of this page.' },
      firstArgOptions: { description: 'Return at most this many objects from the start (after `after`).' },
      lastArgOptions: { description: 'Return at most this many objects from the end (before `before`).' },
      afterArgOptions: { description: 'Return objects after this cursor.' },
      beforeArgOptions: { description: 'Return objects before this cursor.' },
      defaultConnectionTypeOptions: { description: 'A page of a list (Relay connection).' },
      defaultEdgeTypeOptions: { description: 'One object of a page and its cursor.' },
      nodeQueryOptions: {
        description: 'Fetches any object by its global ID; null when it does not exist or the caller may not see it.',
        args: { id: { description: 'A global ID.' } },
        // Only IDs the caller may read are loaded, so a hidden object reads like a missing one.
        resolve: async (_root, { id }, ctx, _info, resolveNode) =>
          (await readableIds(ctx, id.typename, [id.id])).has(id.id) ? resolveNode(id) : null,
      },
      // `nodes` is defined in types/nodes.ts: it takes plain IDs, so one malformed entry reads as null.
      nodesQueryOptions: false,
      nodeTypeOptions: { description: 'An object with a global ID (Relay).' },
      pageInfoTypeOptions: { description: 'Pagination state of a connection (Relay).' },
    },
    errors: {
      defaultTypes: [],
      // Result unions hold the payload itself or one of the field's error types (errors as data).
      directResult: true,
      defaultUnionOptions: {
        name: ({ fieldName }) => `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Result`,
        description: 'The payload of the operation, or the expected error that stopped it (nothing was changed).',
      },
      defaultResultOptions: {
        name: ({ fieldName }) => `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Success`,
        description: 'The operation succeeded.',
      },
    },
  });

builder.queryType({ description: 'Reads.' });
