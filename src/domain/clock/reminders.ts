/**
 * When a running clock should next be woken (design §5: reminders go out before expiry, a breach is
 * recorded). Pure: the caller passes every instant.
 */

/** Reminder points, in percent of the span from start to due; 100 is the due instant (the breach check). */
export const reminderPercents = [50, 80, 100] as const;
export type ReminderPercent = (typeof reminderPercents)[number];

/** What the next wake-up of a clock is computed from. */
export interface NextReminderInput {
  startedAt: Date;
  dueAt: Date;
  /** Percents already handled (the clock row's `remindersSent`). */
  remindersSent: readonly number[];
  /** The instant of the change being written. */
  at: Date;
}

/** The instant at which `percent` of the span from `startedAt` to `dueAt` has elapsed (100 = `dueAt`). */
export function reminderInstant(startedAt: Date, dueAt: Date, percent: number): Date {
  if (percent >= 100) return dueAt;
  const span = dueAt.getTime() - startedAt.getTime();
  return new Date(startedAt.getTime() + Math.floor((span * percent) / 100));
}

/**
 * The next instant at which the wake-up job should look at the clock: the first reminder point after
 * `at` not yet in `remindersSent`. A reminder point already passed is skipped (a stale reminder is
 * noise), except the due instant itself: while the breach is not recorded (100 not in
 * `remindersSent`) a clock already past due wakes at its due instant, so the scan finds it at once.
 * Null when every point is handled.
 */
export function nextReminderAt(input: NextReminderInput): Date | null {
  const { startedAt, dueAt, remindersSent, at } = input;
  for (const percent of reminderPercents) {
    if (remindersSent.includes(percent)) continue;
    const instant = reminderInstant(startedAt, dueAt, percent);
    if (instant > at || percent === 100) return instant;
  }
  return null;
}
