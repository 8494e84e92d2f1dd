/**
 * Clock wake-ups (design §5). A wake-up only says "look at this clock now": the handler re-reads the
 * clock row, which is the truth, and does what is due as of `now` — a reminder at 50 % and 80 % of
 * the time, and at the due instant the system's timer event (appeal window over, resubmission
 * window over, a consultation's deadline passed) or, where no event applies, a breach: the case
 * flagged overdue, the lead reviewer notified, an audit entry. An overdue consultation then gets its
 * regime's silence rule. `remindersSent` records every point handled, so nothing is sent twice
 * however often the clock is woken. Clocks due at the same instant (thousands at the end of a
 * working day) are woken together, in chunks of one transaction each with set-based writes.
 */
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import { cases } from '../../db/schema/cases.ts';
import { clocks, regimes } from '../../db/schema/clocks.ts';
import type { RegimeDefinition } from '../../workflows/regimes/regime-definition.ts';
import { currentWorkflows, workflowDefinition } from '../../workflows/registry.ts';
import type { Tx } from '../database/database.ts';
import {
  type Breach,
  clockNotice,
  onClockDue,
  recordBreaches,
  reminderAudience,
  timerEvents,
  workItemKindOf,
} from '../domain/clock/clock-due.ts';
import { nextReminderAt, reminderInstant, reminderPercents } from '../domain/clock/reminders.ts';
import type { ClockRow } from '../domain/clock/save-clock.ts';
import { workItemSpecs } from '../domain/engine/work-items.ts';
import { enqueue } from '../domain/jobs/enqueue.ts';
import type { JobContext } from '../domain/jobs/job-handler.ts';

/** What a wake-up did, and when the clock wants to be woken next (null: never again). */
export interface ClockWakeOutcome {
  readonly clockId: string;
  readonly reminded: number | null;
  readonly due: boolean;
  /** The timer event sent through the workflow engine at the due instant, if any. */
  readonly event: string | null;
  readonly nextWakeAt: Date | null;
}

const idle = (clockId: string, nextWakeAt: Date | null): ClockWakeOutcome => ({
  clockId,
  reminded: null,
  due: false,
  event: null,
  nextWakeAt,
});

/** Clocks handled in one transaction when many are woken at once. */
export const clockChunkSize = 200;

/**
 * Wakes clock `clockId` as of `context.now()`, in one transaction. A stopped or paused clock, or one
 * woken early, is left alone and its current wake-up instant returned.
 */
export async function handleClockWake(context: JobContext, clockId: string): Promise<ClockWakeOutcome> {
  return (await handleClockWakes(context, [clockId]))[0]!;
}

/** A clock whose wake-up instant has passed, and what this wake-up writes to it. */
interface Woken {
  readonly clock: ClockRow;
  readonly updated: ClockRow;
  readonly reminded: number | null;
  readonly due: boolean;
}

/**
 * Wakes clocks `clockIds` as of `context.now()` in one transaction, each exactly as if woken alone
 * (@see handleClockWake), with the reminders and breaches of all of them written in a few set-based
 * statements (one UPDATE of the clocks, one INSERT of the notices, the audit entries appended per
 * case chain together). A case with a due clock whose owner's workflow has a timer event in its
 * current state has its clocks woken one by one through the workflow engine instead: an event may
 * stop or move the case's other clocks. Cases are independent of each other.
 * @returns the outcomes, in `clockIds` order.
 */
export async function handleClockWakes(context: JobContext, clockIds: readonly string[]): Promise<ClockWakeOutcome[]> {
  const ids = [...new Set(clockIds)];
  if (ids.length === 0) return [];
  const now = context.now();
  return context.db.transaction(async (tx) => {
    // The cases first, then the clocks: the order the workflow engine locks them in; each in id
    // order, so two batches cannot deadlock.
    await tx
      .select({ id: cases.id })
      .from(cases)
      .where(inArray(cases.id, tx.select({ id: clocks.caseId }).from(clocks).where(inArray(clocks.id, ids))))
      .orderBy(asc(cases.id))
      .for('update');
    const locked = await tx.select().from(clocks).where(inArray(clocks.id, ids)).orderBy(asc(clocks.id)).for('update');
    const byId = new Map(locked.map((clock) => [clock.id, clock]));
    const outcomes = new Map<string, ClockWakeOutcome>();
    const passed: ClockRow[] = [];
    for (const id of ids) {
      const clock = byId.get(id);
      if (!clock || clock.stoppedAt || clock.nextWakeAt === null) outcomes.set(id, idle(id, null));
      // A point is reached once its instant has passed (a deadline "passes" after its last millisecond).
      else if (clock.nextWakeAt >= now) outcomes.set(id, idle(id, clock.nextWakeAt));
      else passed.push(clock);
    }
    const eventful = await casesWithTimerEvents(
      tx,
      passed.filter((clock) => wake(clock, now).due),
    );
    for (const clock of [...passed].sort((a, b) => a.id.localeCompare(b.id))) {
      if (eventful.has(clock.caseId)) outcomes.set(clock.id, await wakeOne(tx, clock.id, now));
    }
    const woken = passed.filter((clock) => !eventful.has(clock.caseId)).map((clock) => wake(clock, now));
    for (const outcome of await wakeTogether(tx, woken, now)) outcomes.set(outcome.clockId, outcome);
    return ids.map((id) => outcomes.get(id)!);
  });
}

