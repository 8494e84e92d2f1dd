/** What every idempotent mutation input shares. */

/** The optional `idempotencyKey` field of a mutation input (see src/domain/idempotency). */
export const idempotencyKeyField = {
  required: false,
  description: 'Send the same key with the same input to retry safely: the first result is replayed.',
} as const;
