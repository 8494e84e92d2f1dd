/** Pauses a clock while an information request is open (where the regime stops the clock). */
import { z } from 'zod';
import { clockPauses } from '../../../db/schema/clocks.ts';
import type { Tx } from '../../database/database.ts';
import { ConflictError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import {
  assertChronological,
  assertRunning,
  type ClockOutcome,
  lockClock,
  openPause,
  saveClock,
} from './save-clock.ts';

export const ZPauseClockInput = z.object({
  clockId: z.uuid(),
  /** When the request was opened: that local day still counts, the following ones do not. */
  at: z.date(),
  reason: z.string().trim().min(1).max(2000),
  /** The work item that causes the pause, e.g. the information request. */
  causeId: z.uuid().nullish(),
});
export type TPauseClockInput = z.input<typeof ZPauseClockInput>;

/**
 * Opens a pause on a running clock. Its due instant is computed as of `at` and is not final
 * (`final: false`) until the clock is resumed; a paused clock has no wake-up.
 * @throws ConflictError when the clock is stopped, already paused, or on a regime whose clock does not stop.
 * @throws ValidationError for bad input or an `at` before the clock's last event.
 */
export async function pauseClock(tx: Tx, input: TPauseClockInput): Promise<ClockOutcome> {
  const data = parseInput(ZPauseClockInput, input);
  const context = await lockClock(tx, data.clockId);
  assertRunning(context.clock);
  const { regime } = context;
  if (!regime.informationRequestPausesPhaseClock) {
    throw new ConflictError(`under regime ${regime.code} v${regime.version} the clock does not stop`);
  }
  const open = openPause(context);
  if (open) throw new ConflictError(`the clock is already paused since ${open.pausedAt.toISOString()}`);
  assertChronological(context, data.at);
  await tx.insert(clockPauses).values({
    clockId: data.clockId,
    pausedAt: data.at,
    causeId: data.causeId ?? null,
    reason: data.reason,
  });
  return saveClock(tx, context, data.at);
}
