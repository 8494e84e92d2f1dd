/**
 * A lead reviewer other than the proposer approves the pending proposal, or sends it back with
 * reasons (design §4). The case event decides (four eyes, the parties heard, in-depth where
 * required); the decision row follows it in the same transaction. Sending a proposal back cancels
 * the representation requests still open on it.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { decisions } from '../../../db/schema/decisions.ts';
import { representationRequests } from '../../../db/schema/work-items.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { applyCaseEvent } from '../engine/apply-case-event.ts';
import { applyWorkItemEvent } from '../engine/work-items.ts';
import { parseInput } from '../validation.ts';
import { type DecisionRow, latestDecision, requirePerson } from './shared.ts';

export const ZApproveDecision = z.object({ caseId: z.uuid(), expectedVersion: z.number().int().positive() });

/** @throws NotFound, Forbidden, InvalidTransition, StaleVersion, Validation */
export async function approveDecision(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZApproveDecision>,
  now: Date,
): Promise<{ decision: DecisionRow; caseVersion: number }> {
  const data = parseInput(ZApproveDecision, input);
  const person = requirePerson(actor);
  const event = await applyCaseEvent(tx, actor, { ...data, event: 'APPROVE_DECISION' }, now);
  // The engine accepted the event only because a proposal is pending (its guards read it).
  const pending = (await latestDecision(tx, data.caseId, 'PROPOSED'))!;
  const [decision] = await tx
    .update(decisions)
    .set({
      state: 'APPROVED',
      approvedById: person.personId,
      approvedAt: now,
      updatedAt: now,
      version: pending.version + 1,
    })
    .where(eq(decisions.id, pending.id))
    .returning();
  await appendAuditEntry(tx, actor, {
    chain: caseChain(data.caseId),
    caseId: data.caseId,
    action: 'decision.approved',
    entityKind: 'Decision',
    entityId: pending.id,
    before: { state: 'PROPOSED' },
    after: { state: 'APPROVED', outcome: pending.outcome },
    occurredAt: now,
  });
  return { decision: decision!, caseVersion: event.case.version };
}

export const ZSendBackDecision = z.object({
  caseId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  reason: z.string().trim().min(1).max(10_000),
});

/** @throws NotFound, Forbidden, InvalidTransition, StaleVersion, Validation */
export async function sendBackDecision(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZSendBackDecision>,
  now: Date,
): Promise<{ decision: DecisionRow; caseVersion: number }> {
  const data = parseInput(ZSendBackDecision, input);
  requirePerson(actor);
  const event = await applyCaseEvent(tx, actor, { ...data, event: 'SEND_BACK_DECISION' }, now);
  const pending = (await latestDecision(tx, data.caseId, 'PROPOSED'))!;
  // The parties were asked to answer this proposal; with it sent back their open requests lapse.
  const open = await tx
    .select({ id: representationRequests.id })
    .from(representationRequests)
    .where(and(eq(representationRequests.decisionId, pending.id), eq(representationRequests.state, 'OPEN')));
  for (const request of open) {
    await applyWorkItemEvent(
      tx,
      actor,
      { kind: 'representationRequest', itemId: request.id, event: 'CANCEL', reason: data.reason },
      now,
    );
  }
  const [decision] = await tx
    .update(decisions)
    .set({ state: 'SENT_BACK', sentBackReason: data.reason, updatedAt: now, version: pending.version + 1 })
    .where(eq(decisions.id, pending.id))
    .returning();
  await appendAuditEntry(tx, actor, {
    chain: caseChain(data.caseId),
    caseId: data.caseId,
    action: 'decision.sent_back',
    entityKind: 'Decision',
    entityId: pending.id,
    before: { state: 'PROPOSED' },
    after: { state: 'SENT_BACK' },
    reason: data.reason,
    occurredAt: now,
  });
  return { decision: decision!, caseVersion: event.case.version };
}
