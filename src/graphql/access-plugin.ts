/**
 * The one place every field resolver goes through for access control:
 * - a signed-out caller reaches only fields marked public (`extensions: { public: true }`);
 * - a person who must still enrol a second factor reaches only fields marked `duringMfaEnrolment`;
 * - a field of an object the caller may see is read only if the CASL field rules allow it, and
 *   reads as null otherwise (such fields are nullable; the schema build fails if one is not).
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { abilityOf, restrictedFields, type SubjectType } from '../../policies/ability.ts';
import { canReadField } from '../../policies/field-access.ts';
import type { GraphQLContext } from './context.ts';

/** GraphQL object types whose fields are subject to the CASL field rules, and their subject type. */
export const subjectTypeOfObject: Partial<Record<string, SubjectType>> = {
  Case: 'Case',
  Person: 'Person',
  Organization: 'Organization',
  Regime: 'Regime',
  Calendar: 'Calendar',
  IndustryChain: 'IndustryChain',
  ChainNode: 'ChainNode',
  ServiceAccount: 'ServiceAccount',
  Decision: 'Decision',
  Appeal: 'Appeal',
  Condition: 'Condition',
  Assessment: 'Assessment',
  Document: 'Document',
  Consultation: 'Consultation',
  InformationRequest: 'InformationRequest',
};

const rootKinds = new Set(['Query', 'Mutation', 'Subscription']);

export class AccessPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (rootKinds.has(fieldConfig.kind)) {
      const isPublic = fieldConfig.extensions?.public === true;
      const duringEnrolment = isPublic || fieldConfig.extensions?.duringMfaEnrolment === true;
      return (parent, args, context, info) => {
        const ctx = context as unknown as GraphQLContext;
        if (!isPublic && !ctx.actor) {
          throw createGraphQLError('Sign in first: send `Authorization: Bearer <access token>`.', {
            extensions: { code: 'UNAUTHENTICATED' },
          });
        }
        if (!duringEnrolment && ctx.mfaEnrolmentPending) {
          throw createGraphQLError('Enrol a second factor first (beginTotpEnrolment, confirmTotpEnrolment).', {
            extensions: { code: 'MFA_ENROLMENT_REQUIRED' },
          });
        }
        return resolver(parent, args, context, info);
      };
    }

    const subjectType = subjectTypeOfObject[fieldConfig.parentType];
    if (!subjectType || fieldConfig.name === 'id') return resolver;
    if (restrictedFields[subjectType]?.includes(fieldConfig.name) && !fieldConfig.type.nullable) {
      throw new Error(
        `${fieldConfig.parentType}.${fieldConfig.name} can be hidden by the field rules, so it must be nullable`,
      );
    }
    const field = fieldConfig.name;
    return (parent, args, context, info) => {
      const { actor } = context as unknown as GraphQLContext;
      if (!actor || !canReadField(abilityOf(actor), subjectType, parent as Record<string, unknown>, field)) return null;
      return resolver(parent, args, context, info);
    };
  }

  /** A subscription is let in on the same terms as a query; its resolver filters the events it sends. */
  override wrapSubscribe(
    subscribe: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    return subscribe && this.wrapResolve(subscribe, fieldConfig);
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      access: AccessPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('access', AccessPlugin);
