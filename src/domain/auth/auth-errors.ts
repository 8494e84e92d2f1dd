/**
 * Authentication failures. They extend `AppError` so that the GraphQL layer handles them like
 * every other expected failure; their codes are part of `AppErrorCode`.
 *
 * Messages are deliberately vague: they are shown to the caller, who must not learn whether an
 * e-mail is registered, an account exists or is locked, or why a token was refused. The precise
 * `reason` of an `InvalidTokenError` is for logs only.
 */
import { AppError } from '../errors.ts';

export type AuthErrorCode =
  /** Unknown e-mail, wrong password, inactive or locked account: one answer for all. */
  | 'INVALID_CREDENTIALS'
  /** The password was right and the account has a second factor: send `totpCode` too. */
  | 'TOTP_REQUIRED'
  /** The second-factor code is wrong (or outside the ±30 s window). */
  | 'INVALID_TOTP'
  /** Too many login attempts from one IP address. */
  | 'RATE_LIMITED'
  /** An access, refresh, service-account or one-time token is unknown, expired, revoked or reused. */
  | 'INVALID_TOKEN';

export abstract class AuthError extends AppError {
  abstract override readonly code: AuthErrorCode;
}

export class InvalidCredentialsError extends AuthError {
  readonly code = 'INVALID_CREDENTIALS' as const;
  constructor() {
    super('invalid e-mail or password');
  }
}

export class TotpRequiredError extends AuthError {
  readonly code = 'TOTP_REQUIRED' as const;
  constructor() {
    super('a one-time code from the authenticator app is required');
  }
}

export class InvalidTotpError extends AuthError {
  readonly code = 'INVALID_TOTP' as const;
  constructor() {
    super('invalid one-time code');
  }
}

export class RateLimitedError extends AuthError {
  readonly code = 'RATE_LIMITED' as const;
  constructor(readonly retryAfterSeconds: number) {
    super(`too many login attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`);
  }
}

/** Why a token was refused; kept for logs, never shown to the caller. */
export type InvalidTokenReason = 'malformed' | 'expired' | 'invalid' | 'revoked' | 'reused' | 'inactive';

export class InvalidTokenError extends AuthError {
  readonly code = 'INVALID_TOKEN' as const;
  constructor(readonly reason: InvalidTokenReason) {
    super('the token is invalid or has expired');
  }
}
