/** Stops a clock when its phase or work item ends. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { clockPauses } from '../../../db/schema/clocks.ts';
import type { Tx } from '../../database/database.ts';
import { parseInput } from '../validation.ts';
import {
  assertChronological,
  assertRunning,
  type ClockOutcome,
  lockClock,
  openPause,
  saveClock,
} from './save-clock.ts';

export const ZStopClockInput = z.object({
  clockId: z.uuid(),
  at: z.date(),
});
export type TStopClockInput = z.input<typeof ZStopClockInput>;

/**
 * Stops a running clock at `at`: an open pause is closed at the same instant, the due instant is
 * fixed, the wake-up cleared, and a case's current phase clock is cleared from the case
 * (`currentClockId` and `nextDueAt` become null).
 * @throws ConflictError when the clock is already stopped.
 * @throws ValidationError for bad input or an `at` before the clock's last event.
 */
export async function stopClock(tx: Tx, input: TStopClockInput): Promise<ClockOutcome> {
  const data = parseInput(ZStopClockInput, input);
  const context = await lockClock(tx, data.clockId);
  assertRunning(context.clock);
  assertChronological(context, data.at);
  const open = openPause(context);
  if (open) await tx.update(clockPauses).set({ resumedAt: data.at }).where(eq(clockPauses.id, open.id));
  return saveClock(tx, context, data.at, { stoppedAt: data.at });
}
