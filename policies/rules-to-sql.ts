/**
 * The one converter from CASL rules to a drizzle `where`: every list and every by-id read goes through it,
 * so its answer must equal CASL's in-memory `ability.can(action, subject(type, row))` for every row.
 *
 * It walks the AST `rulesToAST` builds (which already folds rule precedence and `cannot` rules into
 * `or`/`and`/`not`) and fails closed: anything it cannot translate exactly throws instead of widening access.
 */
import { type AnyMongoAbility, mongoQueryMatcher } from '@casl/ability';
import { rulesToAST } from '@casl/ability/extra';
import { and, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, not, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * How one subject field maps to SQL.
 *
 * - `column`: a real column of the queried table; the CASL row carries it as a scalar property.
 * - `set`: a virtual array field whose members live in a child table; the CASL row carries it as a JS array.
 *   `contains(v)` must be true when `v` is a member, `containsAny(vs)` when any of `vs` is (never called with
 *   an empty list). Both must yield a plain boolean, never NULL (an `exists (...)` subquery does), and members
 *   must be non-null.
 */
export type FieldSql =
  | { kind: 'column'; column: AnyPgColumn }
  | { kind: 'set'; contains: (value: unknown) => SQL; containsAny: (values: unknown[]) => SQL };

/** The fields of one subject type that rules may mention, keyed by the property name the rules use. */
export type SubjectFields = Record<string, FieldSql>;

/** A rule, field or operator that cannot be translated exactly; thrown rather than guessing. */
export class RulesToSqlError extends Error {
  override name = 'RulesToSqlError';
}

type Ast = NonNullable<ReturnType<typeof rulesToAST>>;

/**
 * Builds the SQL condition that selects exactly the rows `ability` permits `action` on as `subjectType`.
 *
 * No applicable rule gives `false`; an unconditional `can` (not overridden by a later `cannot`) gives `true`.
 * Throws {@link RulesToSqlError} for unknown fields, unsupported operators or values.
 */
export function rulesToSql(ability: AnyMongoAbility, action: string, subjectType: string, fields: SubjectFields): SQL {
  // As in `ability.can(action, object)` without a field, a `can` that names fields grants the row and
  // a `cannot` that names fields hides no row (it hides those fields; see field-access.ts).
  const ast = rulesToAST(ability, action, subjectType);
  return ast ? toSql(ast, fields) : sql`false`;
}

// Every translated node is two-valued (never SQL NULL), so `not` and the combinators match JS booleans.
function toSql(node: Ast, fields: SubjectFields): SQL {
  if ('field' in node) return fieldToSql(node.operator, String(node.field), node.value, fields);
  const children = Array.isArray(node.value) ? (node.value as Ast[]).map((child) => toSql(child, fields)) : undefined;
  if (children) {
    if (node.operator === 'and') return and(...children) ?? sql`true`;
    if (node.operator === 'or') return or(...children) ?? sql`false`;
    if (node.operator === 'nor') return not(or(...children) ?? sql`false`);
    if (node.operator === 'not' && children.length === 1) return not(children[0]!);
  }
  throw new RulesToSqlError(`unsupported condition operator "${node.operator}"`);
}

function fieldToSql(operator: string, name: string, value: unknown, fields: SubjectFields): SQL {
  const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (!field) throw new RulesToSqlError(`unknown field "${name}" in rule conditions`);
  // ne/nin are CASL's exact negations of eq/in (ucast: ne = !eq, nin = !within).
  const positive = operator === 'ne' ? 'eq' : operator === 'nin' ? 'in' : operator;
  const condition =
    field.kind === 'column' ? columnSql(name, field.column, positive, value) : setSql(name, field, positive, value);
  return positive === operator ? condition : not(condition);
}

const RANGE = { lt, lte, gt, gte } as const;
type RangeOperator = keyof typeof RANGE;
const isRange = (operator: string): operator is RangeOperator => Object.hasOwn(RANGE, operator);

function columnSql(name: string, column: AnyPgColumn, operator: string, value: unknown): SQL {
  if (operator !== 'eq' && operator !== 'in' && !isRange(operator)) throw unsupported(name, operator);
  const values = operator === 'in' ? asList(name, value) : [value];
  const present = values.filter((v) => v !== null);
  if (present.length < values.length && isRange(operator)) throw badValue(name, operator, null);
  for (const v of present) checkValue(name, column, operator, v);

  let onValue: SQL;
  if (isRange(operator)) {
    // JS orders strings by code unit; the "C" collation (code point order) agrees, a locale collation does not.
    const compare = RANGE[operator];
    onValue =
      column.dataType === 'string' ? compare(sql`${column} collate "C"`, present[0]) : compare(column, present[0]);
  } else if (present.length === 0) onValue = sql`false`;
  else onValue = present.length === 1 && operator === 'eq' ? eq(column, present[0]) : inArray(column, present);
  if (column.notNull) return onValue;

  // A NULL cell must give what CASL gives for `null`, e.g. `null < 5` is true in JS; ask CASL's own matcher.
  const nullMatches = mongoQueryMatcher({ v: { [`$${operator}`]: value } })({ v: null });
  return nullMatches ? or(isNull(column), onValue)! : and(isNotNull(column), onValue)!;
}

function setSql(name: string, field: Extract<FieldSql, { kind: 'set' }>, operator: string, value: unknown): SQL {
  // On an array field ucast's eq means "contains" and in means "contains any"; range operators mean other things.
  if (operator !== 'eq' && operator !== 'in') throw unsupported(name, operator);
  const values = operator === 'in' ? asList(name, value) : [value];
  for (const v of values) if (!isPrimitive(v)) throw badValue(name, operator, v);
  if (values.length === 0) return sql`false`;
  return operator === 'eq' ? field.contains(values[0]) : field.containsAny(values);
}

function asList(name: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw badValue(name, 'in', value);
  return value;
}

const isPrimitive = (v: unknown) =>
  typeof v === 'string' ||
  typeof v === 'number' ||
  typeof v === 'bigint' ||
  typeof v === 'boolean' ||
  (v instanceof Date && !Number.isNaN(v.getTime()));

// SQL casts a mismatched parameter ('5' = 5 is true) where CASL compares strictly, so types must agree exactly.
function checkValue(name: string, column: AnyPgColumn, operator: string, value: unknown): void {
  const type = column.dataType;
  let ok: boolean;
  if (type === 'string' || (!isRange(operator) && (type === 'string enum' || type === 'string uuid'))) {
    ok = typeof value === 'string';
  } else if (type.startsWith('number')) ok = typeof value === 'number' && Number.isFinite(value);
  else if (type.startsWith('bigint')) ok = typeof value === 'bigint';
  else if (type === 'object date') ok = value instanceof Date && !Number.isNaN(value.getTime());
  else if (type === 'boolean' && !isRange(operator)) ok = typeof value === 'boolean';
  else throw new RulesToSqlError(`operator "${operator}" is not supported on field "${name}" of type "${type}"`);
  if (!ok) throw badValue(name, operator, value);
}

const unsupported = (name: string, operator: string) =>
  new RulesToSqlError(`unsupported operator "${operator}" on field "${name}"`);

const badValue = (name: string, operator: string, value: unknown) =>
  new RulesToSqlError(`unsupported value ${describe(value)} for operator "${operator}" on field "${name}"`);

const describe = (value: unknown) =>
  typeof value === 'bigint' ? `${value}n` : value instanceof RegExp ? String(value) : JSON.stringify(value);
