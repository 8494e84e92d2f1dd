/**
 * The domain's permission checks, built on the CASL rules of policies/ability.ts. Every domain
 * function asserts here before touching data, so jobs and scripts are bound like GraphQL callers.
 */
import { subject as tag } from '@casl/ability';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { cases } from '../../../db/schema/cases.ts';
import { type Action, abilityOf, type SubjectType } from '../../../policies/ability.ts';
import { rulesToSql, type SubjectFields } from '../../../policies/rules-to-sql.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Queryable } from '../../database/database.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { caseSubjectFields } from './subject-fields.ts';

/** The SQL filter of the rows `actor` may `action` (false for an anonymous caller). */
export function accessibleWhere(actor: Actor | null, action: Action, type: SubjectType, fields: SubjectFields): SQL {
  if (!actor) return sql`false`;
  return rulesToSql(abilityOf(actor), action, type, fields);
}

/**
 * Asserts a permission that does not depend on a stored row (creating something, or acting on an
 * object already loaded with the columns the rule reads).
 * @throws ForbiddenError
 */
export function assertCan(actor: Actor, action: Action, type: SubjectType, object?: Record<string, unknown>): void {
  const ability = abilityOf(actor);
  const allowed = object ? ability.can(action, tag(type, { ...object })) : ability.can(action, type);
  if (!allowed) throw new ForbiddenError(`${describe(actor)} may not ${action} ${type}`);
}

/**
 * Loads a case for an action, inside the caller's transaction, locking it when asked. A case the
 * actor may not read is not found (the same answer as a case that does not exist); one they may
 * read but not act on is forbidden.
 */
export async function loadCaseFor(
  tx: Queryable,
  actor: Actor,
  action: Action,
  caseId: string,
  options: { lock?: boolean } = {},
) {
  const readable = accessibleWhere(actor, 'read', 'Case', caseSubjectFields(cases));
  const query = tx
    .select({
      row: cases,
      allowed:
        action === 'read' ? sql<boolean>`true` : accessibleWhere(actor, action, 'Case', caseSubjectFields(cases)),
    })
    .from(cases)
    .where(and(eq(cases.id, caseId), readable));
  const [found] = options.lock ? await query.for('update', { of: cases }) : await query;
  if (!found) throw new NotFoundError('Case');
  if (!found.allowed) throw new ForbiddenError(`${describe(actor)} may not ${action} this case`);
  return found.row;
}

function describe(actor: Actor): string {
  return actor.kind === 'SYSTEM'
    ? `the system (${actor.label})`
    : `a ${actor.roles.join('/') || 'person without roles'}`;
}
