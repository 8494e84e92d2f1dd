/**
 * Clock wake-ups (design §5). A wake-up only says "look at this clock now": the handler re-reads the
 * clock row, which is the truth, and does what is due as of `now` — a reminder at 50 % and 80 % of
 * the time, and at the due instant the system's timer event (appeal window over, resubmission
 * window over, a consultation's deadline passed) or, where no event applies, a breach: the case
 * flagged overdue, the lead reviewer notified, an audit entry. An overdue consultation then gets its
 * regime's silence rule. `remindersSent` records every point handled, so nothing is sent twice
 * however often the clock is woken.
 */
import { and, asc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { cases } from '../../db/schema/cases.ts';
import { clocks, regimes } from '../../db/schema/clocks.ts';
import { outbox } from '../../db/schema/messaging.ts';
import { consultations } from '../../db/schema/work-items.ts';
import type { Audience, WorkflowDefinition } from '../../workflows/definition.ts';
import type { RegimeDefinition } from '../../workflows/regimes/regime-definition.ts';
import { currentWorkflows, workflowDefinition } from '../../workflows/registry.ts';
import type { Tx } from '../db/database.ts';
import { systemActor } from '../domain/actor.ts';
import { appendAuditEntry, caseChain } from '../domain/audit/append-audit-entry.ts';
import { nextReminderAt, reminderInstant, reminderPercents } from '../domain/clock/reminders.ts';
import type { ClockRow } from '../domain/clock/save-clock.ts';
import { InvalidTransitionError } from '../domain/errors.ts';
import type { ClockOwnerKind, ClockPhase } from '../domain/vocabulary.ts';
import { applyCaseEvent } from '../domain/workflow/apply-case-event.ts';
import { applyWorkItemEvent, type WorkItemKind, workItemSpecs } from '../domain/workflow/work-items.ts';
import type { JobContext } from './job-handler.ts';

const clockActor = systemActor('clock');

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

/** Who is reminded of a clock running out: whoever has to act before it does. */
function reminderAudience(ownerKind: ClockOwnerKind, phase: ClockPhase): Audience {
  if (ownerKind === 'CONSULTATION') return 'DEPARTMENT';
  if (ownerKind === 'ASSESSMENT') return 'INSTITUTE';
  if (ownerKind === 'APPEAL' || phase === 'APPEAL_DECISION') return 'APPEALS_PANEL';
  if (ownerKind === 'CASE' && (phase === 'RESUBMISSION' || phase === 'APPEAL_WINDOW')) return 'FILER';
  return 'CASE_OFFICER';
}

function workItemKindOf(ownerKind: ClockOwnerKind): WorkItemKind | null {
  for (const [kind, spec] of Object.entries(workItemSpecs))
    if (spec.ownerKind === ownerKind) return kind as WorkItemKind;
  return null;
}

/** The system's deadline events the definition accepts in `state` (e.g. APPEAL_WINDOW_EXPIRED). */
function timerEvents(definition: WorkflowDefinition, state: string): string[] {
  const events = definition.transitions
    .filter((t) => t.from.includes(state) && t.by.includes('SYSTEM') && t.guards.includes('deadlinePassed'))
    .map((t) => t.event);
  return [...new Set(events)];
}

async function notice(
  tx: Tx,
  clock: ClockRow,
  audience: Audience,
  template: string,
  extra: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const itemKind = workItemKindOf(clock.ownerKind);
  await tx.insert(outbox).values({
    topic: 'notify',
    caseId: clock.caseId,
    payload: {
      caseId: clock.caseId,
      audience,
      template,
      event: 'CLOCK',
      clockId: clock.id,
      phase: clock.phase,
      dueAt: clock.dueAt.toISOString(),
      ...(itemKind ? { itemKind, itemId: clock.ownerId } : {}),
      ...extra,
    },
    createdAt: now,
    availableAt: now,
  });
}

/**
 * Wakes clock `clockId` as of `context.now()`, in one transaction (case row, then clock row locked,
 * the order the workflow engine locks them in). A stopped or paused clock, or one woken early, is
 * left alone and its current wake-up instant returned.
 */
export async function handleClockWake(context: JobContext, clockId: string): Promise<ClockWakeOutcome> {
  const now = context.now();
  return context.db.transaction(async (tx) => {
    // The case first, then the clock: the order the workflow engine locks them in.
    const [owner] = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.id, sql`(select ${clocks.caseId} from ${clocks} where ${clocks.id} = ${clockId})`))
      .for('update');
    if (!owner) return idle(clockId, null);
    const [clock] = await tx.select().from(clocks).where(eq(clocks.id, clockId)).for('update');
    if (!clock || clock.stoppedAt || clock.nextWakeAt === null) return idle(clockId, null);
    // A point is reached once its instant has passed (a deadline "passes" after its last millisecond).
    if (clock.nextWakeAt >= now) return idle(clockId, clock.nextWakeAt);

    const points = reminderPercents.filter(
      (p) => !clock.remindersSent.includes(p) && reminderInstant(clock.startedAt, clock.dueAt, p) < now,
    );
    const due = points.includes(100);
    // Only the latest reminder point passed is sent: an earlier one is stale, and the due instant supersedes both.
    const reminded = due ? null : (points.at(-1) ?? null);
    const remindersSent = [...clock.remindersSent, ...points].sort((a, b) => a - b);
    const [updated] = await tx
      .update(clocks)
      .set({
        remindersSent,
        ...(due ? { breachedAt: now } : {}),
        nextWakeAt: nextReminderAt({ startedAt: clock.startedAt, dueAt: clock.dueAt, remindersSent, at: now }),
        updatedAt: now,
        version: clock.version + 1,
      })
      .where(and(eq(clocks.id, clock.id), eq(clocks.version, clock.version)))
      .returning();
    if (reminded !== null) {
      await notice(
        tx,
        updated!,
        reminderAudience(clock.ownerKind, clock.phase),
        'clock.reminder',
        { percent: reminded },
        now,
      );
    }
    if (!due) return { clockId, reminded, due, event: null, nextWakeAt: updated!.nextWakeAt };
    const [regimeRow] = await tx
      .select({ definition: regimes.definition })
      .from(regimes)
      .where(eq(regimes.id, clock.regimeId));
    const event = await onDue(tx, updated!, regimeRow!.definition as RegimeDefinition, now);
    // The event may have stopped the clock (a window that ended): read what it wrote.
    const final = event ? (await tx.select().from(clocks).where(eq(clocks.id, clockId)))[0]! : updated!;
    return { clockId, reminded, due, event, nextWakeAt: final.stoppedAt ? null : final.nextWakeAt };
  });
}

