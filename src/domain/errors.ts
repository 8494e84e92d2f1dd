/**
 * The one error model. Domain functions throw these; the GraphQL layer turns each into a typed
 * member of the mutation's result union (errors as data). Anything else is a bug and is masked.
 */

/** Every expected failure, closed. */
export type AppErrorCode =
  /** The object does not exist, or the caller may not see it: the two read the same. */
  | 'NOT_FOUND'
  /** The caller may see the object but may not do this to it. */
  | 'FORBIDDEN'
  /** The input is invalid; `fieldErrors` names each field and the reason. */
  | 'VALIDATION'
  /** The event is not allowed in the current state, or a guard refused it. */
  | 'INVALID_TRANSITION'
  /** Someone changed the object since the caller read it. */
  | 'STALE_VERSION'
  /** The change conflicts with existing data (a duplicate code or e-mail, for example). */
  | 'CONFLICT'
  /** Sign-in failures and refused tokens: see src/domain/auth/auth-errors.ts. */
  | 'INVALID_CREDENTIALS'
  | 'TOTP_REQUIRED'
  | 'INVALID_TOTP'
  | 'RATE_LIMITED'
  | 'INVALID_TOKEN';

export abstract class AppError extends Error {
  abstract readonly code: AppErrorCode;
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  constructor(readonly entity: string) {
    super(`${entity} not found`);
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
}

export interface FieldError {
  /** Path of the input field, e.g. `input.email` or `rows.12.share`. */
  readonly field: string;
  readonly message: string;
}

export class ValidationError extends AppError {
  readonly code = 'VALIDATION';
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super(`invalid input: ${fieldErrors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  }

  static single(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class InvalidTransitionError extends AppError {
  readonly code = 'INVALID_TRANSITION';
  constructor(
    readonly currentState: string,
    readonly event: string,
    /** The events the caller may send now (those `availableActions` reports as possible). */
    readonly allowedEvents: readonly string[],
    readonly reason?: string,
    /** The code of the rule that refused, when a workflow guard did (a `BlockedReason`). */
    readonly blockedReason?: string,
  ) {
    super(reason ?? `${event} is not allowed in state ${currentState}`);
  }
}

export class StaleVersionError extends AppError {
  readonly code = 'STALE_VERSION';
  constructor(readonly currentVersion: number) {
    super(`the object changed since it was read; its current version is ${currentVersion}`);
  }
}

export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
}
