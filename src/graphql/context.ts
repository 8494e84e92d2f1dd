/** What every resolver receives: the database, who is asking, and the time of the request. */
import type { Database } from '../db/database.ts';
import type { Actor } from '../domain/actor.ts';
import type { Logger } from '../logger.ts';

export interface GraphQLContext {
  readonly db: Database;
  /** Null for an anonymous request. */
  readonly actor: Actor | null;
  /** The request's instant: one value for the whole request, so every write agrees. */
  readonly now: Date;
  readonly logger: Logger;
}
