/**
 * Operations on the job runtime: the dead letter (jobs that failed on every attempt) and retrying
 * one, for administrators only. A dead job shows its topic and error, never its payload.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { ForbiddenError, ValidationError } from '../../domain/errors.ts';
import { listDeadJobs, retryDeadJob } from '../../jobs/dead-jobs.ts';
import type { OutboxRow } from '../../jobs/outbox-rows.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { runMutation } from '../mutation.ts';
import { mutationErrorTypes } from './errors.ts';

const DeadJobRef = builder.objectRef<OutboxRow>('DeadJob').implement({
  description: 'A job that failed on every attempt and waits for an administrator (the dead letter).',
  fields: (t) => ({
    id: t.id({ description: 'Global ID of the job.', resolve: (row) => encodeGlobalID('DeadJob', row.id) }),
    topic: t.exposeString('topic', { description: "What the job does, e.g. 'notify'." }),
    attempts: t.exposeInt('attempts', { description: 'Attempts made before it was given up.' }),
    lastError: t.exposeString('lastError', { nullable: true, description: 'The error of the last attempt.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the job was recorded.' }),
  }),
});

const DeadJobRetriedRef = builder.objectRef<{ job: OutboxRow }>('DeadJobRetried').implement({
  description: 'The job is back in line with fresh attempts.',
  fields: (t) => ({
    jobId: t.id({ description: 'Global ID of the job.', resolve: (p) => encodeGlobalID('DeadJob', p.job.id) }),
    status: t.string({ description: 'PENDING: waiting to run again.', resolve: (p) => p.job.status }),
  }),
});

builder.queryField('deadJobs', (t) =>
  t.field({
    type: [DeadJobRef],
    description: 'Administrators: jobs that failed on every attempt, newest first.',
    errors: { types: [ForbiddenError, ValidationError], dataField: { description: 'The dead jobs.' } },
    args: {
      first: t.arg.int({ required: false, description: 'How many, at most 100 (default 50).' }),
      offset: t.arg.int({ required: false, description: 'How many to skip (default 0).' }),
    },
    resolve: (_root, args, ctx) => {
      const limit = args.first ?? 50;
      const offset = args.offset ?? 0;
      if (limit < 1 || limit > 100) throw ValidationError.single('first', 'must be between 1 and 100');
      if (offset < 0) throw ValidationError.single('offset', 'must not be negative');
      return listDeadJobs(ctx.db, ctx.actor!, { limit, offset });
    },
  }),
);

builder.mutationField('retryDeadJob', (t) =>
  t.field({
    type: DeadJobRetriedRef,
    description: 'Administrators: runs a dead job again with fresh attempts (audited).',
    errors: { types: mutationErrorTypes },
    args: { jobId: t.arg.id({ required: true, description: 'Global ID of the dead job.' }) },
    resolve: async (_root, args, ctx) => {
      const id = decodeId(String(args.jobId), 'DeadJob', 'jobId');
      const job = await runMutation(
        ctx,
        { operation: 'retryDeadJob', idempotency: 'none', why: 'a retry finds the job already requeued' },
        (tx) => retryDeadJob(tx, ctx.actor!, id, ctx.now),
      );
      return { job };
    },
  }),
);
