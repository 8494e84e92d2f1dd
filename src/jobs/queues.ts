/**
 * The BullMQ queues: one for outbox rows (job name = topic, job id = outbox row id) and one for
 * clock wake-ups and the daily digest (one job per wake instant, job id = the instant, however
 * many clocks share it, so scheduling the same wake-up twice is one job).
 */
import type { JobsOptions } from 'bullmq';
import type { RetryPolicy } from './outbox-rows.ts';

export const outboxQueueName = 'icsr-outbox';
export const clockQueueName = 'icsr-clocks';

/** Job names on the clock queue. */
export const clockWakeJob = 'clock.wake';
export const digestJob = 'consultations.digest';
export const digestSchedulerId = 'consultations-daily-digest';

/** Data of an outbox job: the row is read again when the job runs (the database is the truth). */
export interface OutboxJobData {
  readonly outboxId: string;
}

export interface ClockWakeData {
  /** The wake instant, ISO 8601: the job wakes every clock due by then; lateness is measured against it. */
  readonly wakeAt: string;
  /** Set only by jobs of the previous scheme, one per clock, still in Redis after an upgrade. */
  readonly clockId?: string;
}

/** BullMQ forbids ':' in custom ids; a number never contains one. */
export const clockWakeJobId = (wakeAt: Date): string => `wake-${wakeAt.getTime()}`;

export function outboxJobOptions(policy: RetryPolicy, outboxId: string): JobsOptions {
  return {
    jobId: outboxId,
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    // Completed jobs go after a day; failed ones stay for the dashboard (the outbox row says DEAD).
    removeOnComplete: { age: 86_400, count: 10_000 },
    removeOnFail: { age: 30 * 86_400, count: 10_000 },
  };
}

export function clockWakeJobOptions(wakeAt: Date, now: Date): JobsOptions {
  return {
    jobId: clockWakeJobId(wakeAt),
    // The instant itself has not passed yet: the job runs just after it.
    delay: Math.max(0, wakeAt.getTime() + 1 - now.getTime()),
    attempts: 5,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { age: 3_600, count: 10_000 },
    removeOnFail: { age: 30 * 86_400, count: 10_000 },
  };
}
