/**
 * The clock scenario the API tests read, written into a fresh test database with the domain's own
 * clock verbs (the workflow that starts clocks through the API is another issue's). Every expected
 * instant below was counted by hand on shared/domain/cn-calendar-2026.md and the US federal
 * holidays; Asia/Shanghai is UTC+8, America/New_York is UTC−5 in December.
 *
 * "Now" is Mon 2026-12-21 10:00 in Shanghai (= Sun 2026-12-20 21:00 in New York). CN 2027 is not
 * loaded, so deadlines counted into 2027 are provisional.
 */
import { and, desc, eq, like } from 'drizzle-orm';
import { cases } from '../../../db/schema/cases.ts';
import { clockPauses, clocks, regimes } from '../../../db/schema/clocks.ts';
import { organizations, people } from '../../../db/schema/organizations.ts';
import { consultations } from '../../../db/schema/work-items.ts';
import type { Tx } from '../../../src/database/database.ts';
import { pauseClock } from '../../../src/domain/clock/pause-clock.ts';
import { resumeClock } from '../../../src/domain/clock/resume-clock.ts';
import { startClock } from '../../../src/domain/clock/start-clock.ts';
import type { TestDatabase } from '../../support/test-database.ts';

export const NOW = new Date('2026-12-21T02:00:00.000Z');

/** The seeded cases, and two inserted here: one on the CFIUS regime and one without any clock. */
export const titles = {
  RELOCATION: 'Relocation of the advanced packaging line',
  CUTOFF: 'Announced cut-off of ArF photoresist',
  ACQUISITION: 'Proposed acquisition of Dongfang EDA',
  // Seeded under review (issue 11); its clocks are removed below, so here it has none.
  CAPABILITY_GAP: 'Long-standing capability gap in lithography systems',
  INBOUND: 'Clock API test: inbound investment on the CFIUS regime',
  IDLE: 'Clock API test: case without a running clock',
} as const;
export type CaseKey = keyof typeof titles;
/** The keys of the seeded cases (the others are inserted by the scenario). */
export const seededKeys = ['RELOCATION', 'CUTOFF', 'ACQUISITION', 'CAPABILITY_GAP'] as const;
/** The cases the scenario leaves without a running clock. */
export const undatedKeys = ['CAPABILITY_GAP', 'IDLE'] as const;

/** The hand-counted clocks of the scenario. */
export const expected = {
  // ACCEPTANCE 10 WD from Tue 12-01: d1–d3 12-02..04, d4–d8 12-07..11, d9–d10 12-14..15 → Tue 12-15.
  // Now (Mon 12-21) is past it: (12-15, 12-21] holds 12-16, 17, 18, 21 → −4 working days left.
  relocation: { startedAt: '2026-12-01T02:00:00.000Z', dueAt: '2026-12-15T15:59:59.999Z', left: -4 },
  // REVIEW 30 WD from Thu 12-10: d1 12-11, d2–d6 12-14..18, d7–d11 12-21..25, d12–d15 12-28..31, then
  // 2027 counts weekends only: d16 Fri 01-01, d17–d21 01-04..08, d22–d26 01-11..15, d27–d30 01-18..21.
  // Left: d8..d30 after today = 23.
  cutoff: { startedAt: '2026-12-10T02:00:00.000Z', dueAt: '2027-01-21T15:59:59.999Z', left: 23 },
  // SCREENING 10 WD from Mon 12-14: d1–d4 12-15..18, d5–d9 12-21..25, d10 Mon 12-28. Left: 12-22..25, 28 = 5.
  acquisition: { startedAt: '2026-12-14T02:00:00.000Z', dueAt: '2026-12-28T15:59:59.999Z', left: 5 },
  // CONSULTATION 15 WD from Wed 12-16: d1–d2 12-17..18, d3–d7 12-21..25, d8–d11 12-28..31, d12 Fri 01-01
  // (2027 not loaded), d13–d15 01-04..06 → Wed 2027-01-06, provisional. Left: 12-22..01-06 = 12.
  consultation: { startedAt: '2026-12-16T02:00:00.000Z', dueAt: '2027-01-06T15:59:59.999Z', left: 12 },
  // CFIUS ACCEPTANCE 10 business days from Fri 12-11 (New York): d1–d5 12-14..18, d6–d9 12-21..24,
  // Christmas 12-25 off, d10 Mon 12-28 → 23:59:59.999 EST. Today in New York is Sun 12-20, so left:
  // 12-21..24, 28 = 5 — on the CN calendar in Shanghai it would already be Mon 12-21 and the due day
  // Tue 12-29 there, a different count: cut-offs must be per calendar.
  inbound: { startedAt: '2026-12-11T15:00:00.000Z', dueAt: '2026-12-29T04:59:59.999Z', left: 5 },
} as const;

/**
 * Pauses: the MIIT consultation clock was paused and resumed on Thu 12-17 in Shanghai (10:00 → 16:00):
 * an answer on the same day pauses nothing, so its due instant stays. The MOFCOM consultation clock
 * is paused since Fri 12-18 10:00 Shanghai; its due instant was computed as of that event, when no
 * paused day had passed yet, so it stays too until the pause ends.
 */
