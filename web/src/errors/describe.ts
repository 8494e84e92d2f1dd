/**
 * One place that words every failure for a person, in their language: the typed errors of the
 * API's result unions, top-level GraphQL errors (sign-in, rate limit), and the network.
 */
import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';
import { graphql } from '../gql';

/** Selected by every mutation of the console: the members of the API's result unions. */
export const MutationErrorFragment = graphql(`
  fragment MutationError on Error {
    __typename
    message
    ... on ValidationError {
      fieldErrors {
        field
        message
      }
    }
    ... on InvalidTransition {
      currentState
      event
      allowedEvents
      blockedReason
    }
    ... on StaleVersion {
      currentVersion
    }
  }
`);

export interface TypedApiError {
  readonly __typename: string;
  readonly message: string;
  readonly fieldErrors?: readonly { readonly field: string; readonly message: string }[];
  readonly currentState?: string;
  readonly event?: string;
  readonly allowedEvents?: readonly string[];
  readonly blockedReason?: string | null;
  readonly currentVersion?: number;
}

export interface DescribedError {
  readonly title: string;
  readonly details: readonly string[];
  /** Whether trying again may help (network, server), so a retry is offered. */
  readonly retryable: boolean;
}

const typedTitles: Record<string, string> = {
  NotFound: 'errors.notFound',
  Forbidden: 'errors.forbidden',
  ValidationError: 'errors.validation',
  InvalidTransition: 'errors.invalidTransition',
  StaleVersion: 'errors.staleVersion',
  Conflict: 'errors.conflict',
};

/** The last segment of `input.totpCode` → `totpCode`, worded by `fields.*` when we have a label. */
export function fieldLabel(t: TFunction, field: string): string {
  const name =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part) && part !== 'input')
      .join('.') || field;
  return t(`fields.${name}`, { defaultValue: name });
}

export function describeTypedError(t: TFunction, error: TypedApiError): DescribedError {
  const title = t(typedTitles[error.__typename] ?? 'errors.unknown');
  const details: string[] = [];
  if (error.fieldErrors?.length) {
    for (const f of error.fieldErrors) details.push(`${fieldLabel(t, f.field)}: ${f.message}`);
  } else if (error.__typename === 'InvalidTransition') {
    // The rule that refused, in the person's language when the console words it; else the API's sentence.
    details.push(
      error.blockedReason ? t(`blockedReason.${error.blockedReason}`, { defaultValue: error.message }) : error.message,
    );
  } else if (error.__typename !== 'NotFound') {
    details.push(error.message);
  }
  return { title, details, retryable: false };
}

export function describeCombinedError(t: TFunction, error: CombinedError): DescribedError {
  if (error.networkError && error.graphQLErrors.length === 0) {
    return { title: t('errors.network'), details: [], retryable: true };
  }
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  if (code === 'UNAUTHENTICATED') return { title: t('errors.unauthenticated'), details: [], retryable: false };
  if (code === 'RATE_LIMITED') return { title: t('errors.rateLimited'), details: [], retryable: true };
  if (code === 'PAYLOAD_TOO_LARGE') return { title: t('errors.tooLarge'), details: [], retryable: false };
  return {
    title: t('errors.server'),
    details: first?.message && first.message !== 'Unexpected error.' ? [first.message] : [],
    retryable: true,
  };
}

/** The typed error of a mutation's result, or null when it is the payload. */
export function typedErrorOf(result: { __typename?: string } | null | undefined): TypedApiError | null {
  if (!result?.__typename) return null;
  return result.__typename in typedTitles ? (result as unknown as TypedApiError) : null;
}
