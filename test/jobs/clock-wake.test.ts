/**
 * Clock wake-ups in the embedded mode, driven by a controllable clock (no sleeping): reminders at
 * 50 % and 80 % (each once), the breach at the due instant (case overdue, lead reviewer notified,
 * audit entry), each regime's silence rule on an overdue consultation, and the system's timer
 * events (appeal window → monitoring, resubmission window → withdrawn). A reminder reaches the
 * officer's inbox through the embedded runner and the notification handlers.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { clocks } from '../../db/schema/clocks.ts';
import { consultations } from '../../db/schema/work-items.ts';
import { loadConfig } from '../../src/config.ts';
import { verifyAllAuditTrails } from '../../src/domain/audit/verify-audit-trail.ts';
import { reminderInstant } from '../../src/domain/clock/reminders.ts';
import { applyCaseEvent } from '../../src/domain/engine/apply-case-event.ts';
import { createNotificationHandlers, notificationDepsFromConfig } from '../../src/domain/notifications/handlers.ts';
import { handleClockWake, wakeClocksAt, wakeDueClocks, wakeInstants } from '../../src/jobs/clock-wake.ts';
import { runOutboxBatch } from '../../src/jobs/embedded.ts';
import { systemActor } from '../../vocabulary/actor.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import {
  ACQUISITION,
  actorFor,
  auditActions,
  CUTOFF,
  caseByReference,
  clockRow,
  consultMiit,
  controllableClock,
  decidedWithCondition,
  inboxOf,
  jobContext,
  justAfter,
  notices,
  runningClock,
  silentLogger,
} from './support.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase({ seeded: true });
});
afterEach(async () => {
  await database.destroy();
});

describe('reminders and the breach of a phase clock', () => {
  it('reminds at 50 % and 80 % once each, then records the breach at the due instant', async () => {
    const cutoff = await caseByReference(database, CUTOFF);
    const clock = await runningClock(database, cutoff.id);
    const time = controllableClock();
    const context = jobContext(database, time.now);

    // Before the first reminder point nothing happens.
    time.set(reminderInstant(clock.startedAt, clock.dueAt, 50));
    expect(await wakeDueClocks(context)).toEqual([]);

    time.set(justAfter(reminderInstant(clock.startedAt, clock.dueAt, 50)));
    const fifty = await wakeDueClocks(context);
    expect(fifty.find((o) => o.clockId === clock.id)).toMatchObject({ reminded: 50, due: false });
    // Woken again (a duplicate job, a second scan): nothing is sent twice.
    expect(await handleClockWake(context, clock.id)).toMatchObject({ reminded: null, due: false });
    let reminders = await notices(database, cutoff.id, 'clock.reminder');
    expect(reminders.map((r) => [r.payload.percent, r.payload.audience])).toEqual([[50, 'CASE_OFFICER']]);

    time.set(justAfter(reminderInstant(clock.startedAt, clock.dueAt, 80)));
    await wakeDueClocks(context);
    reminders = await notices(database, cutoff.id, 'clock.reminder');
    expect(reminders.map((r) => r.payload.percent)).toEqual([50, 80]);
    expect(await notices(database, cutoff.id, 'clock.breached')).toHaveLength(0);
    expect((await caseByReference(database, CUTOFF)).overdue).toBe(false);

    // At the last millisecond of the due day the deadline has not passed yet.
    time.set(clock.dueAt);
    expect((await handleClockWake(context, clock.id)).due).toBe(false);
    time.set(justAfter(clock.dueAt));
    const due = await wakeDueClocks(context);
    expect(due.find((o) => o.clockId === clock.id)).toMatchObject({ due: true, event: null, nextWakeAt: null });
    expect((await caseByReference(database, CUTOFF)).overdue).toBe(true);
    const breached = await notices(database, cutoff.id, 'clock.breached');
    expect(breached.map((n) => n.payload.audience)).toEqual(['LEAD_REVIEWER']);
    expect((await auditActions(database, cutoff.id)).filter((a) => a === 'clock.breached')).toHaveLength(1);
    const after = await clockRow(database, clock.id);
    expect(after).toMatchObject({ remindersSent: [50, 80, 100], nextWakeAt: null });
    expect(after.breachedAt).toEqual(justAfter(clock.dueAt));

    // A late second wake-up changes nothing.
    time.set(new Date(clock.dueAt.getTime() + 3_600_000));
    expect(await handleClockWake(context, clock.id)).toMatchObject({ due: false, reminded: null });
    expect(await notices(database, cutoff.id, 'clock.breached')).toHaveLength(1);
  });

  it('clears the overdue flag once the case moves on to a phase whose clock is not past due', async () => {
    const cutoff = await caseByReference(database, CUTOFF);
    const clock = await runningClock(database, cutoff.id);
    const time = controllableClock();
    time.set(justAfter(clock.dueAt));
    await wakeDueClocks(jobContext(database, time.now));
    const overdue = await caseByReference(database, CUTOFF);
    expect(overdue).toMatchObject({ state: 'SCREENING', overdue: true });

    // TEST DATA: the grade START_REVIEW needs (classification has its own tests).
    await database.db.update(cases).set({ riskGrade: 'MEDIUM', riskScore: 40 }).where(eq(cases.id, cutoff.id));
    const officer = await actorFor(database, 'officer@icsr.example', time.now());
    await database.db.transaction((tx) =>
      applyCaseEvent(
        tx,
        officer,
        { caseId: cutoff.id, event: 'START_REVIEW', expectedVersion: overdue.version },
        time.now(),
      ),
    );
    expect(await caseByReference(database, CUTOFF)).toMatchObject({ state: 'REVIEW', overdue: false });
  });

  it('sends only the latest reminder point passed while nobody was awake', async () => {
    const cutoff = await caseByReference(database, CUTOFF);
    const clock = await runningClock(database, cutoff.id);
    const time = controllableClock(new Date(reminderInstant(clock.startedAt, clock.dueAt, 80).getTime() + 1_000));
    await handleClockWake(jobContext(database, time.now), clock.id);
    const reminders = await notices(database, cutoff.id, 'clock.reminder');
    expect(reminders.map((r) => r.payload.percent)).toEqual([80]);
    expect((await clockRow(database, clock.id)).remindersSent).toEqual([50, 80]);
  });

  it('delivers a reminder to the case officer’s inbox through the embedded runner', async () => {
    const cutoff = await caseByReference(database, CUTOFF);
    const clock = await runningClock(database, cutoff.id);
    const time = controllableClock(justAfter(reminderInstant(clock.startedAt, clock.dueAt, 50)));
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const deps = notificationDepsFromConfig(config, silentLogger);
    const context = { ...jobContext(database, time.now), handlers: createNotificationHandlers(deps) };
    await handleClockWake(context, clock.id);
    while ((await runOutboxBatch(context)) > 0) {
      /* run every due row, the seed's included */
    }
    const [reminder] = await notices(database, cutoff.id, 'clock.reminder');
    expect(reminder!.status).toBe('DONE');
    expect(await inboxOf(database, 'officer@icsr.example', 'clock.reminder')).toHaveLength(1);
    await deps.close();
  });
});

