/**
 * The error half of every mutation's result union (errors as data). Domain errors map one to one
 * onto these types; the errors plugin catches them and returns them as members of the union.
 */

import type { BlockedReason } from '../../../workflows/guards.ts';
import {
  InvalidCredentialsError,
  InvalidTokenError,
  InvalidTotpError,
  RateLimitedError,
  TotpRequiredError,
} from '../../domain/auth/auth-errors.ts';
import {
  type AppError,
  ConflictError,
  type FieldError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  StaleVersionError,
  ValidationError,
} from '../../domain/errors.ts';
import { builder } from '../builder.ts';
import { BlockedReasonEnum } from './enums.ts';

export const ErrorInterface = builder.interfaceRef<AppError>('Error').implement({
  description: 'An expected failure of a mutation, returned as data.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, for a person to read.' }),
  }),
});

const FieldErrorRef = builder.objectRef<FieldError>('FieldError').implement({
  description: 'One invalid input field and why.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Path of the input field, e.g. input.email.' }),
    message: t.exposeString('message', { description: 'Why the value was refused.' }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFound',
  description: 'The object does not exist, or the caller may not see it; the two read the same.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof NotFoundError,
  fields: () => ({}),
});

builder.objectType(ForbiddenError, {
  name: 'Forbidden',
  description: 'The caller may see the object but may not do this.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ForbiddenError,
  fields: () => ({}),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was refused; nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ValidationError,
  fields: (t) => ({
    fieldErrors: t.field({
      type: [FieldErrorRef],
      description: 'Each invalid field and the reason.',
      resolve: (e) => [...e.fieldErrors],
    }),
  }),
});

builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransition',
  description: 'The action is not allowed in the current state, or a rule of the workflow refused it.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InvalidTransitionError,
  fields: (t) => ({
    currentState: t.exposeString('currentState', { description: 'The state the object is in.' }),
    event: t.exposeString('event', { description: 'The event that was refused.' }),
    allowedEvents: t.exposeStringList('allowedEvents', {
      description: 'Events the caller may send now: those `availableActions` lists as possible.',
    }),
    blockedReason: t.field({
      type: BlockedReasonEnum,
      nullable: true,
      description: 'The rule that refused the event, when a workflow rule did (the message words it).',
      resolve: (e) => (e.blockedReason ?? null) as BlockedReason | null,
    }),
  }),
});

builder.objectType(StaleVersionError, {
  name: 'StaleVersion',
  description: 'Someone changed the object since the caller read it; re-read and retry.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof StaleVersionError,
  fields: (t) => ({
    currentVersion: t.exposeInt('currentVersion', { description: 'The version the object has now.' }),
  }),
});

builder.objectType(ConflictError, {
  name: 'Conflict',
  description: 'The change conflicts with existing data, e.g. a code or e-mail already in use.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ConflictError,
  fields: () => ({}),
});

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentials',
  description: 'Unknown e-mail, wrong password, or an account that cannot sign in: one answer for all.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InvalidCredentialsError,
  fields: () => ({}),
});

builder.objectType(TotpRequiredError, {
  name: 'TotpRequired',
  description: 'The password was right; send the one-time code of the authenticator app as well.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof TotpRequiredError,
  fields: () => ({}),
});

builder.objectType(InvalidTotpError, {
  name: 'InvalidTotp',
  description: 'The one-time code is wrong, expired or already used.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InvalidTotpError,
  fields: () => ({}),
});

builder.objectType(RateLimitedError, {
  name: 'RateLimited',
  description: 'Too many attempts from this address; wait and try again.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof RateLimitedError,
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: 'Seconds to wait before trying again.' }),
  }),
});

builder.objectType(InvalidTokenError, {
  name: 'InvalidToken',
  description: 'The token is unknown, expired, revoked or already used.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InvalidTokenError,
  fields: () => ({}),
});

/** The error types every mutation on a case or an account may return. */
export const mutationErrorTypes = [
  NotFoundError,
  ForbiddenError,
  ValidationError,
  InvalidTransitionError,
  StaleVersionError,
  ConflictError,
];

/** The error types of signing in and of the caller's own account. */
export const sessionErrorTypes = [
  ...mutationErrorTypes,
  InvalidCredentialsError,
  TotpRequiredError,
  InvalidTotpError,
  RateLimitedError,
  InvalidTokenError,
];
