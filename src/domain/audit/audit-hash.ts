/**
 * How an audit entry is hashed: SHA-256 over a canonical serialisation (keys sorted, instants as
 * ISO strings) of the entry's fields and the previous entry's hash. Appending and verifying both
 * use this function, so the two can never disagree on the format.
 */
import { createHash } from 'node:crypto';

export interface HashedAuditFields {
  readonly chain: string;
  readonly sequence: number;
  readonly caseId: string | null;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly entityKind: string;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
  readonly occurredAt: Date;
  readonly previousHash: string | null;
}

/** JSON with object keys sorted at every level, so equal values always serialise the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditEntry(fields: HashedAuditFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}
