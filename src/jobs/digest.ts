/**
 * The daily digest: one notice per department that has consultations waiting for its opinion
 * (requested or overdue), as a 'notify.digest' job for its liaison officers' inboxes. Keyed by
 * department and local date, so a second run on the same day writes nothing.
 */

import { CronExpressionParser } from 'cron-parser';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { outbox } from '../../db/schema/messaging.ts';
import { consultations } from '../../db/schema/work-items.ts';
import { enqueue } from '../domain/jobs/enqueue.ts';
import type { JobContext } from '../domain/jobs/job-handler.ts';

/**
 * The digest's one schedule: every day at 08:00 in the review office's zone. BullMQ's job scheduler
 * fires from this pattern; the embedded runner asks `lastScheduledDigest` on each of its rounds.
 */
export const digestSchedule = { pattern: '0 8 * * *', tz: 'Asia/Shanghai' } as const;

/** The latest scheduled digest instant at or before `now`. */
export function lastScheduledDigest(now: Date): Date {
  return CronExpressionParser.parse(digestSchedule.pattern, { currentDate: now, tz: digestSchedule.tz })
    .prev()
    .toDate();
}

/**
 * Writes the digest notices of the latest scheduled run (its day in the office's zone); a run that
 * was missed while nothing was running is caught up late rather than lost. @returns the number of
 * departments notified now.
 */
export async function sendConsultationDigest(context: JobContext): Promise<number> {
  const now = context.now();
  const day = DateTime.fromJSDate(lastScheduledDigest(now), { zone: digestSchedule.tz }).toISODate()!;
  return context.db.transaction(async (tx) => {
    // One digest run at a time: two schedulers firing together must not both write a day's notices.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('consultations-digest', 0))`);
    const pending = await tx
      .select({ departmentId: consultations.departmentId, pending: count() })
      .from(consultations)
      .where(inArray(consultations.state, ['REQUESTED', 'OVERDUE']))
      .groupBy(consultations.departmentId);
    let written = 0;
    for (const row of pending) {
      const [already] = await tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            eq(outbox.topic, 'notify.digest'),
            sql`${outbox.payload}->>'organizationId' = ${row.departmentId}`,
            sql`${outbox.payload}->>'day' = ${day}`,
          ),
        );
      if (already) continue;
      await enqueue(
        tx,
        [{ kind: 'notify.digest', payload: { organizationId: row.departmentId, pending: row.pending, day } }],
        now,
      );
      written += 1;
    }
    return written;
  });
}