/** What waking `clock` at `now` writes: every point passed is recorded as handled. */
function wake(clock: ClockRow, now: Date): Woken {
  const points = reminderPercents.filter(
    (p) => !clock.remindersSent.includes(p) && reminderInstant(clock.startedAt, clock.dueAt, p) < now,
  );
  const due = points.includes(100);
  // Only the latest reminder point passed is sent: an earlier one is stale, and the due instant supersedes both.
  const reminded = due ? null : (points.at(-1) ?? null);
  const remindersSent = [...clock.remindersSent, ...points].sort((a, b) => a - b);
  const updated: ClockRow = {
    ...clock,
    remindersSent,
    breachedAt: due ? now : clock.breachedAt,
    nextWakeAt: nextReminderAt({ startedAt: clock.startedAt, dueAt: clock.dueAt, remindersSent, at: now }),
    updatedAt: now,
    version: clock.version + 1,
  };
  return { clock, updated, reminded, due };
}

/** Wakes one clock, already locked with its case, through the workflow engine at its due instant. */
async function wakeOne(tx: Tx, clockId: string, now: Date): Promise<ClockWakeOutcome> {
  // Read again: an event sent for another clock of the case may have stopped or moved this one.
  const [clock] = await tx.select().from(clocks).where(eq(clocks.id, clockId));
  if (!clock || clock.stoppedAt || clock.nextWakeAt === null) return idle(clockId, null);
  if (clock.nextWakeAt >= now) return idle(clockId, clock.nextWakeAt);
  const { updated: next, reminded, due } = wake(clock, now);
  const [updated] = await tx
    .update(clocks)
    .set({
      remindersSent: next.remindersSent,
      ...(due ? { breachedAt: now } : {}),
      nextWakeAt: next.nextWakeAt,
      updatedAt: now,
      version: next.version,
    })
    .where(and(eq(clocks.id, clock.id), eq(clocks.version, clock.version)))
    .returning();
  if (reminded !== null) {
    await enqueue(
      tx,
      [clockNotice(updated!, reminderAudience(clock.ownerKind, clock.phase), 'clock.reminder', { percent: reminded })],
      now,
    );
  }
  if (!due) return { clockId, reminded, due, event: null, nextWakeAt: updated!.nextWakeAt };
  const [regimeRow] = await tx
    .select({ definition: regimes.definition })
    .from(regimes)
    .where(eq(regimes.id, clock.regimeId));
  const event = await onClockDue(tx, updated!, regimeRow!.definition as RegimeDefinition, now);
  // The event may have stopped the clock (a window that ended): read what it wrote.
  const final = event ? (await tx.select().from(clocks).where(eq(clocks.id, clockId)))[0]! : updated!;
  return { clockId, reminded, due, event, nextWakeAt: final.stoppedAt ? null : final.nextWakeAt };
}