describe("an overdue consultation gets its regime's silence rule", () => {
  it('CN_CSR escalates to the lead reviewer', async () => {
    const consultation = await consultMiit(database, CUTOFF, 'CN_CSR', SEED_INSTANT);
    const clock = await runningClock(database, consultation.id);
    const time = controllableClock(justAfter(clock.dueAt));
    const outcome = await handleClockWake(jobContext(database, time.now), clock.id);
    expect(outcome).toMatchObject({ due: true, event: 'RESPONSE_DEADLINE_PASSED' });
    const [row] = await database.db.select().from(consultations).where(eq(consultations.id, consultation.id));
    expect(row).toMatchObject({ state: 'OVERDUE', deemed: false, opinion: null });
    const escalated = await notices(database, consultation.caseId, 'consultation.escalated');
    expect(escalated.map((n) => n.payload.audience)).toEqual(['LEAD_REVIEWER']);
    expect(await auditActions(database, consultation.caseId)).toEqual(
      expect.arrayContaining(['consultation.response_deadline_passed', 'consultation.escalated']),
    );
    expect(await notices(database, consultation.caseId, 'consultation.deemed-concurrence')).toHaveLength(0);
  });

  it('US_CFIUS deems the silent department to concur', async () => {
    const consultation = await consultMiit(database, ACQUISITION, 'US_CFIUS', SEED_INSTANT);
    const clock = await runningClock(database, consultation.id);
    // CFIUS counts 14 calendar days.
    expect(clock).toMatchObject({ unit: 'CALENDAR_DAYS', length: 14 });
    const time = controllableClock(justAfter(clock.dueAt));
    await handleClockWake(jobContext(database, time.now), clock.id);
    const [row] = await database.db.select().from(consultations).where(eq(consultations.id, consultation.id));
    expect(row).toMatchObject({ state: 'OVERDUE', deemed: true, opinion: 'CONCUR' });
    expect(await notices(database, consultation.caseId, 'consultation.deemed-concurrence')).toHaveLength(1);
    expect(await notices(database, consultation.caseId, 'consultation.escalated')).toHaveLength(0);
    expect(await auditActions(database, consultation.caseId)).toContain('consultation.deemed-concurrence');
  });
});

