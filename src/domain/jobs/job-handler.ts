/**
 * The contract between the job runtime (relay, BullMQ worker, embedded runner) and the handlers
 * that do the work. A job is an outbox row: the same handler runs whether BullMQ or the embedded
 * runner delivers it, and it must be idempotent because delivery is at least once.
 */
import type { Database } from '../../database/database.ts';
import type { Logger } from '../../logger.ts';

/** What every handler receives besides its job. */
export interface JobContext {
  readonly db: Database;
  readonly logger: Logger;
  /** The clock source; tests inject a controllable one. */
  readonly now: () => Date;
}

/** One unit of work: an outbox row. Its id is the BullMQ job id, so a re-relayed row is not a second job. */
export interface JobInput {
  readonly outboxId: string;
  readonly topic: string;
  /** IDs and titles only, never confidential content. */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly caseId: string | null;
}

/** Does the job's work; throwing makes the runtime retry with backoff, then dead-letter it. */
export type JobHandler = (context: JobContext, job: JobInput) => Promise<void>;

/** Handlers by outbox topic. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;
