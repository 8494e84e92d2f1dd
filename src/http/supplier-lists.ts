/**
 * REST routes for supplier lists (design §6), authenticated with the same bearer tokens as GraphQL:
 *
 * - `POST /supplier-lists?dryRun=true&reporter=<organisation id>` with the CSV file as the body
 *   (`text/csv`, UTF-8, at most 20 MB: its own limit, far above the GraphQL one). Without `dryRun`
 *   the list is applied; `reporter` is for the office uploading on a firm's behalf.
 * - `GET /supplier-lists/export?chain=IC&reporter=<organisation id>` answers the same CSV format.
 *
 * A refused file answers 422 `{ error: { code: 'VALIDATION', message, errorCount, rows: [{ row, column, message }] } }`.
 */
import express from 'express';
import type { DatabaseHandle } from '../db/database.ts';
import type { Actor } from '../domain/actor.ts';
import { AuthError } from '../domain/auth/auth-errors.ts';
import type { AuthSettings } from '../domain/auth/auth-settings.ts';
import { authenticateRequest } from '../domain/auth/authenticate.ts';
import { AppError, ValidationError } from '../domain/errors.ts';
import {
  exportSupplierList,
  importSupplierList,
  SupplierListRejectedError,
} from '../domain/knowledge/supplier-lists.ts';
import { decodeIdOrNull } from '../graphql/global-id.ts';
import type { Logger } from '../logger.ts';

/** A 50,000-row list is about 4 MB; this leaves room without letting a request exhaust memory. */
export const supplierListSizeLimitBytes = 20 * 1024 * 1024;

export interface SupplierListRouterDependencies {
  readonly database: DatabaseHandle;
  readonly auth: AuthSettings;
  readonly logger: Logger;
  readonly now?: () => Date;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const statusOf: Partial<Record<string, number>> = { NOT_FOUND: 404, FORBIDDEN: 403, VALIDATION: 400, CONFLICT: 409 };

function send(res: express.Response, error: HttpError) {
  res.status(error.status).json({ error: { code: error.code, message: error.message, ...error.extra } });
}

function param(req: express.Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'VALIDATION', `${name} must be given once`, { field: name });
  return value;
}

/** An organisation as a raw UUID or a global ID. */
function reporterParam(req: express.Request): string | undefined {
  const value = param(req, 'reporter');
  if (value === undefined || value === '') return undefined;
  const id = uuid.test(value) ? value : decodeIdOrNull(value, 'Organization');
  if (!id) throw new HttpError(400, 'VALIDATION', 'reporter must be an organisation ID', { field: 'reporter' });
  return id;
}

export function supplierListRouter(deps: SupplierListRouterDependencies): express.Router {
  const now = deps.now ?? (() => new Date());
  const router = express.Router();

  async function authenticate(req: express.Request, at: Date): Promise<Actor> {
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
    if (signedIn.mfaEnrolmentPending)
      throw new HttpError(403, 'MFA_ENROLMENT_REQUIRED', 'Enrol a second factor first.');
    return signedIn.actor;
  }

  const handle =
    (handler: (req: express.Request, res: express.Response) => Promise<void>) =>
    (req: express.Request, res: express.Response) => {
      handler(req, res).catch((error: unknown) => {
        if (error instanceof HttpError) return send(res, error);
        if (error instanceof SupplierListRejectedError) {
          return send(
            res,
            new HttpError(422, 'VALIDATION', error.message, { errorCount: error.errorCount, rows: error.rowErrors }),
          );
        }
        if (error instanceof ValidationError) {
          return send(res, new HttpError(400, 'VALIDATION', error.message, { field: error.fieldErrors[0]?.field }));
        }
        if (error instanceof AppError) {
          return send(res, new HttpError(statusOf[error.code] ?? 400, error.code, error.message));
        }
        (req.log ?? deps.logger).error({ err: error }, 'supplier-list route failed');
        send(res, new HttpError(500, 'INTERNAL', 'Something went wrong.'));
      });
    };

  router.post(
    '/supplier-lists',
    express.raw({ type: () => true, limit: supplierListSizeLimitBytes }),
    handle(async (req, res) => {
      const at = now();
      const actor = await authenticate(req, at);
      const dryRunText = param(req, 'dryRun') ?? 'false';
      if (!['true', 'false'].includes(dryRunText)) {
        throw new HttpError(400, 'VALIDATION', 'dryRun must be true or false', { field: 'dryRun' });
      }
      const content = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const reporterOrganizationId = reporterParam(req);
      const result = await deps.database.db.transaction((tx) =>
        importSupplierList(
          tx,
          actor,
          { content, dryRun: dryRunText === 'true', ...(reporterOrganizationId ? { reporterOrganizationId } : {}) },
          at,
        ),
      );
      res.status(200).json({ result });
    }),
  );

  router.get(
    '/supplier-lists/export',
    handle(async (req, res) => {
      const at = now();
      const actor = await authenticate(req, at);
      const chainCode = param(req, 'chain');
      if (!chainCode)
        throw new HttpError(400, 'VALIDATION', 'chain (an industry chain code) is required', { field: 'chain' });
      const reporterOrganizationId = reporterParam(req);
      const csv = await exportSupplierList(deps.database.db, actor, {
        chainCode,
        ...(reporterOrganizationId ? { reporterOrganizationId } : {}),
      });
      res.attachment(`supplier-list-${chainCode.replace(/[^\w-]/g, '_')}.csv`);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('cache-control', 'private, no-store');
      res.send(csv);
    }),
  );

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
          new HttpError(
            413,
            'PAYLOAD_TOO_LARGE',
            `A supplier list may be at most ${supplierListSizeLimitBytes} bytes.`,
          ),
        );
      }
      send(res, new HttpError(error.status, 'BAD_REQUEST', error.message));
    },
  );

  return router;
}
