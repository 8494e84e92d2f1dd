/**
 * Applies the text rule (src/domain/text-rule.ts) to every String and ID that reaches a resolver,
 * in arguments and input fields at any depth, before the resolver runs: the resolver sees the NFC
 * form, and a refusal is the field's typed `ValidationError` (or, where the field has no result
 * union, a GraphQL error with code VALIDATION and the same `fieldErrors`). Registered after the
 * errors plugin, so a thrown ValidationError becomes the union member.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import {
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLResolveInfo,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
} from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { ValidationError } from '../domain/errors.ts';
import { acceptText, singleLine, textFieldNamed } from '../domain/text-rule.ts';

/** Whether a value of `type` can hold a string anywhere inside it. */
function holdsText(type: GraphQLInputType, seen = new Set<unknown>()): boolean {
  const inner = getNullableType(type);
  if (isListType(inner)) return holdsText(inner.ofType, seen);
  if (isScalarType(inner)) return inner.name === 'String' || inner.name === 'ID';
  if (isInputObjectType(inner)) {
    if (seen.has(inner)) return false;
    seen.add(inner);
    return Object.values(inner.getFields()).some((field) => holdsText(field.type, seen));
  }
  return false;
}

/** `value` with every string checked and normalised; `name` is the argument or input field it is in. */
function accept(value: unknown, type: GraphQLInputType, path: string, name: string): unknown {
  if (value === null || value === undefined) return value;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    return Array.isArray(value) ? value.map((item, n) => accept(item, inner.ofType, `${path}.${n}`, name)) : value;
  }
  if (isScalarType(inner)) {
    if (typeof value !== 'string') return value;
    if (inner.name === 'String') return acceptText(value, path, textFieldNamed(name));
    if (inner.name === 'ID') return acceptText(value, path, singleLine);
    return value;
  }
  if (isInputObjectType(inner) && typeof value === 'object') {
    const fields = inner.getFields();
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => {
        const field = fields[key];
        return [key, field ? accept(item, field.type, `${path}.${key}`, key) : item];
      }),
    );
  }
  return value;
}

function acceptArgs(args: Record<string, unknown>, defs: readonly GraphQLArgument[]): Record<string, unknown> {
  const accepted: Record<string, unknown> = { ...args };
  for (const def of defs) {
    if (def.name in args) accepted[def.name] = accept(args[def.name], def.type, def.name, def.name);
  }
  return accepted;
}

const argumentsOf = (info: GraphQLResolveInfo) => info.parentType.getFields()[info.fieldName]?.args ?? [];

export class TextInputPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  private guard(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const declared = (fieldConfig.pothosOptions as { errors?: { types?: unknown[] } }).errors?.types ?? [];
    const typedRefusal = declared.includes(ValidationError);
    let textArguments: readonly GraphQLArgument[] | null = null;
    return (parent, args, context, info) => {
      textArguments ??= argumentsOf(info).filter((arg) => holdsText(arg.type));
      if (textArguments.length === 0) return resolver(parent, args, context, info);
      let accepted: Record<string, unknown>;
      try {
        accepted = acceptArgs(args as Record<string, unknown>, textArguments);
      } catch (error) {
        if (!(error instanceof ValidationError) || typedRefusal) throw error;
        throw createGraphQLError(error.message, {
          extensions: { code: 'VALIDATION', fieldErrors: error.fieldErrors },
        });
      }
      return resolver(parent, accepted, context, info);
    };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    return this.guard(resolver, fieldConfig);
  }

  override wrapSubscribe(
    subscribe: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    return subscribe && this.guard(subscribe, fieldConfig);
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      textInput: TextInputPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('textInput', TextInputPlugin);
