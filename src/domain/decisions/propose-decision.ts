/**
 * The officer proposes a decision (design §3–4): outcome, strategy, internal reasons, the notice
 * text for the parties and the conditions. The case event goes first, so the engine checks the
 * permission and the guards against the facts as they were before this proposal existed.
 */
import { z } from 'zod';
import { conditions, decisions } from '../../../db/schema/decisions.ts';
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../actor.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { decisionOutcomes, strategies, subStrategies, subStrategyStrategy } from '../vocabulary.ts';
import { applyCaseEvent } from '../workflow/apply-case-event.ts';
import { type DecisionRow, partyOrganizationIds, requirePerson } from './shared.ts';

const text = z.string().trim().min(1).max(20_000);

export const ZProposeDecision = z.object({
  caseId: z.uuid(),
  expectedVersion: z.number().int().positive(),
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
  /** The written reason for proposing while consultations or assessments are still open (design §4). */
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
  await checkCoherence(tx, data, event.case.origin);

  const [decision] = await tx
    .insert(decisions)
    .values({
      caseId: data.caseId,
      outcome: data.outcome,
      strategy: data.strategy ?? (data.subStrategy ? subStrategyStrategy[data.subStrategy] : null),
      subStrategy: data.subStrategy ?? null,
      reasons: data.reasons,
      noticeText: data.noticeText,
      openWorkReason: data.reason ?? null,
      proposedById: person.personId,
      // The request's instant, not the database's: the proposal phase is found by comparing it with the clocks.
      proposedAt: now,
      updatedAt: now,
    })
    .returning();
  if (data.conditions.length > 0) {
    await tx.insert(conditions).values(
      data.conditions.map((c) => ({
        caseId: data.caseId,
        decisionId: decision!.id,
        description: c.description,
        ownerOrganizationId: c.ownerOrganizationId,
        dueOn: c.dueOn ?? null,
        createdAt: now,
        updatedAt: now,
      })),
    );
  }
  await appendAuditEntry(tx, actor, {
    chain: caseChain(data.caseId),
    caseId: data.caseId,
    action: 'decision.proposed',
    entityKind: 'Decision',
    entityId: decision!.id,
    after: { outcome: decision!.outcome, strategy: decision!.strategy, conditions: data.conditions.length },
    reason: data.reason ?? null,
    occurredAt: now,
  });
  return { decision: decision!, caseVersion: event.case.version };
}

/** The outcome, strategy and conditions must agree with one another and with the case. */
async function checkCoherence(tx: Tx, data: z.output<typeof ZProposeDecision>, origin: string): Promise<void> {
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
  const parties = new Set(await partyOrganizationIds(tx, data.caseId));
  data.conditions.forEach((c, i) => {
    if (!parties.has(c.ownerOrganizationId)) {
      errors.push({ field: `conditions.${i}.ownerOrganizationId`, message: 'is not a party of the case' });
    }
  });
  if (errors.length > 0) throw new ValidationError(errors);
}
