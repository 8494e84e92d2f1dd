/** What every mutation shares: the idempotency-key input field and the transaction it runs in. */
import type { Tx } from '../db/database.ts';
import { runIdempotent } from '../domain/idempotency/run-idempotent.ts';
import type { GraphQLContext } from './context.ts';

/** The optional `idempotencyKey` field of a mutation input (see src/domain/idempotency). */
export const idempotencyKeyField = {
  required: false,
  description: 'Send the same key with the same input to retry safely: the first result is replayed.',
} as const;

/**
 * Runs a mutation's domain work in one transaction; with an idempotency key, the first result for the
 * same key and input is replayed instead of running the work again. Every mutation goes through here,
 * so none can forget either.
 */
export function runMutation<T>(
  ctx: GraphQLContext,
  request: { operation: string; idempotencyKey: string | null | undefined; input: unknown },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction((tx) =>
    runIdempotent(
      tx,
      ctx.actor!,
      { key: request.idempotencyKey, operation: request.operation, input: request.input },
      () => work(tx),
      ctx.now,
    ),
  );
}