/**
 * The due instant: the owner's timer event where its workflow has one in its current state, else a
 * breach. @returns the event sent, if any.
 */
async function onDue(tx: Tx, clock: ClockRow, regime: RegimeDefinition, now: Date): Promise<string | null> {
  if (clock.ownerKind === 'CASE') {
    const [caseRow] = await tx.select().from(cases).where(eq(cases.id, clock.caseId));
    const definition = workflowDefinition('case', caseRow!.workflowVersion);
    if (caseRow!.currentClockId === clock.id && definition) {
      for (const event of timerEvents(definition, caseRow!.state)) {
        const sent = await tryEvent(tx, () =>
          applyCaseEvent(tx, clockActor, { caseId: caseRow!.id, event, expectedVersion: caseRow!.version }, now),
        );
        if (sent) return event;
      }
    }
    await tx.update(cases).set({ overdue: true }).where(eq(cases.id, clock.caseId));
    await recordBreach(tx, clock, 'Case', clock.caseId, now);
    return null;
  }

  const kind = workItemKindOf(clock.ownerKind);
  if (!kind) return null;
  const spec = workItemSpecs[kind];
  const [item] = (await tx.select().from(spec.table).where(eq(spec.table.id, clock.ownerId))) as {
    state: string;
  }[];
  if (item) {
    for (const event of timerEvents(currentWorkflows[kind], item.state)) {
      const sent = await tryEvent(tx, () =>
        applyWorkItemEvent(tx, clockActor, { kind, itemId: clock.ownerId, event }, now),
      );
      if (sent) {
        // The event's own notices tell the people concerned; a consultation then gets the silence rule.
        if (kind === 'consultation') await applySilenceRule(tx, clock, regime, now);
        return event;
      }
    }
  }
  await recordBreach(tx, clock, spec.entity, clock.ownerId, now);
  return null;
}

/** Sends an event; a guard that refuses it (e.g. the deadline moved) is not an error here. */
async function tryEvent(tx: Tx, send: () => Promise<unknown>): Promise<boolean> {
  try {
    await tx.transaction(async () => {
      await send();
    });
    return true;
  } catch (error) {
    if (error instanceof InvalidTransitionError) return false;
    throw error;
  }
}

