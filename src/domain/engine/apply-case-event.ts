/**
 * The workflow engine for cases: applies one event to a case in the caller's transaction — load
 * and lock the case, check the caller may see it, plan the transition from the definition the case
 * started on (sender, guards) once the expected version is the current one, write the new state, apply the clock
 * effects, record the notices in the outbox and append the audit entry. All or nothing: any
 * failure throws and the caller's transaction rolls back.
 */
import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { cases } from '../../../db/schema/cases.ts';
import { clockPauses, clocks } from '../../../db/schema/clocks.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { CaseState } from '../../../vocabulary/terms.ts';
import { workflowDefinition } from '../../../workflows/registry.ts';
import { planTransition, type TransitionPlan } from '../../../workflows/transition.ts';
import type { Tx } from '../../database/database.ts';
import { loadCaseFor } from '../access/authorize.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { assignReference } from '../cases/assign-reference.ts';
import { ForbiddenError, InvalidTransitionError, NotFoundError, StaleVersionError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { caseFactContext, loadCaseFacts } from './case-facts.ts';
import { applyClockEffects, recordNotices } from './effects.ts';

export const ZCaseEventRequest = z.object({
  caseId: z.uuid(),
  event: z.string().min(1).max(60),
  /** The version the caller read; another writer in between makes this a StaleVersion. */
  expectedVersion: z.number().int().positive(),
  /** The transition's own written reason (returns, closures, send-backs, extensions, rulings). */
  reason: z.string().trim().min(1).max(10_000).optional(),
});
export type TCaseEventRequest = z.input<typeof ZCaseEventRequest>;

type CaseRow = typeof cases.$inferSelect;

export interface CaseEventResult {
  readonly case: CaseRow;
  readonly from: CaseState;
  readonly to: CaseState;
  readonly event: string;
}

/** Applies `event` to the case. @throws NotFound, Forbidden, InvalidTransition, StaleVersion, Validation. */
export async function applyCaseEvent(
  tx: Tx,
  actor: Actor,
  request: TCaseEventRequest,
  now: Date,
  options: { justCreated?: boolean } = {},
): Promise<CaseEventResult> {
  const data = parseInput(ZCaseEventRequest, request);
  // Whoever may not see the case learns nothing else about it; the row stays locked to the end. A
  // case the caller created in this transaction (the office opening one) was authorised as a creation.
  const current = options.justCreated
    ? (await tx.select().from(cases).where(eq(cases.id, data.caseId)).for('update'))[0]
    : await loadCaseFor(tx, actor, 'transition', data.caseId, { lock: true });
  if (!current) throw new NotFoundError('Case');
  // Version first: a caller who read an older version learns only that, and the current version to
  // re-read, before any check on the state that its stale read would make confusing.
  if (current.version !== data.expectedVersion) throw new StaleVersionError(current.version);
  const definition = workflowDefinition('case', current.workflowVersion);
  if (!definition) throw new Error(`case workflow version ${current.workflowVersion} is not shipped`);
  const loaded = await loadCaseFacts(tx, current);

  const plan = planTransition(
    definition,
    {
      state: current.state,
      event: data.event,
      actorRoles: actor.kind === 'SYSTEM' ? [] : actor.roles,
      isSystem: actor.kind === 'SYSTEM',
    },
    { ...caseFactContext(actor, loaded, now), reasonGiven: data.reason !== undefined },
  );
  if (!plan.ok) throw planError(plan, current.state, data.event);

  const to = plan.to as CaseState;
  let reference = current.reference;
  for (const effect of plan.effects) {
    if (effect.kind === 'assignReference' && reference === null) {
      reference = await assignReference(tx, DateTime.fromJSDate(now, { zone: loaded.regime.timeZone }).year);
    }
  }
  const [updated] = await tx
    .update(cases)
    .set({
      state: to,
      reference,
      version: current.version + 1,
      lastActivityAt: now,
      updatedAt: now,
      ...(data.event === 'SUBMIT' && current.submittedAt === null ? { submittedAt: now } : {}),
      ...(to === 'DECIDED' ? { decidedAt: now } : {}),
      ...(to === 'CLOSED' || to === 'WITHDRAWN' ? { closedAt: now } : {}),
      ...(data.event === 'DISCARD' ? { discardedAt: now } : {}),
    })
    .where(and(eq(cases.id, current.id), eq(cases.version, current.version)))
    .returning();
  if (!updated) throw new StaleVersionError(current.version);

  await applyClockEffects(tx, { caseRow: updated, loaded }, plan.effects, now, data.reason);
  // The overdue flag (set when a breach is handled) describes the clocks still running: a case that
  // moved on keeps it only while one of them is past due and not paused.
  if (updated.overdue) {
    await tx
      .update(cases)
      .set({
        overdue: sql`exists (select 1 from ${clocks} where ${clocks.caseId} = ${updated.id} and ${clocks.stoppedAt} is null and ${clocks.dueAt} < ${now.toISOString()}::timestamptz and not exists (select 1 from ${clockPauses} where ${clockPauses.clockId} = ${clocks.id} and ${clockPauses.resumedAt} is null))`,
      })
      .where(eq(cases.id, updated.id));
  }
  await recordNotices(tx, updated.id, plan.effects, { event: data.event, from: current.state, to }, now);
  await appendAuditEntry(tx, actor, {
    chain: caseChain(updated.id),
    caseId: updated.id,
    action: `case.${data.event.toLowerCase()}`,
    entityKind: 'Case',
    entityId: updated.id,
    before: { state: current.state, version: current.version },
    after: { state: to, version: updated.version, ...(reference !== current.reference ? { reference } : {}) },
    reason: data.reason ?? null,
    occurredAt: now,
  });
  // A case that moved on has a new (or no) running phase clock: re-read what the effects wrote.
  const [final] = await tx.select().from(cases).where(eq(cases.id, updated.id));
  return { case: final!, from: current.state, to, event: data.event };
}

function planError(plan: Exclude<TransitionPlan<string, string>, { ok: true }>, state: string, event: string) {
  if (plan.error === 'FORBIDDEN') return new ForbiddenError(`you may not send ${event} in state ${state}`);
  if (plan.error === 'INVALID_TRANSITION') return new InvalidTransitionError(state, event, plan.allowedEvents);
  return new InvalidTransitionError(state, event, plan.allowedEvents, plan.reason, plan.code);
}
