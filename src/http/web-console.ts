/**
 * Serves the web console's production build (web/dist, made by `npm run build:web`, which
 * `npm install` runs) at `/`: hashed assets cached for a year, `index.html` never cached, and every
 * console path (a bookmarked `/cases/…`) answered with `index.html` so the client router takes it.
 *
 * The console gets its own strict Content-Security-Policy: scripts only from this origin, styles
 * from this origin or carrying the per-response nonce (Ant Design injects its CSS-in-JS with it),
 * API calls only to this origin, no frames, no plugins. GraphiQL at /graphql keeps its own policy.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Logger } from '../logger.ts';

/** Where `npm run build:web` writes the console. */
export const defaultConsoleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** The placeholder Vite writes into index.html (`html.cspNonce` in web/vite.config.ts). */
const noncePlaceholder = /__CSP_NONCE__/g;

/** Paths the API owns: never answered with the console's page. */
const apiPrefixes = [
  '/graphql',
  '/auth/',
  '/documents/',
  '/supplier-lists',
  '/admin/queues',
  '/metrics',
  '/healthz',
  '/readyz',
];

export function consoleContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export function webConsoleRouter(options: { dir?: string; logger: Logger }): express.Router {
  const dir = options.dir ?? defaultConsoleDir;
  const router = express.Router();
  const indexFile = path.join(dir, 'index.html');

  if (!existsSync(indexFile)) {
    options.logger.warn(`the web console is not built (${indexFile} is missing): run \`npm run build:web\``);
    router.get('/', (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('The web console is not built: run `npm run build:web` (npm install does it), then restart.\n');
    });
    return router;
  }

  // Read once: the build does not change under a running server.
  const indexHtml = readFileSync(indexFile, 'utf8');
  const sendIndex = (_req: express.Request, res: express.Response) => {
    const nonce = randomBytes(16).toString('base64');
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': consoleContentSecurityPolicy(nonce),
      })
      .send(indexHtml.replace(noncePlaceholder, nonce));
  };

  router.get(['/', '/index.html'], sendIndex);
  router.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, file) => {
        // Vite names every file under assets/ by its content hash: a new build gets new names.
        const hashed = path.relative(dir, file).startsWith(`assets${path.sep}`);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
      },
    }),
  );
  // A console route opened directly (a bookmark, a shared link): the page, and the client routes it.
  router.get(/.*/, (req, res, next) => {
    if (apiPrefixes.some((prefix) => req.path.startsWith(prefix))) return next();
    if (path.extname(req.path) !== '' || !req.accepts('html')) return next();
    sendIndex(req, res);
  });
  return router;
}
