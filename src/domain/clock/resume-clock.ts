/** Resumes a paused clock when the information request is answered. */
import { eq } from 'drizzle-orm';
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

export const ZResumeClockInput = z.object({
  clockId: z.uuid(),
  /** When the answer arrived: that local day is still paused (the party worked on it). */
  at: z.date(),
  /** When given, the open pause must have been caused by this work item. */
  causeId: z.uuid().nullish(),
});
export type TResumeClockInput = z.input<typeof ZResumeClockInput>;

/**
 * Closes the clock's open pause and returns the final due instant, moved by the working days paused
 * (a pause opened and closed on the same local day moves nothing).
 * @throws ConflictError when the clock is stopped, not paused, or paused by another cause.
 * @throws ValidationError for bad input or an `at` before the pause.
 */
export async function resumeClock(tx: Tx, input: TResumeClockInput): Promise<ClockOutcome> {
  const data = parseInput(ZResumeClockInput, input);
  const context = await lockClock(tx, data.clockId);
  assertRunning(context.clock);
  const open = openPause(context);
  if (!open) throw new ConflictError('the clock is not paused');
  if (data.causeId && open.causeId !== data.causeId) {
    throw new ConflictError('the clock was paused by another cause, which must resume it');
  }
  assertChronological(context, data.at);
  await tx.update(clockPauses).set({ resumedAt: data.at }).where(eq(clockPauses.id, open.id));
  return saveClock(tx, context, data.at);
}
