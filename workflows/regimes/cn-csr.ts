import type { RegimeDefinition } from './regime-definition.ts';

const md = 'shared/domain/review-regimes.md';

/**
 * The default regime, modelled on China's Cybersecurity Review Measures (网络安全审查办法, CAC Order 8,
 * in force 15 Feb 2022): working days on the CN calendar, supplementing time excluded from the clock.
 * Values the Measures do not give (appeal, representations, resubmission) are product choices,
 * marked as such in their `source`.
 */
export const cnCsrRegime: RegimeDefinition = {
  code: 'CN_CSR',
  version: 1,
  name: 'Cybersecurity review (modelled on China’s Cybersecurity Review Measures)',
  calendarCode: 'CN',
  timeZone: 'Asia/Shanghai',
  clocks: {
    ACCEPTANCE: {
      unit: 'WORKING_DAYS',
      length: 10,
      source: `${md} §3 row 1 (completeness clock, CSR 10 wd); design.md §4 SUBMITTED`,
    },
    RESUBMISSION: {
      unit: 'WORKING_DAYS',
      length: 20,
      source: 'product choice: the Measures set no resubmission window; 20 WD (design.md §4 RETURNED)',
    },
    SCREENING: {
      unit: 'WORKING_DAYS',
      length: 10,
      source: `${md} §1.3 Clocks: the Office decides within 10 wd whether to review`,
    },
    REVIEW: {
      unit: 'WORKING_DAYS',
      length: 30,
      extension: { length: 15, maxTimes: 1 },
      source: `${md} §1.3 Clocks: initial review 30 wd (+15)`,
    },
    IN_DEPTH: {
      unit: 'WORKING_DAYS',
      length: 90,
      source: `${md} §1.3 Clocks: special procedure normally within 90 wd (Arts. 9–14)`,
    },
    CONSULTATION: {
      unit: 'WORKING_DAYS',
      length: 15,
      source: `${md} §1.3 Clocks: members reply in writing within 15 wd`,
    },
    ASSESSMENT: undefined, // the Measures give the CCRC no limit: the deadline is set in each invitation
    INFORMATION_REQUEST: undefined, // Art. 15 excludes supplementing time instead of limiting it (§1.3)
    REPRESENTATIONS: {
      unit: 'WORKING_DAYS',
      length: 10,
      source: 'product choice: the Measures give no representations stage; 10 WD (design.md §4 DECISION_PROPOSED)',
    },
    APPEAL_WINDOW: {
      unit: 'WORKING_DAYS',
      length: 15,
      source: `product choice: ${md} §1.3 "No other appeal route"; 15 WD (design.md §4 DECIDED)`,
    },
    APPEAL_DECISION: {
      unit: 'WORKING_DAYS',
      length: 60,
      source: `product choice: ${md} §1.3 "No other appeal route"; 60 WD (design.md §4 APPEALED)`,
    },
    CONDITION: undefined, // each condition carries its own due date (design.md §4 MONITORING)
  },
  rollToWorkingDay: false,
  informationRequestPausesPhaseClock: true,
  consultationSilence: 'ESCALATE_TO_LEAD_REVIEWER',
  consultationSilenceAfter: { unit: 'WORKING_DAYS', length: 15 },
  inDepthRequiredAtGrade: 'HIGH',
  inDepthRequiredOnObjection: true,
  sources: {
    calendarCode: 'shared/domain/cn-calendar-2026.md (State Council schedule, make-up working days)',
    rollToWorkingDay: `${md} §1.3: all limits are in working days, so nothing needs to roll`,
    informationRequestPausesPhaseClock: `${md} §1.3 Stop-the-clock: time spent supplying materials is excluded (Art. 15)`,
    informationRequestAnswerWithin: `${md} §1.3: no limit given; the clock is paused instead`,
    consultationSilence: `${md} §1.3 Clocks: if members do not agree, the special procedure applies; design.md §4 (silence = escalation)`,
    consultationSilenceAfter: `${md} §1.3 Clocks: written replies within 15 wd`,
    inDepthRequiredAtGrade: 'product choice: design.md §4 IN_DEPTH (required when the grade is HIGH/CRITICAL)',
    inDepthRequiredOnObjection: `${md} §1.3 Clocks: disagreement sends the case to the special procedure`,
  },
};