describe("the system's timer events", () => {
  it('moves a decided case with conditions into monitoring when the appeal window expires', async () => {
    const decided = await decidedWithCondition(database, CUTOFF, SEED_INSTANT);
    const clock = await runningClock(database, decided.id);
    expect(clock.phase).toBe('APPEAL_WINDOW');
    const time = controllableClock(clock.dueAt);
    expect((await handleClockWake(jobContext(database, time.now), clock.id)).event).toBeNull();
    time.set(justAfter(clock.dueAt));
    const outcome = await handleClockWake(jobContext(database, time.now), clock.id);
    expect(outcome).toMatchObject({ due: true, event: 'APPEAL_WINDOW_EXPIRED', nextWakeAt: null });
    const after = await caseByReference(database, CUTOFF);
    expect(after).toMatchObject({ state: 'MONITORING', overdue: false });
    expect((await clockRow(database, clock.id)).stoppedAt).toEqual(justAfter(clock.dueAt));
    expect(await auditActions(database, decided.id)).toContain('case.appeal_window_expired');
    // The window ending is no breach: the lead reviewer is not told of one.
    expect(await notices(database, decided.id, 'clock.breached')).toHaveLength(0);
  });

  it('withdraws a returned filing when the resubmission window expires', async () => {
    const relocation = await caseByReference(database, 'ICSR-2026-000001');
    const officer = await actorFor(database, 'officer@icsr.example');
    await database.db.transaction((tx) =>
      applyCaseEvent(
        tx,
        officer,
        {
          caseId: relocation.id,
          event: 'RETURN_FOR_COMPLETION',
          expectedVersion: relocation.version,
          reason: 'The supplier list is missing.',
        },
        SEED_INSTANT,
      ),
    );
    const clock = await runningClock(database, relocation.id);
    expect(clock.phase).toBe('RESUBMISSION');
    const time = controllableClock(justAfter(clock.dueAt));
    const outcome = await handleClockWake(jobContext(database, time.now), clock.id);
    expect(outcome.event).toBe('RESUBMISSION_WINDOW_EXPIRED');
    expect((await caseByReference(database, 'ICSR-2026-000001')).state).toBe('WITHDRAWN');
  });
});

