/** What every GraphQL mutation shares: the idempotency-key input field and the one way a change runs. */

import type { Actor } from '../../vocabulary/actor.ts';
import type { Tx } from '../database/database.ts';
import { type MutationRequest, runMutation as runDomainMutation } from '../domain/run-mutation.ts';
import type { GraphQLContext } from './context.ts';
import { decodeId } from './global-id.ts';

/** The optional `idempotencyKey` field of a mutation input (see src/domain/idempotency). */
export const idempotencyKeyField = {
  required: false,
  description: 'Send the same key with the same input to retry safely: the first result is replayed.',
} as const;

/** Runs a mutation's domain work as src/domain/run-mutation.ts does, as the request's actor at its time. */
export function runMutation<T>(
  ctx: GraphQLContext,
  request: MutationRequest,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return runDomainMutation(ctx.db, ctx.actor ?? null, request, ctx.now, work);
}

/** Runs a creating change through the one mutation path; a replay answers the first call's new row id. */
export const createOnce = (
  ctx: GraphQLContext,
  operation: string,
  idempotencyKey: string | null | undefined,
  input: unknown,
  create: (tx: Tx, actor: Actor) => Promise<{ id: string }>,
): Promise<string> =>
  runMutation(ctx, { operation, idempotencyKey, input }, async (tx) => ({
    id: (await create(tx, ctx.actor!)).id,
  })).then((created) => created.id);

/** Optional GraphQL input → domain input: absent stays absent, an explicit null clears. */
export const opt = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/** An optional global ID input → its database id: absent stays absent, null clears. */
export const decodeOptional = (value: string | number | null | undefined, typename: string, field: string) =>
  value === undefined ? undefined : value === null ? null : decodeId(String(value), typename, field);
