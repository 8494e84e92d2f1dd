/** The shipped regimes: values as the brief and review-regimes.md give them, and their effect on due dates. */
import { describe, expect, it } from 'vitest';
import { computePhaseDue } from '../../src/domain/clock/phase-due.ts';
import { clockPhases } from '../../vocabulary/terms.ts';
import { cnCalendar } from '../../workflows/calendars/cn.ts';
import { calendars } from '../../workflows/calendars/registry.ts';
import { usCalendar } from '../../workflows/calendars/us.ts';
import { cnCsrRegime } from '../../workflows/regimes/cn-csr.ts';
import { defaultRegimeCode, regimes } from '../../workflows/regimes/registry.ts';
import { usCfiusRegime } from '../../workflows/regimes/us-cfius.ts';

describe('regime registry', () => {
  it('keys each regime by its code, defaults to CN_CSR', () => {
    for (const [code, regime] of Object.entries(regimes)) expect(regime.code).toBe(code);
    expect(defaultRegimeCode).toBe('CN_CSR');
    expect(regimes[defaultRegimeCode]).toBe(cnCsrRegime);
  });

  it.each(Object.values(regimes))('$code: calendar exists, zones agree, every value has a source', (regime) => {
    const calendar = calendars[regime.calendarCode as keyof typeof calendars];
    expect(calendar).toBeDefined();
    expect(regime.timeZone).toBe(calendar.timeZone);
    expect(Object.keys(regime.clocks).sort()).toEqual([...clockPhases].sort());
    for (const rule of Object.values(regime.clocks)) {
      if (!rule) continue;
      expect(Number.isInteger(rule.length) && rule.length > 0).toBe(true);
      expect(rule.source.length).toBeGreaterThan(10);
    }
    for (const source of Object.values(regime.sources)) expect(source.length).toBeGreaterThan(10);
    const consultation = regime.clocks.CONSULTATION!;
    expect(regime.consultationSilenceAfter).toEqual({ unit: consultation.unit, length: consultation.length });
    expect(regime.clocks.INFORMATION_REQUEST).toEqual(regime.informationRequestAnswerWithin);
    expect(regime.inDepthRequiredAtGrade).toBe('HIGH');
    expect(regime.inDepthRequiredOnObjection).toBe(true);
  });
});

describe('CN_CSR values', () => {
  it.each([
    ['ACCEPTANCE', 10, undefined],
    ['SCREENING', 10, undefined],
    ['REVIEW', 30, 15],
    ['CONSULTATION', 15, undefined],
    ['IN_DEPTH', 90, undefined],
    ['REPRESENTATIONS', 10, undefined],
    ['APPEAL_WINDOW', 15, undefined],
    ['APPEAL_DECISION', 60, undefined],
    ['RESUBMISSION', 20, undefined],
  ] as const)('%s: %i WD, extension %s', (phase, length, extension) => {
    const rule = cnCsrRegime.clocks[phase]!;
    expect(rule.unit).toBe('WORKING_DAYS');
    expect(rule.length).toBe(length);
    expect(rule.extension?.length).toBe(extension);
  });

  it('pauses for information requests, escalates silence, counts on CN', () => {
    expect(cnCsrRegime.calendarCode).toBe('CN');
    expect(cnCsrRegime.informationRequestPausesPhaseClock).toBe(true);
    expect(cnCsrRegime.consultationSilence).toBe('ESCALATE_TO_LEAD_REVIEWER');
    expect(cnCsrRegime.rollToWorkingDay).toBe(false);
  });
});

describe('US_CFIUS values', () => {
  it.each([
    ['ACCEPTANCE', 'WORKING_DAYS', 10, undefined],
    ['REVIEW', 'CALENDAR_DAYS', 45, undefined],
    ['IN_DEPTH', 'CALENDAR_DAYS', 45, 15],
    ['INFORMATION_REQUEST', 'WORKING_DAYS', 3, undefined],
    ['CONSULTATION', 'CALENDAR_DAYS', 14, undefined],
  ] as const)('%s: %s %i, extension %s', (phase, unit, length, extension) => {
    const rule = usCfiusRegime.clocks[phase]!;
    expect(rule.unit).toBe(unit);
    expect(rule.length).toBe(length);
    expect(rule.extension?.length).toBe(extension);
  });

  it('rolls to the next business day, never stops, deems silence concurrence, counts on US', () => {
    expect(usCfiusRegime.calendarCode).toBe('US');
    expect(usCfiusRegime.rollToWorkingDay).toBe(true);
    expect(usCfiusRegime.informationRequestPausesPhaseClock).toBe(false);
    expect(usCfiusRegime.consultationSilence).toBe('DEEMED_CONCURRENCE');
  });
});

