/**
 * `nodes(ids:)`: objects by their global IDs, entry by entry. The IDs are taken as plain strings and
 * decoded here, so that one malformed, unknown, missing or invisible ID answers null in its place
 * instead of failing the whole query (the relay plugin's own field rejects the whole list).
 */
import { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import { readableIds } from '../visibility.ts';

/** The type and database id inside a global ID, or null when it is not one. */
function decodedOrNull(globalId: string): { typename: string; id: string } | null {
  try {
    return decodeGlobalID(globalId);
  } catch {
    return null;
  }
}

builder.queryField('nodes', (t) =>
  t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description:
      'Fetches objects by their global IDs; null for each that is malformed, does not exist, or the caller may not see.',
    args: { ids: t.arg.idList({ required: true, description: 'Global IDs.' }) },
    resolve: async (_root, { ids }, ctx, info) => {
      const decoded = ids.map((id) => decodedOrNull(String(id)));
      const valid = decoded.filter((d): d is { typename: string; id: string } => d !== null);
      const readable = new Map<string, Set<string>>();
      for (const typename of new Set(valid.map((d) => d.typename))) {
        const ofType = valid.filter((d) => d.typename === typename).map((d) => d.id);
        readable.set(typename, await readableIds(ctx, typename, ofType));
      }
      // Load only what the caller may read; the rest reads as null, like a missing ID.
      const allowed = valid.filter((d) => readable.get(d.typename)?.has(d.id));
      const loaded = allowed.length > 0 ? await resolveNodes(builder, ctx, info, allowed) : [];
      const byKey = new Map(allowed.map((d, index) => [`${d.typename}:${d.id}`, loaded[index] ?? null]));
      return decoded.map((d) => (d ? (byKey.get(`${d.typename}:${d.id}`) ?? null) : null)) as never;
    },
  }),
);