describe('many clocks due at the same instant', () => {
  it('wakes them together, each exactly as if woken alone, on intact audit chains', async () => {
    const cutoff = await caseByReference(database, CUTOFF);
    const template = await runningClock(database, cutoff.id);
    // TEST SETUP: four consultation clocks on each of three cases due at the same instant as the
    // cut-off case's phase clock (their consultations are not written: each due instant is a plain breach).
    const owners = [cutoff.id, (await caseByReference(database, 'ICSR-2026-000001')).id];
    const consultation = await consultMiit(database, ACQUISITION, 'US_CFIUS', SEED_INSTANT);
    owners.push(consultation.caseId);
    const { id: _id, ...copy } = template;
    await database.db.insert(clocks).values(
      owners.flatMap((caseId) =>
        Array.from({ length: 4 }, () => ({
          ...copy,
          caseId,
          ownerKind: 'CONSULTATION' as const,
          ownerId: randomUUID(),
          phase: 'CONSULTATION' as const,
        })),
      ),
    );
    const consultationClock = await runningClock(database, consultation.id);
    const time = controllableClock(
      justAfter(new Date(Math.max(template.dueAt.getTime(), consultationClock.dueAt.getTime()))),
    );
    const context = jobContext(database, time.now);
    const breachedBefore = await Promise.all(owners.map((id) => notices(database, id, 'clock.breached')));

    const outcomes = await wakeDueClocks(context);
    // The running clocks due then (the seed's capability-gap case has a stopped screening clock with the
    // same due instant: a stopped clock is never woken).
    const copies = await database.db
      .select()
      .from(clocks)
      .where(and(eq(clocks.dueAt, template.dueAt), isNull(clocks.stoppedAt)));
    expect(copies.length).toBeGreaterThanOrEqual(13);
    for (const clock of copies) {
      expect(outcomes.find((o) => o.clockId === clock.id)).toMatchObject({ due: true, nextWakeAt: null });
      expect(clock).toMatchObject({ remindersSent: [50, 80, 100], breachedAt: time.now(), nextWakeAt: null });
    }
    // The consultation's case went one by one through the workflow engine: the deadline event and
    // the silence rule, beside the plain breaches of its copied clocks.
    expect(outcomes.find((o) => o.clockId === consultationClock.id)).toMatchObject({
      due: true,
      event: 'RESPONSE_DEADLINE_PASSED',
    });
    const [deemed] = await database.db.select().from(consultations).where(eq(consultations.id, consultation.id));
    expect(deemed).toMatchObject({ state: 'OVERDUE', deemed: true, opinion: 'CONCUR' });
    for (const [n, caseId] of owners.entries()) {
      const ownBreaches = copies.filter((clock) => clock.caseId === caseId).length;
      const breached = await notices(database, caseId, 'clock.breached');
      expect(breached.length - breachedBefore[n]!.length).toBe(ownBreaches);
      expect((await auditActions(database, caseId)).filter((a) => a === 'clock.breached')).toHaveLength(ownBreaches);
    }
    expect((await caseByReference(database, CUTOFF)).overdue).toBe(true);
    expect((await verifyAllAuditTrails(database.db, systemActor('test'))).broken).toEqual([]);
    // Woken again: nothing is sent twice.
    expect(await wakeDueClocks(context)).toEqual([]);
  });
});

describe('a wake-up instant finer than a millisecond', () => {
  it('is listed once, rounded up, and its job wakes the clock', async () => {
    const cutoff = await caseByReference(database, CUTOFF);
    const clock = await runningClock(database, cutoff.id);
    // TEST SETUP: SQL, not the clock code, wrote the instant, with microseconds a Date cannot hold.
    await database.db.execute(
      sql`update clocks set next_wake_at = ${clock.dueAt.toISOString()}::timestamptz + interval '500 microseconds' where id = ${clock.id}`,
    );
    const context = jobContext(database, controllableClock(new Date(clock.dueAt.getTime() + 60_000)).now);
    const until = new Date(clock.dueAt.getTime() + 60_000);
    const instants = await wakeInstants(context, until, 1_000);
    const rounded = new Date(clock.dueAt.getTime() + 1);
    expect(instants.map((i) => i.toISOString())).toContain(rounded.toISOString());
    // Keyset paging after that instant moves on instead of returning it again.
    expect((await wakeInstants(context, until, 1_000, instants.at(-1))).map((i) => i.getTime())).toEqual([]);
    const { outcomes } = await wakeClocksAt(context, rounded);
    expect(outcomes.find((o) => o.clockId === clock.id)).toMatchObject({ due: true });
  });
});
