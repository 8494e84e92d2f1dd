/**
 * REST routes for document content, authenticated with the same bearer tokens as GraphQL:
 *
 * - `POST /cases/:caseId/documents?title=…&fileName=…&classification=…&shareWith=<orgId,orgId>`
 *   with the raw bytes as the body (its own size limit);
 * - `GET /documents/:id` streams the content as an attachment with the sniffed media type.
 *
 * IDs are global IDs, as in GraphQL, both ways (a raw UUID is still accepted on the way in).
 *
 * GraphQL serves the metadata (`Case.documents`); bytes stay out of JSON. Errors answer as
 * `{ error: { code, message, field? } }`; a case or document the caller may not see is a 404,
 * exactly like a missing one.
 */
import { createHash } from 'node:crypto';
import express from 'express';
import { readDocument, uploadDocument } from '../domain/documents/documents.ts';
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

/** Uploads above this answer 413 before anything is read into the database. */
export const documentSizeLimitBytes = 20 * 1024 * 1024;

export type DocumentRouterDependencies = RestRouterDependencies;

export function documentRouter(deps: DocumentRouterDependencies): express.Router {
  const now = deps.now ?? (() => new Date());
  const router = express.Router();
  const authenticate = (req: express.Request, at: Date) => bearerActor(deps, req, at);
  const handle = jsonHandler(deps, 'document');

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
          if (!id) {
            throw new HttpError(400, 'VALIDATION', `shareWith: ${s} is not an organisation ID`, { field: 'shareWith' });
          }
          return id;
        });
      // express.raw leaves a Buffer for any body; without one the upload is empty (refused as such).
      const content = (Buffer.isBuffer(req.body) ? req.body : new Uint8Array()) as Uint8Array<ArrayBuffer>;
      const upload = {
        caseId,
        title: param(req, 'title') ?? '',
        fileName: param(req, 'fileName') ?? '',
        classification: (param(req, 'classification') ?? '') as never,
        shareWith,
      };
      // The key covers the metadata and the content's hash: the same key with other bytes is refused.
      const request = {
        operation: 'uploadDocument',
        idempotencyKey: idempotencyKeyOf(req),
        input: { ...upload, sha256: createHash('sha256').update(content).digest('hex') },
      };
      const document = await runMutation(deps.database.db, actor, request, at, (tx) =>
        uploadDocument(tx, actor, { ...upload, content }, at),
      );
      // IDs in the global form GraphQL uses (raw UUIDs are still accepted on the way in).
      const id = globalIdOf('Document', document.id);
      res.status(201).json({
        document: {
          ...document,
          id,
          caseId: globalIdOf('Case', document.caseId),
          sharedWith: document.sharedWith.map((org) => globalIdOf('Organization', org)),
          downloadPath: `/documents/${id}`,
        },
      });
    }),
  );

  router.get(
    '/documents/:id',
    handle(async (req, res) => {
      const at = now();
      const actor = await authenticate(req, at);
      const id = idOf(String(req.params.id), 'Document');
      if (!id) throw new HttpError(404, 'NOT_FOUND', 'Document not found');
      const read = { operation: 'readDocument', idempotency: 'none', why: 'a read: each one is logged' } as const;
      const document = await runMutation(deps.database.db, actor, read, at, (tx) => readDocument(tx, actor, id, at));
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
  router.use(bodyErrors(`A document may be at most ${documentSizeLimitBytes} bytes.`));

  return router;
}
