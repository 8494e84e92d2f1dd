/**
 * The one way to ask for work after a commit. `enqueue` writes outbox rows in the caller's
 * transaction, so the work exists exactly when the change that asked for it does; the relay hands
 * committed rows to BullMQ (or the embedded runner) with the row id as the job id.
 *
 * Every kind of job is declared here with the schema of its payload and a version. The version is
 * stored with the payload (`v`), so a handler can tell a row written by an older release during a
 * rolling upgrade; a row from a newer release is refused (and retried) rather than misread.
 * Payloads carry IDs and titles only, never confidential content.
 */
import { z } from 'zod';
import { outbox } from '../../../db/schema/messaging.ts';
import { audiences } from '../../../workflows/definition.ts';
import type { Tx } from '../../database/database.ts';
import type { JobInput } from './job-handler.ts';

const notice = z.object({
  caseId: z.uuid(),
  audience: z.enum(audiences),
  template: z.string().min(1),
  /** What caused it: a workflow event, `CLOCK` for a deadline notice. */
  event: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  itemKind: z.string().optional(),
  itemId: z.uuid().optional(),
  clockId: z.uuid().optional(),
  phase: z.string().optional(),
  dueAt: z.iso.datetime().optional(),
  /** A reminder's share of the phase used, in percent. */
  percent: z.number().optional(),
  /** What the regime makes of a department's silence (an escalation or a deemed concurrence). */
  rule: z.string().optional(),
});

/** Job kinds, by the outbox topic (the BullMQ job name) they run under. */
export const jobKinds = {
  /** A case notice → inbox rows for its audience, and their e-mail and webhook deliveries. */
  notify: { version: 1, payload: notice },
  /** A department's daily digest of consultations waiting for its opinion → its liaisons' inboxes. */
  'notify.digest': {
    version: 1,
    payload: z.object({
      organizationId: z.uuid(),
      pending: z.number().int().positive(),
      /** The office's calendar day the digest covers; with the department, what makes it once a day. */
      day: z.iso.date(),
    }),
  },
  /** One e-mail delivery, retried on its own. */
  'deliver.email': { version: 1, payload: z.object({ deliveryId: z.uuid() }) },
  /** One webhook delivery, retried on its own. */
  'deliver.webhook': { version: 1, payload: z.object({ deliveryId: z.uuid() }) },
  /** An invitation's activation token or a password-reset token, by e-mail; the token is erased once sent. */
  'mail.account': {
    version: 1,
    payload: z.object({
      personId: z.uuid(),
      purpose: z.enum(['ACTIVATION', 'PASSWORD_RESET']),
      token: z.string().optional(),
      expiresAt: z.iso.datetime(),
    }),
  },
  /** An audited change of a case, announced to its live subscribers. */
  'case.event': {
    version: 1,
    payload: z.object({ caseId: z.uuid(), auditEntryId: z.coerce.string(), action: z.string() }),
  },
} as const;

export type JobKind = keyof typeof jobKinds;
export type JobPayload<K extends JobKind> = z.infer<(typeof jobKinds)[K]['payload']>;

/** One job to enqueue: its kind, its payload, the case it concerns, and when it may run (default now). */
export type Job = {
  [K in JobKind]: { kind: K; payload: JobPayload<K>; caseId?: string | null; availableAt?: Date };
}[JobKind];

/** Writes the jobs' outbox rows in `tx`, in one statement. A payload that does not fit its kind throws. */
export async function enqueue(tx: Tx, jobs: readonly Job[], now: Date): Promise<void> {
  if (jobs.length === 0) return;
  await tx.insert(outbox).values(
    jobs.map((job) => {
      const kind = jobKinds[job.kind];
      return {
        topic: job.kind,
        caseId: job.caseId ?? null,
        payload: { ...kind.payload.parse(job.payload), v: kind.version },
        createdAt: now,
        availableAt: job.availableAt ?? now,
      };
    }),
  );
}

/** The payload of a job of `kind` as its handler reads it. Rows written before versions were stored read as version 1. */
export function jobPayload<K extends JobKind>(kind: K, job: Pick<JobInput, 'payload'>): JobPayload<K> {
  const { version, payload } = jobKinds[kind];
  const v = Number((job.payload as { v?: unknown }).v ?? 1);
  if (v > version) throw new Error(`a '${kind}' job of version ${v} reached a handler of version ${version}`);
  return payload.parse(job.payload) as JobPayload<K>;
}
