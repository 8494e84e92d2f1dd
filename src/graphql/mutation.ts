/** What every GraphQL mutation shares: the idempotency-key input field and the one way a change runs. */
import type { Tx } from '../db/database.ts';
import { type MutationRequest, runMutation as runDomainMutation } from '../domain/run-mutation.ts';
import type { GraphQLContext } from './context.ts';

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
