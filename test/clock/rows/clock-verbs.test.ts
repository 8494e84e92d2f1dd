/**
 * Clock rows in the database: start, pause, resume, extend, stop and recompute, inside the caller's
 * transaction. Every expected date is counted by hand on shared/domain/cn-calendar-2026.md (CN) or the
 * US federal holidays (US). Beijing is UTC+8, so 10:00 local is 02:00Z and a CN clock is due at
 * 15:59:59.999Z of its last day. New York is UTC−4 until 1 Nov 2026 and UTC−5 from then on.
 *
 * The reference clock, used throughout: a CN_CSR REVIEW clock (30 WD) started Fri 2026-09-18 10:00:
 *   d1 Sun 09-20 (make-up day), d2–d5 09-21..24, [09-25..27 Mid-Autumn], d6–d8 09-28..30,
 *   [10-01..07 National Day], d9 10-08, d10 10-09, d11 Sat 10-10 (make-up day), d12–d16 10-12..16,
 *   d17–d21 10-19..23, d22–d26 10-26..30, d27 11-02, d28 11-03, d29 11-04, d30 Thu 11-05.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockPauses, clocks } from '../../../db/schema/clocks.ts';
import type { Tx } from '../../../src/database/database.ts';
import { extendClock } from '../../../src/domain/clock/extend-clock.ts';
import { pauseClock } from '../../../src/domain/clock/pause-clock.ts';
import { recomputeClock } from '../../../src/domain/clock/recompute-clock.ts';
import { resumeClock } from '../../../src/domain/clock/resume-clock.ts';
import { startClock } from '../../../src/domain/clock/start-clock.ts';
import { stopClock } from '../../../src/domain/clock/stop-clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../src/domain/errors.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { caseRow, clockRow, inRolledBackTransaction, putCaseOnRegime, regimeId, seededCase } from './fixtures.ts';

const at = (iso: string) => new Date(iso);
const started = at('2026-09-18T02:00:00.000Z'); // Fri 10:00 Beijing
const dueNov5 = at('2026-11-05T15:59:59.999Z');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
});
afterAll(async () => {
  await database?.destroy();
});
const test = (body: (tx: Tx) => Promise<void>) => () => inRolledBackTransaction(database.db, body);

/** Starts the reference REVIEW clock on the seeded cut-off case. */
async function startReview(tx: Tx) {
  const kase = await seededCase(tx, 'cutOff');
  const outcome = await startClock(tx, {
    caseId: kase.id,
    ownerKind: 'CASE',
    ownerId: kase.id,
    phase: 'REVIEW',
    regimeId: kase.regimeId,
    startedAt: started,
  });
  return { kase, outcome };
}