/** The cases of `due` clocks whose owner's workflow accepts a timer event in its current state. */
async function casesWithTimerEvents(tx: Tx, due: readonly ClockRow[]): Promise<Set<string>> {
  if (due.length === 0) return new Set();
  const caseClocks = due.filter((clock) => clock.ownerKind === 'CASE');
  const caseRows = new Map(
    (caseClocks.length === 0
      ? []
      : await tx
          .select({
            id: cases.id,
            state: cases.state,
            workflowVersion: cases.workflowVersion,
            currentClockId: cases.currentClockId,
          })
          .from(cases)
          .where(inArray(cases.id, [...new Set(caseClocks.map((clock) => clock.caseId))]))
    ).map((row) => [row.id, row]),
  );
  const itemStates = new Map<string, string>();
  for (const kind of new Set(due.map((clock) => workItemKindOf(clock.ownerKind)))) {
    if (!kind) continue;
    const table = workItemSpecs[kind].table;
    const owners = due.filter((clock) => workItemKindOf(clock.ownerKind) === kind).map((clock) => clock.ownerId);
    const rows = (await tx
      .select({ id: table.id, state: table.state })
      .from(table)
      .where(inArray(table.id, owners))) as { id: string; state: string }[];
    for (const row of rows) itemStates.set(row.id, row.state);
  }
  const hasTimerEvent = (clock: ClockRow): boolean => {
    if (clock.ownerKind === 'CASE') {
      const caseRow = caseRows.get(clock.caseId);
      const definition = caseRow && workflowDefinition('case', caseRow.workflowVersion);
      return !!definition && caseRow!.currentClockId === clock.id && timerEvents(definition, caseRow!.state).length > 0;
    }
    const kind = workItemKindOf(clock.ownerKind);
    const state = itemStates.get(clock.ownerId);
    return !!kind && state !== undefined && timerEvents(currentWorkflows[kind], state).length > 0;
  };
  return new Set(due.filter(hasTimerEvent).map((clock) => clock.caseId));
}

/**
 * Wakes clocks none of whose due instants has a timer event: reminders and plain breaches (case
 * overdue, lead reviewer notified, audit entry), each kind of write in one statement.
 */
async function wakeTogether(tx: Tx, woken: readonly Woken[], now: Date): Promise<ClockWakeOutcome[]> {
  if (woken.length === 0) return [];
  const at = now.toISOString();
  await tx.execute(sql`
    update clocks as c
    set reminders_sent = v.sent::smallint[],
        breached_at = case when v.due::boolean then ${at}::timestamptz else c.breached_at end,
        next_wake_at = v.next::timestamptz,
        updated_at = ${at}::timestamptz,
        version = c.version + 1
    from (values ${sql.join(
      woken.map(
        ({ updated, due }) =>
          sql`(${updated.id}::uuid, ${`{${updated.remindersSent.join(',')}}`}::text, ${due ? 'true' : 'false'}::text, ${updated.nextWakeAt?.toISOString() ?? null}::text)`,
      ),
      sql`, `,
    )}) as v(id, sent, due, next)
    where c.id = v.id`);
  const reminders = woken.flatMap(({ clock, updated, reminded }) =>
    reminded === null
      ? []
      : [
          clockNotice(updated, reminderAudience(clock.ownerKind, clock.phase), 'clock.reminder', {
            percent: reminded,
          }),
        ],
  );
  await enqueue(tx, reminders, now);
  const breaches: Breach[] = [];
  const overdueCases = new Set<string>();
  for (const { updated: clock, due } of woken) {
    if (!due) continue;
    if (clock.ownerKind === 'CASE') {
      overdueCases.add(clock.caseId);
      breaches.push({ clock, entityKind: 'Case', entityId: clock.caseId });
      continue;
    }
    // An owner without a workflow has nothing to breach.
    const kind = workItemKindOf(clock.ownerKind);
    if (kind) breaches.push({ clock, entityKind: workItemSpecs[kind].entity, entityId: clock.ownerId });
  }
  if (overdueCases.size > 0)
    await tx
      .update(cases)
      .set({ overdue: true })
      .where(inArray(cases.id, [...overdueCases]));
  await recordBreaches(tx, breaches, now);
  return woken.map(({ updated, reminded, due }) => ({
    clockId: updated.id,
    reminded,
    due,
    event: null,
    nextWakeAt: updated.nextWakeAt,
  }));
}

/** Running clocks whose wake-up instant is before `until`, earliest first. */
export async function clocksToWake(
  context: Pick<JobContext, 'db'>,
  until: Date,
  limit: number,
): Promise<{ id: string; caseId: string }[]> {
  return context.db
    .select({ id: clocks.id, caseId: clocks.caseId })
    .from(clocks)
    .where(and(isNull(clocks.stoppedAt), isNotNull(clocks.nextWakeAt), lt(clocks.nextWakeAt, until)))
    .orderBy(asc(clocks.nextWakeAt), asc(clocks.id))
    .limit(limit);
}

/**
 * The distinct wake-up instants of running clocks before `until`, earliest first, after `after`
 * (keyset paging): one wake-up job each, however many clocks share it. Instants are rounded up to
 * the millisecond, a JavaScript Date's precision: a `next_wake_at` with microseconds (written by SQL
 * rather than by the clock code) would otherwise page forever and be missed by its own job's `<=`.
 */
