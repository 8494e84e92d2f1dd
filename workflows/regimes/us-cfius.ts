import type { ClockRule, RegimeDefinition } from './regime-definition.ts';

const md = 'shared/domain/review-regimes.md';

// One rule, two views: the INFORMATION_REQUEST clock and the regime's answer limit must agree.
const answerWithin: ClockRule = {
  unit: 'WORKING_DAYS',
  length: 3,
  source: `${md} §1.1 Information requests: answer within 3 bd or the notice may be rejected`,
};

/**
 * A regime modelled on CFIUS (DPA §721 / FIRRMA; 31 CFR 800 and 802): calendar days rolling to the
 * next business day on the US calendar, and a clock that does not stop for information requests.
 * The presidential 15-day stage has no case phase here. Values CFIUS does not give are product
 * choices, marked as such in their `source`.
 */
export const usCfiusRegime: RegimeDefinition = {
  code: 'US_CFIUS',
  version: 1,
  name: 'Investment review (modelled on CFIUS)',
  calendarCode: 'US',
  timeZone: 'America/New_York',
  clocks: {
    ACCEPTANCE: {
      unit: 'WORKING_DAYS',
      length: 10,
      source: `${md} §1.1 Clocks: comment on or accept a notice within 10 bd (FIRRMA)`,
    },
    RESUBMISSION: {
      unit: 'CALENDAR_DAYS',
      length: 30,
      source: `product choice: CFIUS has no resubmission window (a rejected notice is refiled, ${md} §1.1 Withdrawal); 30 CD`,
    },
    SCREENING: {
      unit: 'CALENDAR_DAYS',
      length: 30,
      source: `${md} §1.1 Filings: a declaration is assessed in 30 cd`,
    },
    REVIEW: {
      unit: 'CALENDAR_DAYS',
      length: 45,
      source: `${md} §1.1 Clocks: review 45 cd`,
    },
    IN_DEPTH: {
      unit: 'CALENDAR_DAYS',
      length: 45,
      extension: { length: 15, maxTimes: 1 },
      source: `${md} §1.1 Clocks: investigation 45 cd, +15 cd in extraordinary circumstances`,
    },
    CONSULTATION: {
      unit: 'CALENDAR_DAYS',
      length: 14,
      source: `${md} §1.6 US ICTS rule: 14 days of silence counts as concurrence (§791.108)`,
    },
    ASSESSMENT: {
      unit: 'CALENDAR_DAYS',
      length: 30,
      source: `product choice: third-party monitors/auditors have no statutory limit (${md} §1.1 Lead agency); 30 CD`,
    },
    INFORMATION_REQUEST: answerWithin,
    REPRESENTATIONS: {
      unit: 'CALENDAR_DAYS',
      length: 15,
      source: `product choice: by analogy with the 15 days to answer a penalty notice (${md} §1.1 Penalties); 15 CD`,
    },
    APPEAL_WINDOW: {
      unit: 'CALENDAR_DAYS',
      length: 30,
      source: `product choice: CFIUS has no administrative appeal (${md} §1.1 Judicial review); 30 CD`,
    },
    APPEAL_DECISION: {
      unit: 'CALENDAR_DAYS',
      length: 60,
      source: 'product choice: no source; 60 CD, the length of a full review plus investigation',
    },
    CONDITION: undefined, // each condition carries its own due date (design.md §4 MONITORING)
  },
  rollToWorkingDay: true,
  informationRequestPausesPhaseClock: false,
  informationRequestAnswerWithin: answerWithin,
  consultationSilence: 'DEEMED_CONCURRENCE',
  consultationSilenceAfter: { unit: 'CALENDAR_DAYS', length: 14 },
  inDepthRequiredAtGrade: 'HIGH',
  inDepthRequiredOnObjection: true,
  sources: {
    calendarCode: 'workflows/calendars/us.ts (US federal holidays)',
    rollToWorkingDay: `${md} §1.1 Clocks: a deadline on a non-business day rolls to the next business day (§800.508)`,
    informationRequestPausesPhaseClock: `${md} §1.1 Information requests: the clock does not stop`,
    informationRequestAnswerWithin: `${md} §1.1 Information requests: answer within 3 bd`,
    consultationSilence: `${md} §1.6 US ICTS rule: silence counts as concurrence (§791.108)`,
    consultationSilenceAfter: `${md} §1.6 US ICTS rule: 14 days`,
    inDepthRequiredAtGrade: 'product choice: design.md §4 IN_DEPTH (required when the grade is HIGH/CRITICAL)',
    inDepthRequiredOnObjection: `product choice: ${md} §1.1 Escalation (differing views escalate); design.md §4 IN_DEPTH`,
  },
};