describe('startClock', () => {
  it(
    'starts a CN_CSR review clock on Fri 2026-09-18: 30 WD, due end of Thu 2026-11-05 in Beijing',
    test(async (tx) => {
      const { kase, outcome } = await startReview(tx);
      expect(outcome).toMatchObject({ dueAt: dueNov5, provisional: false, final: true, stoppedAt: null, version: 1 });
      // 50% of the span 09-18T02:00Z → 11-05T15:59:59.999Z (48 d 13:59:59.999) is 24 d 06:59:59.999 in.
      expect(outcome.nextWakeAt).toEqual(at('2026-10-12T08:59:59.999Z'));
      const row = await clockRow(tx, outcome.clockId);
      expect(row).toMatchObject({
        unit: 'WORKING_DAYS',
        length: 30,
        startedAt: started,
        dueAt: dueNov5,
        extendedDays: 0,
      });
      const after = await caseRow(tx, kase.id);
      expect(after.currentClockId).toBe(outcome.clockId);
      expect(after.nextDueAt).toEqual(dueNov5);
    }),
  );

  it(
    'refuses a phase the regime runs no clock for, unless its length and unit are given',
    test(async (tx) => {
      const kase = await seededCase(tx, 'cutOff');
      const assessment = { caseId: kase.id, ownerKind: 'ASSESSMENT' as const, ownerId: crypto.randomUUID() };
      const refused = startClock(tx, { ...assessment, phase: 'ASSESSMENT', startedAt: started });
      await expect(refused).rejects.toBeInstanceOf(ValidationError);
      await expect(refused).rejects.toMatchObject({ fieldErrors: [{ field: 'phase' }] });
      // 20 WD from 09-18: d1 09-20, d2–d5 09-21..24, d6–d8 09-28..30, d9 10-08, d10 10-09, d11 10-10,
      // d12–d16 10-12..16, d17–d20 10-19..22 → Thu 2026-10-22.
      const outcome = await startClock(tx, {
        ...assessment,
        phase: 'ASSESSMENT',
        startedAt: started,
        length: 20,
        unit: 'WORKING_DAYS',
      });
      expect(outcome.dueAt).toEqual(at('2026-10-22T15:59:59.999Z'));
      // A work item's clock leaves the case's phase clock alone.
      expect((await caseRow(tx, kase.id)).nextDueAt).toBeNull();
    }),
  );

  it(
    'validates its input and keeps a case on the regime it started with',
    test(async (tx) => {
      const kase = await seededCase(tx, 'cutOff');
      const base = { caseId: kase.id, ownerKind: 'CASE' as const, ownerId: kase.id, phase: 'REVIEW' as const };
      await expect(startClock(tx, { ...base, startedAt: new Date('nope') })).rejects.toMatchObject({
        fieldErrors: [{ field: 'startedAt' }],
      });
      await expect(startClock(tx, { ...base, ownerId: crypto.randomUUID(), startedAt: started })).rejects.toMatchObject(
        { fieldErrors: [{ field: 'ownerId' }] },
      );
      await expect(startClock(tx, { ...base, length: 5, startedAt: started })).rejects.toMatchObject({
        fieldErrors: [{ field: 'unit' }],
      });
      await expect(
        startClock(tx, { ...base, regimeId: await regimeId(tx, 'US_CFIUS'), startedAt: started }),
      ).rejects.toMatchObject({ fieldErrors: [{ field: 'regimeId' }] });
      const id = crypto.randomUUID();
      await expect(startClock(tx, { ...base, caseId: id, ownerId: id, startedAt: started })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    }),
  );
});

describe('pause and resume (CN_CSR: information requests stop the clock)', () => {
  it(
    'a request open from Thu 09-24 to Fri 10-09 pauses 5 WD across Mid-Autumn and National Day: due 11-05 → 11-12',
    test(async (tx) => {
      const { kase, outcome } = await startReview(tx);
      const causeId = crypto.randomUUID();
      const paused = await pauseClock(tx, {
        clockId: outcome.clockId,
        at: at('2026-09-24T02:00:00Z'),
        reason: 'information request IR-1 open',
        causeId,
      });
      // The opening day still counts: nothing has moved yet, but the date is not final and no reminder is due.
      expect(paused).toMatchObject({ dueAt: dueNov5, final: false, nextWakeAt: null });

      // As of Tue 09-29 the paused working days are 09-28 and 09-29 (09-25..27 are holidays): 11-05 + 2 WD.
      const midway = await recomputeClock(tx, outcome.clockId, at('2026-09-29T02:00:00Z'));
      expect(midway).toMatchObject({ dueAt: at('2026-11-09T15:59:59.999Z'), final: false, changed: true });
      expect((await caseRow(tx, kase.id)).nextDueAt).toEqual(at('2026-11-09T15:59:59.999Z'));

      // Answered Fri 10-09: paused 09-28, 09-29, 09-30, 10-08, 10-09 = 5 WD; 11-05 + 5 WD = Thu 11-12.
      const resumed = await resumeClock(tx, { clockId: outcome.clockId, at: at('2026-10-09T02:00:00Z'), causeId });
      expect(resumed).toMatchObject({ dueAt: at('2026-11-12T15:59:59.999Z'), final: true, provisional: false });
      // Next wake-up: 50% of 09-18T02:00Z → 11-12T15:59:59.999Z (55 d 13:59:59.999) = 10-15T20:59:59.999Z.
      expect(resumed.nextWakeAt).toEqual(at('2026-10-15T20:59:59.999Z'));
      expect((await caseRow(tx, kase.id)).nextDueAt).toEqual(at('2026-11-12T15:59:59.999Z'));
      const pauses = await tx.select().from(clockPauses).where(eq(clockPauses.clockId, outcome.clockId));
      expect(pauses).toMatchObject([
        { resumedAt: at('2026-10-09T02:00:00Z'), causeId, reason: 'information request IR-1 open' },
      ]);
      expect((await clockRow(tx, outcome.clockId)).version).toBe(4);
    }),
  );

  it(
    'a request opened and answered on the same day moves nothing; Tue 10-13 → Fri 10-16 moves 3 WD',
    test(async (tx) => {
      const { outcome } = await startReview(tx);
      const clockId = outcome.clockId;
      await pauseClock(tx, { clockId, at: at('2026-10-12T02:00:00Z'), reason: 'IR-1' });
      const sameDay = await resumeClock(tx, { clockId, at: at('2026-10-12T08:00:00Z') });
      expect(sameDay.dueAt).toEqual(dueNov5);
      // Paused 10-14, 10-15, 10-16: 11-05 + 3 WD = 11-06, 11-09, Tue 11-10.
      await pauseClock(tx, { clockId, at: at('2026-10-13T02:00:00Z'), reason: 'IR-2' });
      const later = await resumeClock(tx, { clockId, at: at('2026-10-16T02:00:00Z') });
      expect(later.dueAt).toEqual(at('2026-11-10T15:59:59.999Z'));
    }),
  );

  it(
    'refuses pausing a paused clock, resuming a running one, another cause resuming, and events out of order',
    test(async (tx) => {
      const { outcome } = await startReview(tx);
      const clockId = outcome.clockId;
      await expect(resumeClock(tx, { clockId, at: at('2026-10-01T00:00:00Z') })).rejects.toThrow(
        new ConflictError('the clock is not paused'),
      );
      await expect(pauseClock(tx, { clockId, at: at('2026-09-17T00:00:00Z'), reason: 'IR' })).rejects.toMatchObject({
        fieldErrors: [{ field: 'at' }],
      });
      await expect(pauseClock(tx, { clockId, at: at('2026-09-24T02:00:00Z'), reason: ' ' })).rejects.toMatchObject({
        fieldErrors: [{ field: 'reason' }],
      });
      await pauseClock(tx, { clockId, at: at('2026-09-24T02:00:00Z'), reason: 'IR', causeId: crypto.randomUUID() });
      await expect(pauseClock(tx, { clockId, at: at('2026-09-25T02:00:00Z'), reason: 'IR-2' })).rejects.toThrow(
        /already paused since 2026-09-24T02:00:00.000Z/,
      );
      await expect(
        resumeClock(tx, { clockId, at: at('2026-09-25T02:00:00Z'), causeId: crypto.randomUUID() }),
      ).rejects.toThrow(/paused by another cause/);
      await expect(resumeClock(tx, { clockId, at: at('2026-09-23T02:00:00Z') })).rejects.toMatchObject({
        fieldErrors: [{ field: 'at' }],
      });
      await expect(pauseClock(tx, { clockId: crypto.randomUUID(), at: started, reason: 'x' })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    }),
  );
});

describe('extendClock', () => {
  it(
    'extends a review once by 15 WD (11-05 → Thu 11-26) and refuses a second extension',
    test(async (tx) => {
      const { kase, outcome } = await startReview(tx);
      const clockId = outcome.clockId;
      // 11-05 + 15 WD: 11-06, 11-09..13, 11-16..20, 11-23..26.
      const extended = await extendClock(tx, {
        clockId,
        at: at('2026-10-20T02:00:00Z'),
        reason: 'complex supply chain',
      });
      expect(extended.dueAt).toEqual(at('2026-11-26T15:59:59.999Z'));
      expect(await clockRow(tx, clockId)).toMatchObject({
        extendedDays: 15,
        extendedAt: at('2026-10-20T02:00:00Z'),
        extensionReason: 'complex supply chain',
      });
      expect((await caseRow(tx, kase.id)).nextDueAt).toEqual(at('2026-11-26T15:59:59.999Z'));
      const again = extendClock(tx, { clockId, at: at('2026-10-21T02:00:00Z'), reason: 'again' });
      await expect(again).rejects.toBeInstanceOf(ConflictError);
      await expect(again).rejects.toThrow(/extension is allowed once/);
    }),
  );

  it(
    'refuses an extension the regime does not allow, one after expiry, and one without a reason',
    test(async (tx) => {
      const kase = await seededCase(tx, 'cutOff');
      const screening = await startClock(tx, {
        caseId: kase.id,
        ownerKind: 'CASE',
        ownerId: kase.id,
        phase: 'SCREENING',
        startedAt: started,
      });
      await expect(extendClock(tx, { clockId: screening.clockId, at: started, reason: 'more time' })).rejects.toThrow(
        /allows no extension of the SCREENING clock/,
      );
      await stopClock(tx, { clockId: screening.clockId, at: at('2026-09-21T02:00:00Z') });

      const review = await startClock(tx, {
        caseId: kase.id,
        ownerKind: 'CASE',
        ownerId: kase.id,
        phase: 'REVIEW',
        startedAt: started,
      });
      await expect(extendClock(tx, { clockId: review.clockId, at: started, reason: '' })).rejects.toMatchObject({
        fieldErrors: [{ field: 'reason' }],
      });
      await expect(
        extendClock(tx, { clockId: review.clockId, at: at('2026-11-05T16:00:00Z'), reason: 'late' }),
      ).rejects.toThrow(/expired at 2026-11-05T15:59:59.999Z/);
    }),
  );
});

describe('stopClock and the case’s next due date', () => {
  it(
    'stopping the phase clock clears the case; the next phase clock becomes current',
    test(async (tx) => {
      const { kase, outcome } = await startReview(tx);
      await expect(
        startClock(tx, { caseId: kase.id, ownerKind: 'CASE', ownerId: kase.id, phase: 'IN_DEPTH', startedAt: started }),
      ).rejects.toThrow(/REVIEW clock is still running/);

      const stopped = await stopClock(tx, { clockId: outcome.clockId, at: at('2026-10-20T02:00:00Z') });
      expect(stopped).toMatchObject({ dueAt: dueNov5, final: true, nextWakeAt: null });
      expect(stopped.stoppedAt).toEqual(at('2026-10-20T02:00:00Z'));
      expect(await caseRow(tx, kase.id)).toMatchObject({ currentClockId: null, nextDueAt: null });

      // IN_DEPTH 90 WD from Tue 10-20: d1–d8 10-21..30, then Nov 21 WD (to 11-30), Dec 23 WD (to 12-31) = 52,
      // then 2027 is not loaded (weekends only): d53 Fri 01-01, … Jan 21 WD (to 01-29) = 73, Feb 1..23 (17 WD) = 90
      // → Tue 2027-02-23, provisional.
      const inDepth = await startClock(tx, {
        caseId: kase.id,
        ownerKind: 'CASE',
        ownerId: kase.id,
        phase: 'IN_DEPTH',
        startedAt: at('2026-10-20T02:00:00Z'),
      });
      expect(inDepth).toMatchObject({ dueAt: at('2027-02-23T15:59:59.999Z'), provisional: true });
      expect(await caseRow(tx, kase.id)).toMatchObject({
        currentClockId: inDepth.clockId,
        nextDueAt: at('2027-02-23T15:59:59.999Z'),
      });
    }),
  );

  it(
    'a stopped clock refuses every further change; stopping closes an open pause',
    test(async (tx) => {
      const { outcome } = await startReview(tx);
      const clockId = outcome.clockId;
      await pauseClock(tx, { clockId, at: at('2026-10-12T02:00:00Z'), reason: 'IR' });
      // Stopped while paused on Wed 10-14: 10-13 and 10-14 were paused, so the final due is 11-05 + 2 WD.
      const stopped = await stopClock(tx, { clockId, at: at('2026-10-14T02:00:00Z') });
      expect(stopped.dueAt).toEqual(at('2026-11-09T15:59:59.999Z'));
      const pauses = await tx.select().from(clockPauses).where(eq(clockPauses.clockId, clockId));
      expect(pauses[0]!.resumedAt).toEqual(at('2026-10-14T02:00:00Z'));
      const later = at('2026-10-15T02:00:00Z');
      const refusals = [
        () => pauseClock(tx, { clockId, at: later, reason: 'IR' }),
        () => resumeClock(tx, { clockId, at: later }),
        () => extendClock(tx, { clockId, at: later, reason: 'r' }),
        () => stopClock(tx, { clockId, at: later }),
        () => recomputeClock(tx, clockId, later),
      ];
      for (const refusal of refusals) await expect(refusal()).rejects.toThrow(/stopped at 2026-10-14T02:00:00.000Z/);
    }),
  );
});

describe('US_CFIUS: calendar days rolling to the next business day, a clock that does not stop', () => {
  it(
    'a 45-day review started Wed 2026-09-16 ends Sat 10-31 and rolls to Mon 11-02, due 23:59:59.999 EST',
    test(async (tx) => {
      const kase = await seededCase(tx, 'acquisition');
      await putCaseOnRegime(tx, kase.id, 'US_CFIUS');
      // 09-16 + 45 calendar days = 10-31 (Sat) → next business day Mon 11-02; New York is on EST (UTC−5) from 11-01.
      const outcome = await startClock(tx, {
        caseId: kase.id,
        ownerKind: 'CASE',
        ownerId: kase.id,
        phase: 'REVIEW',
        startedAt: at('2026-09-16T14:00:00Z'),
      });
      expect(outcome).toMatchObject({ dueAt: at('2026-11-03T04:59:59.999Z'), provisional: false });
      expect(await clockRow(tx, outcome.clockId)).toMatchObject({ unit: 'CALENDAR_DAYS', length: 45 });
      await expect(
        pauseClock(tx, { clockId: outcome.clockId, at: at('2026-09-20T14:00:00Z'), reason: 'IR' }),
      ).rejects.toThrow(/US_CFIUS v1 the clock does not stop/);
      await expect(
        extendClock(tx, { clockId: outcome.clockId, at: at('2026-09-20T14:00:00Z'), reason: 'r' }),
      ).rejects.toThrow(/no extension of the REVIEW clock/);
    }),
  );
});

describe('reminders and recomputeClock', () => {
  it(
    'the next wake-up skips reminders already sent; a clock past due wakes at its due instant until the breach is recorded',
    test(async (tx) => {
      const { outcome } = await startReview(tx);
      const clockId = outcome.clockId;
      const unchanged = await recomputeClock(tx, clockId, at('2026-10-01T00:00:00Z'));
      expect(unchanged).toMatchObject({ changed: false, version: 1, nextWakeAt: at('2026-10-12T08:59:59.999Z') });

      await tx
        .update(clocks)
        .set({ remindersSent: [50] })
        .where(eq(clocks.id, clockId));
      // 80% of 48 d 13:59:59.999 is 38 d 20:47:59.999 after 09-18T02:00Z.
      const after50 = await recomputeClock(tx, clockId, at('2026-10-13T00:00:00Z'));
      expect(after50).toMatchObject({ changed: true, nextWakeAt: at('2026-10-26T22:47:59.999Z'), version: 2 });

      // Past due with no breach recorded: wake at once (the due instant is in the past).
      const overdue = await recomputeClock(tx, clockId, at('2026-11-06T00:00:00Z'));
      expect(overdue.nextWakeAt).toEqual(dueNov5);

      await tx
        .update(clocks)
        .set({ remindersSent: [50, 80, 100] })
        .where(eq(clocks.id, clockId));
      expect((await recomputeClock(tx, clockId, at('2026-11-06T00:00:00Z'))).nextWakeAt).toBeNull();
    }),
  );
});
