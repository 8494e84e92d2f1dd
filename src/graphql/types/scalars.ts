/**
 * Date and DateTime. A malformed value answers a GraphQL error that says the expected format (and,
 * through `dateArgumentsRule`, which argument), never "Unexpected error.": the errors are
 * GraphQLErrors, which yoga does not mask.
 */
import {
  type ASTVisitor,
  GraphQLError,
  getNullableType,
  isScalarType,
  Kind,
  print,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { builder } from '../builder.ts';

const dateFormat = 'a calendar day as YYYY-MM-DD (e.g. 2026-01-31)';
const dateTimeFormat = 'an ISO 8601 instant with its offset, e.g. 2026-10-16T15:59:59.999Z';
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Why `value` is not a Date, or null. */
export function dateProblem(value: unknown): string | null {
  const match = typeof value === 'string' ? datePattern.exec(value) : null;
  if (!match) return `Date must be ${dateFormat}`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? null : `Date must be ${dateFormat}: ${value as string} is not a day of the calendar`;
}

/** Why `value` is not a DateTime, or null. */
export function dateTimeProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !dateTimePattern.test(value) || Number.isNaN(Date.parse(value))) {
    return `DateTime must be ${dateTimeFormat}`;
  }
  return null;
}

const problemOf: Record<string, (value: unknown) => string | null> = { Date: dateProblem, DateTime: dateTimeProblem };

/** The literal's value if it is a plain string, else undefined (a number, an object…). */
const literal = (node: ValueNode): unknown => (node.kind === Kind.STRING ? node.value : print(node));

builder.scalarType('DateTime', {
  description: `An instant, as ${dateTimeFormat} (UTC with milliseconds on output).`,
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const problem = dateTimeProblem(value);
    if (problem) throw new GraphQLError(problem, { extensions: { code: 'VALIDATION' } });
    return new Date(value as string);
  },
  parseLiteral: (node) => {
    const problem = node.kind === Kind.STRING ? dateTimeProblem(node.value) : dateTimeProblem(undefined);
    if (problem) throw new GraphQLError(`${problem}; got ${print(node)}`, { extensions: { code: 'VALIDATION' } });
    return new Date((node as { value: string }).value);
  },
});

builder.scalarType('Date', {
  description: `A calendar day without a time, as ${dateFormat}, read in the calendar of the case.`,
  serialize: (value) => value,
  parseValue: (value) => {
    const problem = dateProblem(value);
    if (problem) throw new GraphQLError(problem, { extensions: { code: 'VALIDATION' } });
    return value as string;
  },
  parseLiteral: (node) => {
    const problem = node.kind === Kind.STRING ? dateProblem(node.value) : dateProblem(undefined);
    if (problem) throw new GraphQLError(`${problem}; got ${print(node)}`, { extensions: { code: 'VALIDATION' } });
    return (node as { value: string }).value;
  },
});

/**
 * A validation rule naming the argument of a malformed Date or DateTime written in the document
 * (graphql-js reports the literal without it; a variable is named by graphql-js itself).
 */
export function dateArgumentsRule(context: ValidationContext): ASTVisitor {
  const check = (node: ValueNode) => {
    if (node.kind === Kind.VARIABLE || node.kind === Kind.NULL) return;
    const type = context.getInputType();
    const scalar = type ? getNullableType(type) : null;
    if (!scalar || !isScalarType(scalar) || !problemOf[scalar.name]) return;
    const problem = problemOf[scalar.name]!(literal(node));
    if (!problem) return;
    const argument = context.getArgument()?.name ?? 'value';
    const field = context.getFieldDef()?.name;
    context.reportError(
      new GraphQLError(`Argument "${argument}"${field ? ` of "${field}"` : ''}: ${problem}; got ${print(node)}.`, {
        nodes: [node],
        extensions: { code: 'VALIDATION', argument },
      }),
    );
  };
  return {
    StringValue: check,
    IntValue: check,
    FloatValue: check,
    BooleanValue: check,
    EnumValue: check,
  };
}
