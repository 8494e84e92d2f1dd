/**
 * Idempotent mutations: the same key and input from the same actor replays the first result
 * instead of acting twice (a client retrying after a lost answer). A key reused with another input
 * is refused. Only a success is remembered: a failed attempt rolled back and may be retried.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../../../db/schema/messaging.ts';
import { type Actor, actorId } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { canonicalJson } from '../audit/audit-hash.ts';
import { ValidationError } from '../errors.ts';

export async function runIdempotent<T>(
  tx: Tx,
  actor: Actor,
  request: { key: string | null | undefined; operation: string; input: unknown },
  run: () => Promise<T>,
  now: Date,
): Promise<T> {
  const { key, operation } = request;
  if (!key) return run();
  if (key.length > 200) throw ValidationError.single('idempotencyKey', 'must be at most 200 characters');
  const owner = actorId(actor) ?? '00000000-0000-0000-0000-000000000000';
  const inputHash = createHash('sha256')
    .update(canonicalJson({ operation, input: request.input }))
    .digest('hex');
  // Two concurrent requests with one key: the second waits here, then finds the first's result.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${owner}:${key}`}, 1))`);
  const [stored] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.actorId, owner), eq(idempotencyKeys.key, key)));
  if (stored) {
    if (stored.inputHash !== inputHash) {
      throw ValidationError.single('idempotencyKey', 'was already used with another operation or input');
    }
    return stored.result as T;
  }
  const result = await run();
  await tx.insert(idempotencyKeys).values({
    actorId: owner,
    key,
    operation,
    inputHash,
    result: JSON.parse(JSON.stringify(result ?? null)),
    createdAt: now,
  });
  return result;
}
