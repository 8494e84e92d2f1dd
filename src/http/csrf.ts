/**
 * The one CSRF rule of the API (issue 12, finding 6). A cross-site page can make a browser send a
 * "simple" request — a form post (urlencoded, multipart or text/plain), an image, a link — with the
 * site's cookies, but it cannot add a custom header nor claim to be same-origin. So a request that
 * may change something (any method but GET, HEAD and OPTIONS) must carry proof that it is not such a
 * request:
 * - the header `X-ICSR-CSRF` (any non-empty value; the console sends `1`, so should other clients), or
 * - `Sec-Fetch-Site: same-origin`, which browsers set themselves and scripts cannot forge (this lets
 *   the queue dashboard's own page, which we do not write, act on its cookie).
 * Applied to every cookie-carrying route (`/auth/*`, the queue dashboard) and to `/graphql`, where a
 * JSON body is proof enough (it cannot be sent cross-site without a CORS preflight, as in yoga's CSRF
 * prevention) and form and multipart bodies are refused outright, so no mutation ever runs from one.
 */
import type express from 'express';

export const csrfHeaderName = 'x-icsr-csrf';
const csrfMessage = 'Send the header X-ICSR-CSRF: 1 with this request.';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the request proves it is not a cross-site simple request. */
export function hasCsrfProof(req: express.Request): boolean {
  return (req.get(csrfHeaderName) ?? '') !== '' || req.get('sec-fetch-site') === 'same-origin';
}

/** Whether the request may change something and so needs the proof. */
const mayChangeSomething = (req: express.Request) => !safeMethods.has(req.method);

/** The rule for cookie-carrying REST routes: 403 `{ error: { code: 'CSRF', message } }` without proof. */
export const requireCsrfProof: express.RequestHandler = (req, res, next) => {
  if (!mayChangeSomething(req) || hasCsrfProof(req)) return next();
  res.status(403).json({ error: { code: 'CSRF', message: csrfMessage } });
};

/** Media types a cross-site HTML form can send (and so never proof). */
const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * The rule at /graphql: form and multipart bodies are refused (415), a JSON body passes, anything
 * else that may change something needs the header; refusals in the GraphQL error shape.
 */
export const graphqlCsrfProtection: express.RequestHandler = (req, res, next) => {
  const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (formTypes.includes(type)) {
    res.status(415).json({
      errors: [
        {
          message: 'GraphQL requests are JSON (Content-Type: application/json); form and multipart bodies are refused.',
          extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
        },
      ],
    });
    return;
  }
  const json = type === 'application/json' || type === 'application/graphql-response+json' || type.endsWith('+json');
  if (!mayChangeSomething(req) || json || hasCsrfProof(req)) return next();
  res.status(403).json({ errors: [{ message: csrfMessage, extensions: { code: 'CSRF' } }] });
};