export async function wakeInstants(
  context: Pick<JobContext, 'db'>,
  until: Date,
  limit: number,
  after?: Date,
): Promise<Date[]> {
  const instant = sql<Date>`date_trunc('milliseconds', ${clocks.nextWakeAt} + interval '999 microseconds')`.mapWith(
    clocks.nextWakeAt,
  );
  const rows = await context.db
    .selectDistinct({ at: instant })
    .from(clocks)
    .where(
      and(
        isNull(clocks.stoppedAt),
        isNotNull(clocks.nextWakeAt),
        lt(clocks.nextWakeAt, until),
        after ? sql`${instant} > ${after}` : undefined,
      ),
    )
    .orderBy(asc(instant))
    .limit(limit);
  return rows.map((row) => row.at);
}

export interface WakeClocksOptions {
  /** Chunks (transactions) run at the same time (default 1). */
  readonly parallel?: number;
  /** Called when the clocks to wake are known. */
  readonly onClaimed?: (clocks: number) => void;
  /** Called when a chunk has committed, with the clocks it woke. */
  readonly onHandled?: (clocks: number) => void;
}

/**
 * Wakes `due` clocks in chunks of about `clockChunkSize`, a case's clocks always in the same chunk
 * (chunks then share no row and run side by side without waiting on each other). A chunk that fails
 * is retried clock by clock, so one failing clock does not hold back the others; failures are logged.
 * @returns the outcomes in `due` order, and how many clocks failed.
 */
export async function wakeClocks(
  context: JobContext,
  due: readonly { id: string; caseId: string }[],
  options: WakeClocksOptions = {},
): Promise<{ outcomes: ClockWakeOutcome[]; failed: number }> {
  options.onClaimed?.(due.length);
  const byCase = new Map<string, string[]>();
  for (const { id, caseId } of due) byCase.set(caseId, [...(byCase.get(caseId) ?? []), id]);
  const chunks: string[][] = [[]];
  for (const ids of byCase.values()) {
    if (chunks.at(-1)!.length >= clockChunkSize) chunks.push([]);
    chunks.at(-1)!.push(...ids);
  }
  const outcomes = new Map<string, ClockWakeOutcome>();
  let failed = 0;
  const run = async (ids: string[]) => {
    try {
      for (const outcome of await handleClockWakes(context, ids)) outcomes.set(outcome.clockId, outcome);
      options.onHandled?.(ids.length);
      return;
    } catch (error) {
      context.logger.warn({ err: (error as Error).message, clocks: ids.length }, 'clock chunk failed; one by one');
    }
    for (const id of ids) {
      try {
        outcomes.set(id, await handleClockWake(context, id));
        options.onHandled?.(1);
      } catch (error) {
        failed += 1;
        context.logger.error({ err: (error as Error).message, clockId: id }, 'clock wake-up failed');
      }
    }
  };
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, options.parallel ?? 1) }, async () => {
    while (next < chunks.length) await run(chunks[next++]!);
  });
  await Promise.all(lanes);
  return { outcomes: due.flatMap(({ id }) => outcomes.get(id) ?? []), failed };
}

/**
 * The worker's wake-up job for instant `wakeAt`: every running clock due to be woken at or before it
 * (one whose earlier wake-up was lost too). @see wakeClocks
 */
export async function wakeClocksAt(
  context: JobContext,
  wakeAt: Date,
  options: WakeClocksOptions = {},
): Promise<{ outcomes: ClockWakeOutcome[]; failed: number }> {
  const due = await context.db
    .select({ id: clocks.id, caseId: clocks.caseId })
    .from(clocks)
    .where(and(isNull(clocks.stoppedAt), isNotNull(clocks.nextWakeAt), lte(clocks.nextWakeAt, wakeAt)))
    .orderBy(asc(clocks.caseId), asc(clocks.id));
  return wakeClocks(context, due, options);
}

/**
 * The embedded runner's clock scan (and the tests' way to drive time): wakes every running clock
 * whose wake-up instant has come. A clock that fails is logged and left for the next scan.
 * @returns the outcomes, in wake-up order.
 */
export async function wakeDueClocks(context: JobContext, limit = 500): Promise<ClockWakeOutcome[]> {
  return (await wakeClocks(context, await clocksToWake(context, context.now(), limit))).outcomes;
}
