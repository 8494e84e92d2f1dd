/**
 * REST routes for document content, authenticated with the same bearer tokens as GraphQL:
 *
 * - `POST /cases/:caseId/documents?title=…&fileName=…&classification=…&shareWith=<orgId,orgId>`
 *   with the raw bytes as the body (its own size limit);
 * - `GET /documents/:id` streams the content as an attachment with the sniffed media type.
 *
 * GraphQL serves the metadata (`Case.documents`); bytes stay out of JSON. Errors answer as
 * `{ error: { code, message, field? } }`; a case or document the caller may not see is a 404,
 * exactly like a missing one.
 */
import express from 'express';
import type { DatabaseHandle } from '../db/database.ts';
import type { Actor } from '../domain/actor.ts';
import { AuthError } from '../domain/auth/auth-errors.ts';
import type { AuthSettings } from '../domain/auth/auth-settings.ts';
import { authenticateRequest } from '../domain/auth/authenticate.ts';
import { readDocument, uploadDocument } from '../domain/documents/documents.ts';
import { AppError, ValidationError } from '../domain/errors.ts';
import { decodeIdOrNull } from '../graphql/global-id.ts';
import type { Logger } from '../logger.ts';

/** Uploads above this answer 413 before anything is read into the database. */
export const documentSizeLimitBytes = 20 * 1024 * 1024;

export interface DocumentRouterDependencies {
  readonly database: DatabaseHandle;
  readonly auth: AuthSettings;
  readonly logger: Logger;
  readonly now?: () => Date;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A raw UUID or a global ID of `typename`; anything else is null (read as not found or invalid). */
const idOf = (value: string, typename: string) => (uuid.test(value) ? value : decodeIdOrNull(value, typename));

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const statusOf: Partial<Record<string, number>> = { NOT_FOUND: 404, FORBIDDEN: 403, VALIDATION: 400, CONFLICT: 409 };

function send(res: express.Response, error: HttpError) {
  const body = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  res.status(error.status).json({ error: body });
}

/** The single query parameter `name`, or undefined (a repeated parameter is refused). */
function param(req: express.Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'VALIDATION', `${name} must be given once`, name);
  return value;
}

export function documentRouter(deps: DocumentRouterDependencies): express.Router {
  const now = deps.now ?? (() => new Date());
  const router = express.Router();

  async function authenticate(req: express.Request, at: Date): Promise<Actor> {
    const signedIn = await authenticateRequest(
      deps.database.db,
      deps.auth.signingKey,
      req.headers.authorization,
      at,
    ).catch((error: unknown) => {
      if (error instanceof AuthError) {
        throw new HttpError(401, 'UNAUTHENTICATED', 'The access token is invalid or expired.');
      }
      throw error;
    });
    if (!signedIn) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in first: send `Authorization: Bearer <token>`.');
    if (signedIn.mfaEnrolmentPending) {
      throw new HttpError(403, 'MFA_ENROLMENT_REQUIRED', 'Enrol a second factor first.');
    }
    return signedIn.actor;
  }

  /** Wraps a handler: expected failures answer as JSON errors, anything else is logged and masked. */
  const handle =
    (handler: (req: express.Request, res: express.Response) => Promise<void>) =>
    (req: express.Request, res: express.Response) => {
      handler(req, res).catch((error: unknown) => {
        if (error instanceof HttpError) return send(res, error);
        if (error instanceof ValidationError) {
          const first = error.fieldErrors[0];
          return send(res, new HttpError(400, 'VALIDATION', error.message, first?.field));
        }
        if (error instanceof AppError) {
          return send(res, new HttpError(statusOf[error.code] ?? 400, error.code, error.message));
        }
        (req.log ?? deps.logger).error({ err: error }, 'document route failed');
        send(res, new HttpError(500, 'INTERNAL', 'Something went wrong.'));
      });
    };

  // The raw body is read only for this route, under its own limit (the GraphQL limit is far smaller).
  router.post(
    '/cases/:caseId/documents',
    express.raw({ type: () => true, limit: documentSizeLimitBytes }),
    handle(async (req, res) => {
      const at = now();
      const actor = await authenticate(req, at);
      const caseId = idOf(String(req.params.caseId), 'Case');
      if (!caseId) throw new HttpError(404, 'NOT_FOUND', 'Case not found');
      const shareWith = (param(req, 'shareWith') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((s) => {
          const id = idOf(s, 'Organization');
          if (!id) throw new HttpError(400, 'VALIDATION', `shareWith: ${s} is not an organisation ID`, 'shareWith');
          return id;
        });
      // express.raw leaves a Buffer for any body; without one the upload is empty (refused as such).
      const content = (Buffer.isBuffer(req.body) ? req.body : new Uint8Array()) as Uint8Array<ArrayBuffer>;
      const document = await deps.database.db.transaction((tx) =>
        uploadDocument(
          tx,
          actor,
          {
            caseId,
            title: param(req, 'title') ?? '',
            fileName: param(req, 'fileName') ?? '',
            classification: (param(req, 'classification') ?? '') as never,
            shareWith,
            content,
          },
          at,
        ),
      );
      res.status(201).json({ document: { ...document, downloadPath: `/documents/${document.id}` } });
    }),
  );

  router.get(
    '/documents/:id',
    handle(async (req, res) => {
      const at = now();
      const actor = await authenticate(req, at);
      const id = idOf(String(req.params.id), 'Document');
      if (!id) throw new HttpError(404, 'NOT_FOUND', 'Document not found');
      const document = await deps.database.db.transaction((tx) => readDocument(tx, actor, id, at));
      const content = Buffer.from(document.content);
      // attachment() guesses a type from the name; the sniffed type is set after it and wins.
      res.attachment(document.fileName);
      res.setHeader('content-type', document.mediaType);
      res.setHeader('content-length', String(content.byteLength));
      res.setHeader('x-content-sha256', document.sha256);
      res.setHeader('cache-control', 'private, no-store');
      res.end(content);
    }),
  );

  // A body over the limit, or one that cannot be read, answers in the same JSON shape.
  router.use(
    (
      error: { status?: number; type?: string; message: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (!error.status || error.status >= 500) return next(error);
      if (error.type === 'entity.too.large') {
        return send(
          res,
          new HttpError(413, 'PAYLOAD_TOO_LARGE', `A document may be at most ${documentSizeLimitBytes} bytes.`),
        );
      }
      send(res, new HttpError(error.status, 'BAD_REQUEST', error.message));
    },
  );

  return router;
}