async function recordBreach(tx: Tx, clock: ClockRow, entityKind: string, entityId: string, now: Date): Promise<void> {
  await notice(tx, clock, 'LEAD_REVIEWER', 'clock.breached', {}, now);
  await appendAuditEntry(tx, clockActor, {
    chain: caseChain(clock.caseId),
    caseId: clock.caseId,
    action: 'clock.breached',
    entityKind,
    entityId,
    after: { clockId: clock.id, phase: clock.phase, dueAt: clock.dueAt.toISOString() },
    occurredAt: now,
  });
}

/**
 * What silence on an overdue consultation means under the case's regime: CN_CSR escalates to the
 * lead reviewer; US_CFIUS deems the department to concur (the opinion is recorded as deemed, and a
 * late answer still replaces it).
 */
async function applySilenceRule(tx: Tx, clock: ClockRow, regime: RegimeDefinition, now: Date): Promise<void> {
  if (regime.consultationSilence === 'ESCALATE_TO_LEAD_REVIEWER') {
    await notice(tx, clock, 'LEAD_REVIEWER', 'consultation.escalated', { rule: regime.consultationSilence }, now);
    await appendAuditEntry(tx, clockActor, {
      chain: caseChain(clock.caseId),
      caseId: clock.caseId,
      action: 'consultation.escalated',
      entityKind: 'Consultation',
      entityId: clock.ownerId,
      after: { rule: regime.consultationSilence, regime: regime.code },
      occurredAt: now,
    });
    return;
  }
  const [row] = await tx
    .update(consultations)
    .set({
      opinion: 'CONCUR',
      rationale: `Deemed concurrence: no opinion within the deadline (${regime.code} silence rule).`,
      deemed: true,
      updatedAt: now,
      version: sql`${consultations.version} + 1`,
    })
    .where(and(eq(consultations.id, clock.ownerId), eq(consultations.state, 'OVERDUE'), isNull(consultations.opinion)))
    .returning({ id: consultations.id, version: consultations.version });
  if (!row) return;
  await notice(tx, clock, 'CASE_OFFICER', 'consultation.deemed-concurrence', { rule: regime.consultationSilence }, now);
  await appendAuditEntry(tx, clockActor, {
    chain: caseChain(clock.caseId),
    caseId: clock.caseId,
    action: 'consultation.deemed-concurrence',
    entityKind: 'Consultation',
    entityId: clock.ownerId,
    after: { opinion: 'CONCUR', deemed: true, version: row.version, rule: regime.consultationSilence },
    occurredAt: now,
  });
}

/** Running clocks whose wake-up instant is before `until`, earliest first. */
export async function clocksToWake(
  context: Pick<JobContext, 'db'>,
  until: Date,
  limit: number,
  after?: { wakeAt: Date; id: string },
): Promise<{ id: string; nextWakeAt: Date }[]> {
  const rows = await context.db
    .select({ id: clocks.id, nextWakeAt: clocks.nextWakeAt })
    .from(clocks)
    .where(
      and(
        isNull(clocks.stoppedAt),
        isNotNull(clocks.nextWakeAt),
        lt(clocks.nextWakeAt, until),
        // Keyset paging; a raw fragment does not map a Date, so the instant goes as ISO text.
        after
          ? sql`(${clocks.nextWakeAt}, ${clocks.id}) > (${after.wakeAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(clocks.nextWakeAt), asc(clocks.id))
    .limit(limit);
  return rows as { id: string; nextWakeAt: Date }[];
}

/**
 * The embedded runner's clock scan (and the tests' way to drive time): wakes every running clock
 * whose wake-up instant has come. A clock that fails is logged and left for the next scan.
 * @returns the outcomes, in wake-up order.
 */
export async function wakeDueClocks(context: JobContext, limit = 500): Promise<ClockWakeOutcome[]> {
  const due = await clocksToWake(context, context.now(), limit);
  const outcomes: ClockWakeOutcome[] = [];
  for (const { id } of due) {
    try {
      outcomes.push(await handleClockWake(context, id));
    } catch (error) {
      context.logger.error({ err: (error as Error).message, clockId: id }, 'clock wake-up failed');
    }
  }
  return outcomes;
}
