/** What every resolver receives: the database, who is asking, and the time of the request. */

import type { Actor } from '../../vocabulary/actor.ts';
import type { Database } from '../database/database.ts';
import type { AuthSettings } from '../domain/auth/auth-settings.ts';
import type { LiveEvents } from '../live/live-events.ts';
import type { Logger } from '../logger.ts';

export interface GraphQLContext {
  readonly db: Database;
  /** Null for an anonymous request. */
  readonly actor: Actor | null;
  /** The person signed in but must enrol a second factor before anything else. */
  readonly mfaEnrolmentPending: boolean;
  /** The request's instant: one value for the whole request, so every write agrees. */
  readonly now: Date;
  readonly logger: Logger;
  /** The client's address, for the per-IP sign-in limit; null when unknown. */
  readonly clientIp: string | null;
  /** Token lifetimes, second-factor rules and the signing key. */
  readonly auth: AuthSettings;
  /** What subscriptions listen to (src/live/live-events.ts). */
  readonly live: LiveEvents['pubsub'];
  /** The deployment's country, against which node metrics measure foreign share (HOME_COUNTRY). */
  readonly homeCountry: string;
}
