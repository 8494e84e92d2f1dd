/**
 * The shape of a review regime: its calendar, clocks, pause rule, silence rule and in-depth
 * thresholds as plain, versioned data (design §4). A case keeps the regime version it started with,
 * so a shipped version is never edited in place: a change is a new version.
 */
import type { ClockPhase, DayUnit, RiskGrade } from '../../vocabulary/terms.ts';

/** A length of time in working or calendar days. */
export interface DayLength {
  unit: DayUnit;
  length: number;
}

/** One clock of a regime, with where its value comes from. */
export interface ClockRule extends DayLength {
  /** An extension in the same unit, allowed once, with a reason. */
  extension?: { length: number; maxTimes: 1 };
  /** Citation (e.g. `review-regimes.md §1.3`), or "product choice: …" where no source gives a value. */
  source: string;
}

/** What a department's silence on a consultation means once its deadline has passed. */
export type ConsultationSilence = 'ESCALATE_TO_LEAD_REVIEWER' | 'DEEMED_CONCURRENCE';

/** The regime settings outside `clocks`, each of which must carry a source. */
export type RegimeSetting =
  | 'calendarCode'
  | 'rollToWorkingDay'
  | 'informationRequestPausesPhaseClock'
  | 'informationRequestAnswerWithin'
  | 'consultationSilence'
  | 'consultationSilenceAfter'
  | 'inDepthRequiredAtGrade'
  | 'inDepthRequiredOnObjection';

/** A review regime as data. */
export interface RegimeDefinition {
  code: string;
  /** Incremented for every change; cases keep the version they started with. */
  version: number;
  name: string;
  /** The jurisdiction calendar working days are counted on. */
  calendarCode: string;
  /** IANA zone of the regime's days; equal to its calendar's zone. */
  timeZone: string;
  /** Each phase's clock; `undefined` where the regime runs no clock (the due date is set per item). */
  clocks: Record<ClockPhase, ClockRule | undefined>;
  /** Whether a calendar-day deadline on a non-working day moves to the next working day. */
  rollToWorkingDay: boolean;
  /** Whether an open information request pauses the case's phase clock ("stop the clock"). */
  informationRequestPausesPhaseClock: boolean;
  /** Time the party has to answer an information request, when the regime sets one. */
  informationRequestAnswerWithin?: ClockRule;
  /** What silence on a consultation means after `consultationSilenceAfter`. */
  consultationSilence: ConsultationSilence;
  consultationSilenceAfter: DayLength;
  /** Lowest risk grade that requires the in-depth phase (that grade and above). */
  inDepthRequiredAtGrade: RiskGrade;
  /** Whether a department's objection requires the in-depth phase. */
  inDepthRequiredOnObjection: boolean;
  /** Where each setting outside `clocks` comes from. */
  sources: Record<RegimeSetting, string>;
}
