/**
 * Bull Board at /admin/queues, for administrators only. A browser cannot send a bearer token with
 * a page load, so an administrator first POSTs /admin/queues/session with their bearer token and
 * gets a short-lived session cookie: HTTP-only, SameSite=Strict, Secure in production, scoped to
 * /admin/queues, signed with the API's signing key. Every dashboard request checks it.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express from 'express';
import { jwtVerify, SignJWT } from 'jose';
import type { Database } from '../database/database.ts';
import { InvalidTokenError } from '../domain/auth/auth-errors.ts';
import { authenticateRequest } from '../domain/auth/authenticate.ts';
import { requireCsrfProof } from './csrf.ts';

export const queueDashboardPath = '/admin/queues';
const cookieName = 'icsr_queue_dashboard';
const audience = 'queue-dashboard';
/** How long a dashboard session lasts. */
export const queueDashboardSessionSeconds = 15 * 60;

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

export interface QueueDashboardDeps {
  readonly db: Database;
  readonly signingKey: Uint8Array;
  readonly production: boolean;
  /** Absent in the embedded mode: there are no queues to show. */
  readonly queues?: readonly Queue[];
  readonly now: () => Date;
}

export function queueDashboardRouter(deps: QueueDashboardDeps): express.Router {
  const router = express.Router();

  /** Opens a dashboard session for an authenticated ADMIN (bearer token), as a cookie. */
  router.post(`${queueDashboardPath}/session`, async (req, res) => {
    const at = deps.now();
    const signedIn = await authenticateRequest(deps.db, deps.signingKey, req.headers.authorization, at).catch(
      (error: unknown) => {
        if (error instanceof InvalidTokenError) return null;
        throw error;
      },
    );
    if (!signedIn) {
      res.status(401).json({ error: 'sign in first: send Authorization: Bearer <accessToken>' });
      return;
    }
    if (signedIn.mfaEnrolmentPending || !signedIn.actor.roles.includes('ADMIN')) {
      res.status(403).json({ error: 'only administrators may open the queue dashboard' });
      return;
    }
    const subject = signedIn.actor.kind === 'PERSON' ? signedIn.actor.personId : signedIn.actor.serviceAccountId;
    const expires = Math.floor(at.getTime() / 1000) + queueDashboardSessionSeconds;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setAudience(audience)
      .setIssuedAt(Math.floor(at.getTime() / 1000))
      .setExpirationTime(expires)
      .sign(deps.signingKey);
    res.cookie(cookieName, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.production,
      path: queueDashboardPath,
      maxAge: queueDashboardSessionSeconds * 1000,
    });
    res.status(204).end();
  });

  // The dashboard acts on its cookie: the API's CSRF rule (its own page proves itself same-origin).
  router.use(queueDashboardPath, requireCsrfProof);
  router.use(queueDashboardPath, async (req, res, next) => {
    const token = readCookie(req.headers.cookie, cookieName);
    const valid =
      token !== null &&
      (await jwtVerify(token, deps.signingKey, { audience, currentDate: deps.now() }).then(
        () => true,
        () => false,
      ));
    if (!valid) {
      res.status(401).type('text/plain').send('Open a dashboard session first: POST /admin/queues/session as ADMIN.\n');
      return;
    }
    if (!deps.queues || deps.queues.length === 0) {
      res.status(404).type('text/plain').send('No queues: without REDIS_URL the jobs run inside the API process.\n');
      return;
    }
    next();
  });

  if (deps.queues && deps.queues.length > 0) {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(queueDashboardPath);
    createBullBoard({ queues: deps.queues.map((queue) => new BullMQAdapter(queue)), serverAdapter });
    router.use(queueDashboardPath, serverAdapter.getRouter());
  }
  return router;
}
