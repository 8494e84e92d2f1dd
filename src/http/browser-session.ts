/**
 * Sign-in for the web console. A browser must not hold a refresh token where scripts can read it,
 * so these routes keep it in a cookie: HttpOnly, SameSite=Strict, scoped to /auth (the refresh and
 * sign-out routes only), Secure behind HTTPS. The access token travels in the answer's body and
 * lives in the page's memory only. They reuse the same domain functions as the GraphQL session
 * mutations (login, rotation, revocation), which API clients keep using.
 *
 * - POST /auth/login   `{ email, password, totpCode? }` → `{ accessToken, expiresAt, mfa, roles }` + cookie
 * - POST /auth/refresh (cookie)                        → the same, with the cookie rotated
 * - POST /auth/logout  (cookie)                        → 204, the session's token family revoked
 *
 * `roles` lets the console lay out its pages at once, without waiting for the `viewer` query.
 *
 * Every route follows the API's CSRF rule (./csrf.ts): the header `X-ICSR-CSRF: 1`.
 */
import express from 'express';
import { InvalidTokenError, RateLimitedError } from '../domain/auth/auth-errors.ts';
import { authenticateRequest } from '../domain/auth/authenticate.ts';
import { login } from '../domain/auth/login.ts';
import { revokeRefreshToken, rotateRefreshToken, type TokenPair } from '../domain/auth/refresh-tokens.ts';
import { acceptText, singleLine } from '../domain/text-rule.ts';
import { requireCsrfProof } from './csrf.ts';
import { bodyErrors, HttpError, jsonHandler, type RestRouterDependencies } from './rest.ts';

export const sessionCookieName = 'icsr_refresh';
export const sessionCookiePath = '/auth';
function readCookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

interface BrowserSessionOptions extends RestRouterDependencies {
  /** Production always marks the cookie Secure; elsewhere only requests that came over HTTPS. */
  readonly production: boolean;
}

export function browserSessionRouter(deps: BrowserSessionOptions): express.Router {
  const router = express.Router();
  const now = deps.now ?? (() => new Date());
  const handle = jsonHandler(deps, 'browser session', (error) => {
    if (error instanceof RateLimitedError) {
      return new HttpError(429, error.code, error.message, { retryAfterSeconds: error.retryAfterSeconds });
    }
    if (error instanceof InvalidTokenError) return new HttpError(401, error.code, error.message);
    const code = (error as { code?: string }).code;
    if (code === 'INVALID_CREDENTIALS' || code === 'TOTP_REQUIRED' || code === 'INVALID_TOTP') {
      return new HttpError(401, code, (error as Error).message);
    }
    return null;
  });

  const setCookie = (req: express.Request, res: express.Response, pair: TokenPair) =>
    res.cookie(sessionCookieName, pair.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.production || req.secure,
      path: sessionCookiePath,
      expires: pair.refreshTokenExpiresAt,
    });
  const clearCookie = (req: express.Request, res: express.Response) =>
    res.clearCookie(sessionCookieName, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.production || req.secure,
      path: sessionCookiePath,
    });
  const answer = (pair: TokenPair, roles: readonly string[]) => ({
    accessToken: pair.accessToken,
    expiresAt: pair.expiresAt.toISOString(),
    mfa: pair.mfa,
    roles,
  });

  router.use(sessionCookiePath, requireCsrfProof, express.json({ limit: '16kb' }));

  router.post(
    `${sessionCookiePath}/login`,
    handle(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const text = (name: string) => (typeof body[name] === 'string' ? acceptText(body[name], name, singleLine) : '');
      const pair = await login(
        deps.database.db,
        {
          email: text('email'),
          password: text('password'),
          totpCode: text('totpCode') || undefined,
          ip: req.ip ?? null,
        },
        now(),
        deps.auth,
      );
      setCookie(req, res, pair);
      res.json(answer(pair, pair.person.roles));
    }),
  );

  router.post(
    `${sessionCookiePath}/refresh`,
    handle(async (req, res) => {
      const token = readCookie(req.headers.cookie, sessionCookieName);
      if (!token) throw new HttpError(401, 'UNAUTHENTICATED', 'No session: sign in.');
      try {
        const at = now();
        const pair = await rotateRefreshToken(deps.database.db, token, at, deps.auth);
        const signedIn = await authenticateRequest(
          deps.database.db,
          deps.auth.signingKey,
          `Bearer ${pair.accessToken}`,
          at,
        );
        setCookie(req, res, pair);
        res.json(answer(pair, signedIn?.actor.roles ?? []));
      } catch (error) {
        clearCookie(req, res);
        throw error;
      }
    }),
  );

  router.post(
    `${sessionCookiePath}/logout`,
    handle(async (req, res) => {
      const token = readCookie(req.headers.cookie, sessionCookieName);
      if (token) await revokeRefreshToken(deps.database.db, token, now());
      clearCookie(req, res);
      res.status(204).end();
    }),
  );

  router.use(sessionCookiePath, bodyErrors('A sign-in request is at most 16 kB.'));
  return router;
}