describe('both regimes on the same scenario', () => {
  // A REVIEW phase starts at 2026-03-02T01:00Z: Mon 09:00 in Shanghai, Sun 1 Mar 20:00 (EST) in New York.
  // An information request is open from 2026-03-10T02:00Z to 2026-03-16T02:00Z
  // (Shanghai: Tue Mar 10 → Mon Mar 16; pauses Mar 11, 12, 13, 16 = 4 WD).
  const startedAt = new Date('2026-03-02T01:00:00Z');
  const pauses = [{ from: new Date('2026-03-10T02:00:00Z'), to: new Date('2026-03-16T02:00:00Z') }];

  it.each([
    // CN: 30 WD from Mar 2: Mar 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), 30–31 (21), Apr 1–3 (24),
    //     Qingming Apr 4–6 off, Apr 7–10 (28), Apr 13–14 (30) → Apr 14, 23:59:59.999 +08:00.
    ['CN_CSR', 'REVIEW', [], false, '2026-04-14T15:59:59.999Z'],
    // CN: the 4 paused WD push it to Apr 15, 16, 17, 20.
    ['CN_CSR', 'REVIEW', pauses, false, '2026-04-20T15:59:59.999Z'],
    // CN: +15 WD extension from Apr 14: Apr 15–30 (12), Labour Day May 1–5 off, May 6–8 (15) → May 8.
    ['CN_CSR', 'REVIEW', [], true, '2026-05-08T15:59:59.999Z'],
    // CN in-depth 90 WD from Mar 2: Apr 30 is day 42, May 6–8 (45), make-up Sat May 9 (46), May 11–Jun 18
    //     (47–75), Dragon Boat Jun 19 off, Jun 22–Jul 3 (76–85), Jul 6–10 (86–90) → Jul 10.
    ['CN_CSR', 'IN_DEPTH', [], false, '2026-07-10T15:59:59.999Z'],
    // CFIUS: day 0 is Sun Mar 1 (New York); 45 CD → Wed Apr 15, a business day; EDT (UTC−4).
    ['US_CFIUS', 'REVIEW', [], false, '2026-04-16T03:59:59.999Z'],
    // CFIUS: the clock does not stop, so the same request changes nothing.
    ['US_CFIUS', 'REVIEW', pauses, false, '2026-04-16T03:59:59.999Z'],
    // CFIUS: investigation 45 + 15 CD = 60 CD from Mar 1 → Thu Apr 30.
    ['US_CFIUS', 'IN_DEPTH', [], true, '2026-05-01T03:59:59.999Z'],
  ] as const)('%s %s, pauses %j, extended %s → %s', (code, phase, scenarioPauses, extended, expected) => {
    const regime = regimes[code];
    const calendar = code === 'CN_CSR' ? cnCalendar : usCalendar;
    const result = computePhaseDue({ regime, calendar, phase, startedAt, pauses: scenarioPauses, extended });
    expect(result.dueAt.toISOString()).toBe(expected);
  });

  it('refuses a phase without a clock, a foreign calendar and an extension the regime does not allow', () => {
    const common = { startedAt, pauses: [], extended: false };
    expect(() => computePhaseDue({ ...common, regime: cnCsrRegime, calendar: cnCalendar, phase: 'CONDITION' })).toThrow(
      /no CONDITION clock/,
    );
    expect(() => computePhaseDue({ ...common, regime: cnCsrRegime, calendar: usCalendar, phase: 'REVIEW' })).toThrow(
      /calendar CN/,
    );
    expect(() =>
      computePhaseDue({ ...common, regime: cnCsrRegime, calendar: cnCalendar, phase: 'IN_DEPTH', extended: true }),
    ).toThrow(/no IN_DEPTH extension/);
  });
});
