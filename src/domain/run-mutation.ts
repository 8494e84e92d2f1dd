/**
 * How every change a person or a service asks for runs, through GraphQL or REST alike: one
 * transaction holding the state, its audit entries and its outbox rows, and the idempotency key
 * applied (the first result for the same key and input is replayed). A change that takes no key
 * says so and why (`idempotency: 'none'`): sign-in steps, whose retry must be judged afresh, and
 * versioned edits, whose retry is answered by `StaleVersion`. Domain errors are thrown as they are;
 * each transport maps them once (src/graphql/types/errors.ts, src/http/rest.ts).
 */
import type { Actor } from '../../vocabulary/actor.ts';
import type { Database, Tx } from '../database/database.ts';
import { runIdempotent } from './idempotency/run-idempotent.ts';

export type MutationRequest =
  | { readonly operation: string; readonly idempotencyKey: string | null | undefined; readonly input: unknown }
  | { readonly operation: string; readonly idempotency: 'none'; readonly why: string };

export function runMutation<T>(
  db: Database,
  actor: Actor | null,
  request: MutationRequest,
  now: Date,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction((tx) => {
    if ('idempotency' in request || !request.idempotencyKey) return work(tx);
    if (!actor) throw new Error(`${request.operation}: an idempotency key needs an actor`);
    return runIdempotent(
      tx,
      actor,
      { key: request.idempotencyKey, operation: request.operation, input: request.input },
      () => work(tx),
      now,
    );
  });
}
