/**
 * What a clock running out means (design §5): reminders go to whoever has to act before it does; at
 * the due instant the owner's timer event is sent where its workflow has one in its current state
 * (appeal window over, resubmission window over, a consultation's deadline passed), else a breach is
 * recorded (the case flagged overdue, the lead reviewer notified, an audit entry); an overdue
 * consultation then gets its regime's silence rule. The job runtime (src/jobs/clock-wake.ts) decides
 * when to look at a clock; this file decides what is due.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { cases } from '../../../db/schema/cases.ts';
import { consultations } from '../../../db/schema/work-items.ts';
import { systemActor } from '../../../vocabulary/actor.ts';
import type { ClockOwnerKind, ClockPhase } from '../../../vocabulary/terms.ts';
import type { Audience, WorkflowDefinition } from '../../../workflows/definition.ts';
import type { RegimeDefinition } from '../../../workflows/regimes/regime-definition.ts';
import { currentWorkflows, workflowDefinition } from '../../../workflows/registry.ts';
import type { Tx } from '../../database/database.ts';
import { appendAuditEntries, appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { applyCaseEvent } from '../engine/apply-case-event.ts';
import { applyWorkItemEvent, type WorkItemKind, workItemSpecs } from '../engine/work-items.ts';
import { InvalidTransitionError } from '../errors.ts';
import { enqueue, type Job } from '../jobs/enqueue.ts';
import type { ClockRow } from './save-clock.ts';

export const clockActor = systemActor('clock');

/** Who is reminded of a clock running out: whoever has to act before it does. */
export function reminderAudience(ownerKind: ClockOwnerKind, phase: ClockPhase): Audience {
  if (ownerKind === 'CONSULTATION') return 'DEPARTMENT';
  if (ownerKind === 'ASSESSMENT') return 'INSTITUTE';
  if (ownerKind === 'APPEAL' || phase === 'APPEAL_DECISION') return 'APPEALS_PANEL';
  if (ownerKind === 'CASE' && (phase === 'RESUBMISSION' || phase === 'APPEAL_WINDOW')) return 'FILER';
  return 'CASE_OFFICER';
}

export function workItemKindOf(ownerKind: ClockOwnerKind): WorkItemKind | null {
  for (const [kind, spec] of Object.entries(workItemSpecs))
    if (spec.ownerKind === ownerKind) return kind as WorkItemKind;
  return null;
}

/** The system's deadline events the definition accepts in `state` (e.g. APPEAL_WINDOW_EXPIRED). */
export function timerEvents(definition: WorkflowDefinition, state: string): string[] {
  const events = definition.transitions
    .filter((t) => t.from.includes(state) && t.by.includes('SYSTEM') && t.guards.includes('deadlinePassed'))
    .map((t) => t.event);
  return [...new Set(events)];
}

/** A deadline notice about `clock` for `audience`, as a job. */
export function clockNotice(
  clock: ClockRow,
  audience: Audience,
  template: string,
  extra: { percent?: number; rule?: string },
): Job {
  const itemKind = workItemKindOf(clock.ownerKind);
  return {
    kind: 'notify',
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
  };
}

/** A breach to record: the clock, and the case or work item it is about. */
export interface Breach {
  readonly clock: ClockRow;
  readonly entityKind: string;
  readonly entityId: string;
}

/**
 * The due instant: the owner's timer event where its workflow has one in its current state, else a
 * breach. @returns the event sent, if any.
 */
export async function onClockDue(tx: Tx, clock: ClockRow, regime: RegimeDefinition, now: Date): Promise<string | null> {
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
  await recordBreaches(tx, [{ clock, entityKind, entityId }], now);
}

/** Each breach: the lead reviewer notified, an entry on its case's audit chain. */
export async function recordBreaches(tx: Tx, breaches: readonly Breach[], now: Date): Promise<void> {
  if (breaches.length === 0) return;
  await enqueue(
    tx,
    breaches.map(({ clock }) => clockNotice(clock, 'LEAD_REVIEWER', 'clock.breached', {})),
    now,
  );
  await appendAuditEntries(
    tx,
    clockActor,
    breaches.map(({ clock, entityKind, entityId }) => ({
      chain: caseChain(clock.caseId),
      caseId: clock.caseId,
      action: 'clock.breached',
      entityKind,
      entityId,
      after: { clockId: clock.id, phase: clock.phase, dueAt: clock.dueAt.toISOString() },
      occurredAt: now,
    })),
  );
}

/**
 * What silence on an overdue consultation means under the case's regime: CN_CSR escalates to the
 * lead reviewer; US_CFIUS deems the department to concur (the opinion is recorded as deemed, and a
 * late answer still replaces it).
 */
async function applySilenceRule(tx: Tx, clock: ClockRow, regime: RegimeDefinition, now: Date): Promise<void> {
  if (regime.consultationSilence === 'ESCALATE_TO_LEAD_REVIEWER') {
    await enqueue(
      tx,
      [clockNotice(clock, 'LEAD_REVIEWER', 'consultation.escalated', { rule: regime.consultationSilence })],
      now,
    );
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
  await enqueue(
    tx,
    [clockNotice(clock, 'CASE_OFFICER', 'consultation.deemed-concurrence', { rule: regime.consultationSilence })],
    now,
  );
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
