/** Starts a statutory clock on a case phase or a work item, inside the caller's transaction. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases } from '../../../db/schema/cases.ts';
import { clocks, regimes } from '../../../db/schema/clocks.ts';
import { clockOwnerKinds, clockPhases, dayUnits } from '../../../vocabulary/terms.ts';
import type { RegimeDefinition } from '../../../workflows/regimes/regime-definition.ts';
import type { Tx } from '../../database/database.ts';
import { loadCalendarDefinition } from '../calendars/read-calendar.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { computeDue } from './due.ts';
import { nextReminderAt } from './reminders.ts';
import { type ClockOutcome, outcomeOf } from './save-clock.ts';

export const ZStartClockInput = z
  .object({
    caseId: z.uuid(),
    /** `CASE` for a phase clock (then `ownerId` is the case id), else the kind of work item. */
    ownerKind: z.enum(clockOwnerKinds),
    ownerId: z.uuid(),
    phase: z.enum(clockPhases),
    /** The case's regime; taken from the case when omitted. A case keeps the regime it started with. */
    regimeId: z.uuid().optional(),
    /** The triggering event: its local date is day 0. */
    startedAt: z.date(),
    /** An explicit length instead of the regime's (e.g. a condition's or an invitation's own deadline). */
    length: z.number().int().min(1).max(3660).optional(),
    unit: z.enum(dayUnits).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.ownerKind === 'CASE' && input.ownerId !== input.caseId) {
      ctx.addIssue({ code: 'custom', path: ['ownerId'], message: 'a CASE clock is owned by the case itself' });
    }
    if ((input.length === undefined) !== (input.unit === undefined)) {
      const path = input.length === undefined ? 'length' : 'unit';
      ctx.addIssue({ code: 'custom', path: [path], message: 'length and unit are given together or not at all' });
    }
  });
export type TStartClockInput = z.input<typeof ZStartClockInput>;

/**
 * Starts a clock: length and unit from the regime's rule for `phase` unless given explicitly; the
 * roll-over rule from the regime. Starting a `CASE` clock makes it the case's current clock and sets
 * `cases.nextDueAt`.
 * @throws ValidationError for bad input, a regime that is not the case's, or a phase the regime runs
 *   no clock for when no explicit length is given.
 * @throws NotFoundError when the case or the regime does not exist.
 * @throws ConflictError when the case still has a running phase clock (stop it first).
 */
export async function startClock(tx: Tx, input: TStartClockInput): Promise<ClockOutcome> {
  const data = parseInput(ZStartClockInput, input);
  const caseQuery = tx.select().from(cases).where(eq(cases.id, data.caseId));
  const [caseRow] = data.ownerKind === 'CASE' ? await caseQuery.for('update') : await caseQuery;
  if (!caseRow) throw new NotFoundError('Case');
  const regimeId = data.regimeId ?? caseRow.regimeId;
  if (regimeId !== caseRow.regimeId) {
    throw ValidationError.single('regimeId', 'must be the regime the case started with');
  }
  const [regimeRow] = await tx.select().from(regimes).where(eq(regimes.id, regimeId));
  if (!regimeRow) throw new NotFoundError('Regime');
  const regime = regimeRow.definition as RegimeDefinition;

  const rule = regime.clocks[data.phase];
  const length = data.length ?? rule?.length;
  const unit = data.unit ?? rule?.unit;
  if (length === undefined || unit === undefined) {
    throw ValidationError.single(
      'phase',
      `regime ${regime.code} v${regime.version} runs no ${data.phase} clock: give its length and unit`,
    );
  }

  if (data.ownerKind === 'CASE' && caseRow.currentClockId) {
    const [current] = await tx.select().from(clocks).where(eq(clocks.id, caseRow.currentClockId));
    if (current && !current.stoppedAt) {
      throw new ConflictError(`the case's ${current.phase} clock is still running: stop it before starting another`);
    }
  }

  const calendar = await loadCalendarDefinition(tx, regimeRow.calendarId);
  const due = computeDue({
    calendar,
    unit,
    length,
    startedAt: data.startedAt,
    pauses: [],
    extensionDays: 0,
    rollToWorkingDay: regime.rollToWorkingDay,
  });
  const [row] = await tx
    .insert(clocks)
    .values({
      caseId: data.caseId,
      ownerKind: data.ownerKind,
      ownerId: data.ownerId,
      phase: data.phase,
      regimeId,
      unit,
      length,
      startedAt: data.startedAt,
      dueAt: due.dueAt,
      provisional: due.provisional,
      nextWakeAt: nextReminderAt({
        startedAt: data.startedAt,
        dueAt: due.dueAt,
        remindersSent: [],
        at: data.startedAt,
      }),
      createdAt: data.startedAt,
      updatedAt: data.startedAt,
    })
    .returning();
  if (data.ownerKind === 'CASE') {
    await tx.update(cases).set({ currentClockId: row!.id, nextDueAt: row!.dueAt }).where(eq(cases.id, data.caseId));
  }
  return outcomeOf(row!, false);
}
