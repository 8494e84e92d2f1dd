/**
 * The officer proposes a decision (design §3–4): outcome, strategy, internal reasons, the notice
 * text for the parties and the conditions. The case event goes first, so the engine checks the
 * permission and the guards against the facts as they were before this proposal existed.
 */
import { z } from 'zod';
import { conditions, decisions } from '../../../db/schema/decisions.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { decisionOutcomes, strategies, subStrategies, subStrategyStrategy } from '../../../vocabulary/terms.ts';
import type { Tx } from '../../database/database.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { applyCaseEvent } from '../engine/apply-case-event.ts';
import { ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { type DecisionRow, partyOrganizationIds, requirePerson } from './shared.ts';

const text = z.string().trim().min(1).max(20_000);

/** What a decision says: its outcome, strategy, reasons, notice and conditions (the panel's varied decision too). */
export const ZDecisionContent = z.object({
  outcome: z.enum(decisionOutcomes),
  strategy: z.enum(strategies).optional(),
  subStrategy: z.enum(subStrategies).optional(),
  /** Internal reasons: the office, auditors and the panel read them, the parties never. */
  reasons: text,
  /** What the parties are told. */
  noticeText: text,
  conditions: z
    .array(
      z.object({
        description: text,
        ownerOrganizationId: z.uuid(),
        dueOn: z.iso.date().optional(),
      }),
    )
    .max(50)
    .default([]),
});
type DecisionContent = z.output<typeof ZDecisionContent>;

export const ZProposeDecision = ZDecisionContent.extend({
  caseId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  /** The written reason for proposing while work items are open (workflows/open-work-items.ts). */
  reason: z.string().trim().min(1).max(10_000).optional(),
});
export type TProposeDecision = z.input<typeof ZProposeDecision>;

/** @throws NotFound, Forbidden, InvalidTransition, StaleVersion, Validation */
export async function proposeDecision(
  tx: Tx,
  actor: Actor,
  input: TProposeDecision,
  now: Date,
): Promise<{ decision: DecisionRow; caseVersion: number }> {
  const data = parseInput(ZProposeDecision, input);
  const person = requirePerson(actor);
  const event = await applyCaseEvent(
    tx,
    actor,
    { caseId: data.caseId, event: 'PROPOSE_DECISION', expectedVersion: data.expectedVersion, reason: data.reason },
    now,
  );
  await checkCoherence(tx, data.caseId, data, event.case.origin);
  // The request's instant, not the database's: the proposal phase is found by comparing it with the clocks.
  const decision = await insertDecision(tx, data.caseId, data, {
    proposedById: person.personId,
    openWorkReason: data.reason ?? null,
    now,
  });
  await appendAuditEntry(tx, actor, {
    chain: caseChain(data.caseId),
    caseId: data.caseId,
    action: 'decision.proposed',
    entityKind: 'Decision',
    entityId: decision.id,
    after: { outcome: decision.outcome, strategy: decision.strategy, conditions: data.conditions.length },
    reason: data.reason ?? null,
    occurredAt: now,
  });
  return { decision, caseVersion: event.case.version };
}

/** The outcome, strategy and conditions must agree with one another and with the case. */
export async function checkCoherence(
  tx: Tx,
  caseId: string,
  data: DecisionContent,
  origin: string,
  fieldPrefix = '',
): Promise<void> {
  const errors: { field: string; message: string }[] = [];
  if (data.outcome === 'CLEARED_WITH_CONDITIONS' && data.conditions.length === 0) {
    errors.push({ field: 'conditions', message: 'a clearance with conditions needs at least one condition' });
  }
  if (data.outcome !== 'CLEARED_WITH_CONDITIONS' && data.conditions.length > 0) {
    errors.push({ field: 'conditions', message: 'only a clearance with conditions carries conditions' });
  }
  if (data.outcome === 'NO_ACTION' && origin !== 'MONITORING') {
    errors.push({ field: 'outcome', message: 'NO_ACTION is the outcome of a monitoring case only' });
  }
  if (data.strategy && data.subStrategy && subStrategyStrategy[data.subStrategy] !== data.strategy) {
    errors.push({ field: 'subStrategy', message: `does not belong to the strategy ${data.strategy}` });
  }
  // A condition binds a party of the case: nobody else is answerable for it.
  const parties = new Set(await partyOrganizationIds(tx, caseId));
  data.conditions.forEach((c, i) => {
    if (!parties.has(c.ownerOrganizationId)) {
      errors.push({ field: `conditions.${i}.ownerOrganizationId`, message: 'is not a party of the case' });
    }
  });
  if (errors.length > 0) throw new ValidationError(errors.map((e) => ({ ...e, field: `${fieldPrefix}${e.field}` })));
}

/** Writes a decision and its conditions; a varied decision is issued by the panel, approved by its ruling. */
export async function insertDecision(
  tx: Tx,
  caseId: string,
  data: DecisionContent,
  by: { proposedById: string; now: Date; openWorkReason?: string | null; variesDecisionId?: string },
): Promise<DecisionRow> {
  const { now } = by;
  const [decision] = await tx
    .insert(decisions)
    .values({
      caseId,
      outcome: data.outcome,
      strategy: data.strategy ?? (data.subStrategy ? subStrategyStrategy[data.subStrategy] : null),
      subStrategy: data.subStrategy ?? null,
      reasons: data.reasons,
      noticeText: data.noticeText,
      openWorkReason: by.openWorkReason ?? null,
      proposedById: by.proposedById,
      proposedAt: now,
      ...(by.variesDecisionId
        ? { variesDecisionId: by.variesDecisionId, state: 'APPROVED' as const, approvedAt: now }
        : {}),
      updatedAt: now,
    })
    .returning();
  if (data.conditions.length > 0) {
    await tx.insert(conditions).values(
      data.conditions.map((c) => ({
        caseId,
        decisionId: decision!.id,
        description: c.description,
        ownerOrganizationId: c.ownerOrganizationId,
        dueOn: c.dueOn ?? null,
        createdAt: now,
        updatedAt: now,
      })),
    );
  }
  return decision!;
}
