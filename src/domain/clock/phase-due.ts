/**
 * The due date of one phase clock as a regime defines it: length, unit, extension, roll-over and
 * whether information requests pause it all come from the regime data, not from code.
 */

import type { ClockPhase } from '../../../vocabulary/terms.ts';
import type { CalendarDefinition } from '../../../workflows/calendars/calendar-definition.ts';
import type { RegimeDefinition } from '../../../workflows/regimes/regime-definition.ts';
import { type ClockPause, computeDue, type DueResult } from './due.ts';

/** A phase clock of a case (or a work item) under a regime. */
export interface PhaseDueInput {
  regime: RegimeDefinition;
  /** The regime's calendar (`calendar.code === regime.calendarCode`), as currently loaded. */
  calendar: CalendarDefinition;
  phase: ClockPhase;
  startedAt: Date;
  /** Information requests open during the phase; ignored when the regime's clock does not stop. */
  pauses: readonly ClockPause[];
  /** Whether the one extension the regime allows has been granted. */
  extended: boolean;
  /** "Now", needed only while a pause is open. */
  asOf?: Date;
}

/**
 * Computes a phase's due date from its regime (see `computeDue` for the counting rules).
 * @throws Error when the regime has no clock for the phase, the calendar is not the regime's, or an
 *   extension is claimed that the regime does not allow.
 */
export function computePhaseDue(input: PhaseDueInput): DueResult {
  const { regime, calendar, phase } = input;
  const rule = regime.clocks[phase];
  if (!rule) throw new Error(`Regime ${regime.code} v${regime.version} has no ${phase} clock`);
  if (calendar.code !== regime.calendarCode) {
    throw new Error(`Regime ${regime.code} counts on calendar ${regime.calendarCode}, not ${calendar.code}`);
  }
  if (input.extended && !rule.extension) throw new Error(`Regime ${regime.code} allows no ${phase} extension`);
  return computeDue({
    calendar,
    unit: rule.unit,
    length: rule.length,
    startedAt: input.startedAt,
    // CFIUS-style regimes: the clock does not stop, whatever requests are open.
    pauses: regime.informationRequestPausesPhaseClock ? input.pauses : [],
    extensionDays: input.extended && rule.extension ? rule.extension.length : 0,
    rollToWorkingDay: regime.rollToWorkingDay,
    ...(input.asOf ? { asOf: input.asOf } : {}),
  });
}
