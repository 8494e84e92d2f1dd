/**
 * What the REST routes (documents, supplier lists) share: sign-in with the same bearer tokens as
 * GraphQL, one JSON error shape `{ error: { code, message, …details } }`, single query parameters,
 * IDs given raw or global, and the answer to a body over a route's own size limit.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import type express from 'express';
import type { Actor } from '../../vocabulary/actor.ts';
import type { DatabaseHandle } from '../database/database.ts';
import { isDatabaseUnavailable, retryAfterSeconds } from '../database/database-errors.ts';
import { AuthError } from '../domain/auth/auth-errors.ts';
import type { AuthSettings } from '../domain/auth/auth-settings.ts';
import { authenticateRequest } from '../domain/auth/authenticate.ts';
import { AppError, ValidationError } from '../domain/errors.ts';
import { acceptText, singleLine } from '../domain/text-rule.ts';
import { decodeIdOrNull } from '../graphql/global-id.ts';
import type { Logger } from '../logger.ts';

/** What a REST router needs from the application. */
export interface RestRouterDependencies {
  readonly database: DatabaseHandle;
  readonly auth: AuthSettings;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** An expected failure, answered as `{ error: { code, message, ...details } }` with `status`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const statusOf: Partial<Record<string, number>> = { NOT_FOUND: 404, FORBIDDEN: 403, VALIDATION: 400, CONFLICT: 409 };

function send(res: express.Response, error: HttpError) {
  if (error.status === 503) res.setHeader('Retry-After', String(retryAfterSeconds));
  res.status(error.status).json({ error: { code: error.code, message: error.message, ...error.details } });
}

/** The single query parameter `name`, or undefined (a repeated parameter is refused). */
export function queryParam(req: express.Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'VALIDATION', `${name} must be given once`, { field: name });
  return acceptText(value, name, singleLine);
}

/** The `Idempotency-Key` header (the same rule as GraphQL's `idempotencyKey` field), or null. */
export function idempotencyKeyOf(req: express.Request): string | null {
  const key = req.get('idempotency-key');
  return key === undefined ? null : acceptText(key, 'Idempotency-Key', singleLine);
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A raw UUID or a global ID of `typename`; anything else is null (read as not found or invalid). */
export const idOf = (value: string, typename: string) => (uuid.test(value) ? value : decodeIdOrNull(value, typename));

/** The global ID GraphQL uses for the object: REST answers in the same form (one ID form everywhere). */
export const globalIdOf = (typename: string, id: string) => encodeGlobalID(typename, id);

/** The signed-in actor of a request, or a 401/403 HttpError. */
export async function bearerActor(deps: RestRouterDependencies, req: express.Request, at: Date): Promise<Actor> {
  const signedIn = await authenticateRequest(
    deps.database.db,
    deps.auth.signingKey,
    req.headers.authorization,
    at,
  ).catch((error: unknown) => {
    if (error instanceof AuthError)
      throw new HttpError(401, 'UNAUTHENTICATED', 'The access token is invalid or expired.');
    throw error;
  });
  if (!signedIn) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in first: send `Authorization: Bearer <token>`.');
  if (signedIn.mfaEnrolmentPending) throw new HttpError(403, 'MFA_ENROLMENT_REQUIRED', 'Enrol a second factor first.');
  return signedIn.actor;
}

/**
 * Wraps the handlers of one router: expected failures answer as JSON errors (a route's own errors
 * through `translate`), anything else is logged as `<what> route failed` and masked.
 */
export function jsonHandler(
  deps: RestRouterDependencies,
  what: string,
  translate: (error: unknown) => HttpError | null = () => null,
) {
  return (handler: (req: express.Request, res: express.Response) => Promise<void>) =>
    (req: express.Request, res: express.Response) => {
      handler(req, res).catch((error: unknown) => {
        if (error instanceof HttpError) return send(res, error);
        const translated = translate(error);
        if (translated) return send(res, translated);
        if (error instanceof ValidationError) {
          return send(
            res,
            new HttpError(400, 'VALIDATION', error.message, {
              field: error.fieldErrors[0]?.field,
              fieldErrors: error.fieldErrors,
            }),
          );
        }
        if (error instanceof AppError) {
          return send(res, new HttpError(statusOf[error.code] ?? 400, error.code, error.message));
        }
        if (isDatabaseUnavailable(error)) {
          (req.log ?? deps.logger).warn({ err: (error as Error).message }, `${what} route: database unavailable`);
          return send(res, databaseUnavailable());
        }
        (req.log ?? deps.logger).error({ err: error }, `${what} route failed`);
        send(res, new HttpError(500, 'INTERNAL', 'Something went wrong.'));
      });
    };
}

/** The answer to any request the database could not serve because it is away: retry shortly. */
export const databaseUnavailable = () =>
  new HttpError(503, 'SERVICE_UNAVAILABLE', 'The database is not reachable right now; retry shortly.', {
    retryable: true,
  });

/** A body over the route's limit (413, `tooLarge`), or one that cannot be read (400), in the same JSON shape. */
export function bodyErrors(tooLarge: string): express.ErrorRequestHandler {
  return (error: { status?: number; type?: string; message: string }, _req, res, next) => {
    if (!error.status || error.status >= 500) return next(error);
    if (error.type === 'entity.too.large') return send(res, new HttpError(413, 'PAYLOAD_TOO_LARGE', tooLarge));
    send(res, new HttpError(error.status, 'BAD_REQUEST', error.message));
  };
}
