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
import { createHash } from 'node:crypto';
import express from 'express';
import {
  exportSupplierList,
  importSupplierList,
  SupplierListRejectedError,
} from '../domain/knowledge/supplier-lists.ts';
import { runMutation } from '../domain/run-mutation.ts';
import {
  bearerActor,
  bodyErrors,
  globalIdOf,
  HttpError,
  idempotencyKeyOf,
  idOf,
  jsonHandler,
  queryParam as param,
  type RestRouterDependencies,
} from './rest.ts';

/** A 50,000-row list is about 4 MB; this leaves room without letting a request exhaust memory. */
export const supplierListSizeLimitBytes = 20 * 1024 * 1024;

export type SupplierListRouterDependencies = RestRouterDependencies;

/** An organisation as a raw UUID or a global ID. */
function reporterParam(req: express.Request): string | undefined {
  const value = param(req, 'reporter');
  if (value === undefined || value === '') return undefined;
  const id = idOf(value, 'Organization');
  if (!id) throw new HttpError(400, 'VALIDATION', 'reporter must be an organisation ID', { field: 'reporter' });
  return id;
}

export function supplierListRouter(deps: SupplierListRouterDependencies): express.Router {
  const now = deps.now ?? (() => new Date());
  const router = express.Router();

  const authenticate = (req: express.Request, at: Date) => bearerActor(deps, req, at);
  // A refused file names every bad row: 422 with the row errors.
  const handle = jsonHandler(deps, 'supplier-list', (error) =>
    error instanceof SupplierListRejectedError
      ? new HttpError(422, 'VALIDATION', error.message, { errorCount: error.errorCount, rows: error.rowErrors })
      : null,
  );

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
      const list = { dryRun: dryRunText === 'true', ...(reporterOrganizationId ? { reporterOrganizationId } : {}) };
      const request = {
        operation: 'importSupplierList',
        idempotencyKey: idempotencyKeyOf(req),
        input: { ...list, sha256: createHash('sha256').update(content).digest('hex') },
      };
      const result = await runMutation(deps.database.db, actor, request, at, (tx) =>
        importSupplierList(tx, actor, { content, ...list }, at),
      );
      res.status(200).json({
        result: { ...result, reporterOrganizationId: globalIdOf('Organization', result.reporterOrganizationId) },
      });
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

  router.use(bodyErrors(`A supplier list may be at most ${supplierListSizeLimitBytes} bytes.`));

  return router;
}
