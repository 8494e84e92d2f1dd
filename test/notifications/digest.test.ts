/**
 * The daily digest end to end on the seeded data: one 'notify.digest' job per department with
 * consultations waiting for its opinion, written once per scheduled day whoever runs it, and turned
 * into inbox rows for that department's liaison officers (and no one else), once however often the
 * job runs. The schedule is one cron pattern that BullMQ and the embedded runner both read.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { notifications, outbox } from '../../db/schema/messaging.ts';
import { organizations, people, personRoles } from '../../db/schema/organizations.ts';
import { consultations } from '../../db/schema/work-items.ts';
import type { JobContext } from '../../src/domain/jobs/job-handler.ts';
import { createNotificationHandlers } from '../../src/domain/notifications/handlers.ts';
import { digestTemplate } from '../../src/domain/notifications/notices.ts';
import { lastScheduledDigest, sendConsultationDigest } from '../../src/jobs/digest.ts';
import { createLiveEvents, type LiveEvents } from '../../src/live/live-events.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const logger = createLogger({ logLevel: 'silent' });
// 09:30 in Beijing on Wednesday 2 December 2026: after that day's 08:00 run.
const AFTER_EIGHT = new Date('2026-12-02T01:30:00.000Z');
let database: TestDatabase;
let live: LiveEvents;
let now = AFTER_EIGHT;
const context: JobContext = {
  get db() {
    return database.db;
  },
  logger,
  now: () => now,
};

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  live = createLiveEvents({ logger });
  await database.db.update(outbox).set({ status: 'DONE' });
  // The scene: two departments asked for an opinion on a seeded case, one of them twice.
  const [someCase] = await database.db.select({ id: cases.id }).from(cases).where(isNotNull(cases.reference)).limit(1);
  const [officer] = await database.db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.email, 'officer@icsr.example'));
  const departments = await database.db
    .selectDistinct({ id: organizations.id })
    .from(organizations)
    .innerJoin(people, eq(people.organizationId, organizations.id))
    .innerJoin(personRoles, eq(personRoles.personId, people.id))
    .where(and(eq(organizations.kind, 'DEPARTMENT'), eq(personRoles.role, 'LIAISON')))
    .orderBy(asc(organizations.id))
    .limit(2);
  await database.db.insert(consultations).values(
    [departments[0]!, departments[0]!, departments[1]!].map((d, n) => ({
      caseId: someCase!.id,
      departmentId: d.id,
      round: n + 1,
      question: 'Does the relocation affect your sector?',
      requestedById: officer!.id,
    })),
  );
});
afterAll(async () => {
  await live?.close();
  await database?.close();
});

describe('the daily digest', () => {
  it('runs from one schedule: the latest 08:00 in Beijing at or before now', () => {
    expect(lastScheduledDigest(AFTER_EIGHT).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(lastScheduledDigest(new Date('2026-12-01T23:59:59.000Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('writes one job per waiting department, once per scheduled day, and tells only its liaison officers', async () => {
    const waiting = await database.db
      .selectDistinct({ departmentId: consultations.departmentId })
      .from(consultations)
      .where(inArray(consultations.state, ['REQUESTED', 'OVERDUE']));
    expect(waiting.length).toBeGreaterThanOrEqual(2);

    expect(await sendConsultationDigest(context)).toBe(waiting.length);
    now = new Date(AFTER_EIGHT.getTime() + 3 * 3_600_000);
    expect(await sendConsultationDigest(context), 'a second run the same day writes nothing').toBe(0);

    const jobs = await database.db.select().from(outbox).where(eq(outbox.topic, 'notify.digest'));
    expect(jobs.map((j) => (j.payload as { organizationId: string }).organizationId).sort()).toEqual(
      waiting.map((w) => w.departmentId).sort(),
    );
    expect(jobs.every((j) => (j.payload as { v?: number; day?: string }).v === 1)).toBe(true);
    expect(jobs.every((j) => (j.payload as { day?: string }).day === '2026-12-02')).toBe(true);

    const handlers = createNotificationHandlers({
      mailer: null,
      mailFrom: 'x@icsr.example',
      publicUrl: 'http://x',
      live,
    });
    for (const job of jobs) {
      const input = {
        outboxId: job.id,
        topic: job.topic,
        payload: job.payload as Record<string, unknown>,
        caseId: null,
      };
      await handlers['notify.digest']!(context, input);
      await handlers['notify.digest']!(context, input); // at least once: the second run adds nothing
    }

    const rows = await database.db
      .select({ personId: notifications.personId, organizationId: people.organizationId, title: notifications.title })
      .from(notifications)
      .innerJoin(people, eq(people.id, notifications.personId))
      .where(eq(notifications.kind, digestTemplate));
    const liaisons = await database.db
      .selectDistinct({ personId: people.id })
      .from(people)
      .innerJoin(personRoles, eq(personRoles.personId, people.id))
      .where(
        and(
          inArray(
            people.organizationId,
            waiting.map((w) => w.departmentId),
          ),
          eq(personRoles.role, 'LIAISON'),
          eq(people.status, 'ACTIVE'),
        ),
      );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.map((r) => r.personId).sort()).toEqual(liaisons.map((l) => l.personId).sort());
    const kinds = await database.db
      .select({ kind: organizations.kind })
      .from(organizations)
      .where(
        inArray(
          organizations.id,
          rows.map((r) => r.organizationId),
        ),
      );
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(['DEPARTMENT']));
    expect(rows[0]!.title).toMatch(/^\d+ consultations? awaiting your department's opinion \(2026-12-02\)$/);
  });

  it('refuses a job written by a newer release instead of misreading it', async () => {
    const handlers = createNotificationHandlers({
      mailer: null,
      mailFrom: 'x@icsr.example',
      publicUrl: 'http://x',
      live,
    });
    await expect(
      handlers['notify.digest']!(context, {
        outboxId: crypto.randomUUID(),
        topic: 'notify.digest',
        payload: { v: 2, organizationId: crypto.randomUUID(), pending: 1, day: '2026-12-02' },
        caseId: null,
      }),
    ).rejects.toThrow(/version 2 reached a handler of version 1/);
  });
});