export const pauses = {
  miitConsultation: { from: '2026-12-17T02:00:00.000Z', to: '2026-12-17T08:00:00.000Z' },
  mofcomConsultation: { from: '2026-12-18T02:00:00.000Z', to: null },
} as const;

export interface ClockScenario {
  caseIds: Record<CaseKey, string>;
  organizationIds: Record<string, string>;
  /** Clock ids by the names of `expected`, plus the MOFCOM consultation's. */
  clockIds: Record<keyof typeof expected | 'mofcomConsultation', string>;
}

async function regimeIdOf(tx: Tx, code: string): Promise<string> {
  const [row] = await tx
    .select({ id: regimes.id })
    .from(regimes)
    .where(and(eq(regimes.code, code), eq(regimes.version, 1)));
  return row!.id;
}

async function consult(tx: Tx, caseId: string, departmentId: string, requestedById: string): Promise<string> {
  await tx
    .insert(consultations)
    .values({ caseId, departmentId, question: 'Clock API test: strategic value?', requestedById })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ id: consultations.id })
    .from(consultations)
    .where(and(eq(consultations.caseId, caseId), eq(consultations.departmentId, departmentId)))
    .orderBy(desc(consultations.round))
    .limit(1);
  return row!.id;
}

/** Builds the scenario: whatever clocks the seed started are removed first, so only these exist. */
export async function prepareClockScenario(database: TestDatabase): Promise<ClockScenario> {
  return database.db.transaction(async (tx) => {
    await tx.update(cases).set({ currentClockId: null, nextDueAt: null, overdue: false });
    await tx.delete(clockPauses);
    await tx.delete(clocks);

    const organizationIds = Object.fromEntries(
      (await tx.select({ id: organizations.id, code: organizations.code }).from(organizations)).map((o) => [
        o.code,
        o.id,
      ]),
    );
    const [officer] = await tx.select().from(people).where(eq(people.email, 'officer@icsr.example'));
    const caseIds = {} as Record<CaseKey, string>;
    for (const key of seededKeys) {
      const [row] = await tx
        .select({ id: cases.id })
        .from(cases)
        .where(like(cases.title, `${titles[key]}%`));
      caseIds[key] = row!.id;
    }
    const inserted = await tx
      .insert(cases)
      .values([
        {
          reference: 'ICSR-2026-990001',
          title: titles.INBOUND,
          origin: 'EX_OFFICIO',
          subject: 'ACQUISITION',
          state: 'SCREENING',
          workflowVersion: 1,
          regimeId: await regimeIdOf(tx, 'US_CFIUS'),
          lastActivityAt: new Date('2026-12-11T15:00:00.000Z'),
        },
        {
          reference: 'ICSR-2026-990002',
          title: titles.IDLE,
          origin: 'EX_OFFICIO',
          subject: 'ACQUISITION',
          state: 'SCREENING',
          workflowVersion: 1,
          regimeId: await regimeIdOf(tx, 'CN_CSR'),
          lastActivityAt: new Date('2026-12-01T00:00:00.000Z'),
        },
      ])
      .returning({ id: cases.id });
    caseIds.INBOUND = inserted[0]!.id;
    caseIds.IDLE = inserted[1]!.id;

    const phase = (key: CaseKey, phaseName: 'ACCEPTANCE' | 'REVIEW' | 'SCREENING', startedAt: string) =>
      startClock(tx, {
        caseId: caseIds[key],
        ownerKind: 'CASE',
        ownerId: caseIds[key],
        phase: phaseName,
        startedAt: new Date(startedAt),
      });
    const relocation = await phase('RELOCATION', 'ACCEPTANCE', expected.relocation.startedAt);
    const cutoff = await phase('CUTOFF', 'REVIEW', expected.cutoff.startedAt);
    const acquisition = await phase('ACQUISITION', 'SCREENING', expected.acquisition.startedAt);
    const inbound = await phase('INBOUND', 'ACCEPTANCE', expected.inbound.startedAt);
    // MIIT and MOFCOM are consulted on the acquisition, each on its own clock.
    const consultationClock = async (department: string) =>
      startClock(tx, {
        caseId: caseIds.ACQUISITION,
        ownerKind: 'CONSULTATION',
        ownerId: await consult(tx, caseIds.ACQUISITION, organizationIds[department]!, officer!.id),
        phase: 'CONSULTATION',
        startedAt: new Date(expected.consultation.startedAt),
      });
    const miit = await consultationClock('MIIT');
    const mofcom = await consultationClock('MOFCOM');
    const reason = 'Clock API test: information request';
    await pauseClock(tx, { clockId: miit.clockId, at: new Date(pauses.miitConsultation.from), reason });
    await resumeClock(tx, { clockId: miit.clockId, at: new Date(pauses.miitConsultation.to) });
    await pauseClock(tx, { clockId: mofcom.clockId, at: new Date(pauses.mofcomConsultation.from), reason });
    return {
      caseIds,
      organizationIds,
      clockIds: {
        relocation: relocation.clockId,
        cutoff: cutoff.clockId,
        acquisition: acquisition.clockId,
        consultation: miit.clockId,
        inbound: inbound.clockId,
        mofcomConsultation: mofcom.clockId,
      },
    };
  });
}
