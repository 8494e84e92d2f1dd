/** Parses a domain function's input with zod and reports every problem as a field error. */
import type { z } from 'zod';
import { ValidationError } from './errors.ts';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.join('.') : 'input',
      message: issue.message,
    })),
  );
}

/** Postgres unique violations become domain conflicts instead of masked errors. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = findPostgresError(error);
  return (
    e?.code === '23505' && (constraint === undefined || e.constraint_name === constraint || e.constraint === constraint)
  );
}

interface PostgresErrorLike {
  code?: string;
  constraint_name?: string;
  constraint?: string;
}

function findPostgresError(error: unknown): PostgresErrorLike | undefined {
  // drizzle wraps driver errors; the driver's error is on `cause`.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as PostgresErrorLike & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}
