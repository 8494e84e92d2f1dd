/**
 * The daily digest: one notice per department that has consultations waiting for its opinion
 * (requested or overdue), through the same outbox 'notify' path as every other notice. Keyed by
 * department and local date, so a second run on the same day writes nothing.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { outbox } from '../../db/schema/messaging.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { consultations } from '../../db/schema/work-items.ts';
import type { JobContext } from './job-handler.ts';

/** The zone whose calendar day a digest covers (the review office's). */
export const digestTimeZone = 'Asia/Shanghai';
/** BullMQ job-scheduler pattern: every day at 08:00 in `digestTimeZone`. */
export const digestCron = '0 8 * * *';

/** Writes today's digest notices. @returns the number of departments notified now. */
export async function sendConsultationDigest(context: JobContext): Promise<number> {
  const now = context.now();
  const day = DateTime.fromJSDate(now, { zone: digestTimeZone }).toISODate()!;
  return context.db.transaction(async (tx) => {
    // One digest run at a time: two schedulers firing together must not both write a day's notices.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('consultations-digest', 0))`);
    const pending = await tx
      .select({ departmentId: consultations.departmentId, name: organizations.name, pending: count() })
      .from(consultations)
      .innerJoin(organizations, eq(organizations.id, consultations.departmentId))
      .where(inArray(consultations.state, ['REQUESTED', 'OVERDUE']))
      .groupBy(consultations.departmentId, organizations.name);
    let written = 0;
    for (const row of pending) {
      const digestKey = `${row.departmentId}:${day}`;
      const [already] = await tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.topic, 'notify'), sql`${outbox.payload}->>'digestKey' = ${digestKey}`));
      if (already) continue;
      await tx.insert(outbox).values({
        topic: 'notify',
        caseId: null,
        payload: {
          audience: 'DEPARTMENT',
          template: 'consultations.daily-digest',
          event: 'DIGEST',
          organizationId: row.departmentId,
          title: `${row.pending} consultation(s) awaiting ${row.name}'s opinion`,
          pending: row.pending,
          day,
          digestKey,
        },
        createdAt: now,
        availableAt: now,
      });
      written += 1;
    }
    return written;
  });
}
