/** Extends a clock once, with a reason, where the regime allows it for the phase. */
import { z } from 'zod';
import type { Tx } from '../../database/database.ts';
import { ConflictError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import {
  assertChronological,
  assertRunning,
  type ClockOutcome,
  computeClockDue,
  lockClock,
  saveClock,
} from './save-clock.ts';

export const ZExtendClockInput = z.object({
  clockId: z.uuid(),
  at: z.date(),
  reason: z.string().trim().min(1).max(2000),
});
export type TExtendClockInput = z.input<typeof ZExtendClockInput>;

/**
 * Adds the regime's extension for the clock's phase (e.g. +15 working days on a CN_CSR review) and
 * returns the new due instant.
 * @throws ConflictError when the clock is stopped, already extended (once only), already past its
 *   due instant, or the regime allows no extension of this phase.
 * @throws ValidationError for bad input or an `at` before the clock's last event.
 */
export async function extendClock(tx: Tx, input: TExtendClockInput): Promise<ClockOutcome> {
  const data = parseInput(ZExtendClockInput, input);
  const context = await lockClock(tx, data.clockId);
  const { clock, regime } = context;
  assertRunning(clock);
  if (clock.extendedAt) {
    throw new ConflictError(
      `the clock was already extended on ${clock.extendedAt.toISOString()}: an extension is allowed once`,
    );
  }
  const extension = regime.clocks[clock.phase]?.extension;
  if (!extension || regime.clocks[clock.phase]?.unit !== clock.unit) {
    throw new ConflictError(`regime ${regime.code} v${regime.version} allows no extension of the ${clock.phase} clock`);
  }
  assertChronological(context, data.at);
  const current = computeClockDue(context, data.at);
  if (data.at > current.dueAt) {
    throw new ConflictError(`the clock expired at ${current.dueAt.toISOString()}: it can no longer be extended`);
  }
  return saveClock(tx, context, data.at, {
    extendedDays: extension.length,
    extendedAt: data.at,
    extensionReason: data.reason,
  });
}
