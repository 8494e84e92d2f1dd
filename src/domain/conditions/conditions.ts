/**
 * Monitoring the conditions of a decision (design §3–4): the owner reports compliance, the office
 * confirms a condition met or records a breach (which reopens the review), a lead reviewer may waive
 * one, and the office closes the case once
 * every condition is settled. Reports are records, not transitions (workflows/condition.workflow.ts).
 */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { complianceReports, conditions } from '../../../db/schema/decisions.ts';
import { addressedOnlyTo } from '../../../policies/addressed-to.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Queryable, Tx } from '../../database/database.ts';
import { loadCaseFor } from '../access/authorize.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { requirePerson } from '../decisions/shared.ts';
import { applyCaseEvent } from '../engine/apply-case-event.ts';
import { applyWorkItemEvent } from '../engine/work-items.ts';
import { InvalidTransitionError, NotFoundError } from '../errors.ts';
import { parseInput } from '../validation.ts';

export type ConditionRow = typeof conditions.$inferSelect;
export type ComplianceReportRow = typeof complianceReports.$inferSelect;

export const ZReportCompliance = z.object({ conditionId: z.uuid(), body: z.string().trim().min(1).max(50_000) });

/** The owner of an open condition reports on it. @throws NotFound, InvalidTransition, Validation */
export async function reportCompliance(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZReportCompliance>,
  now: Date,
): Promise<ComplianceReportRow> {
  const data = parseInput(ZReportCompliance, input);
  const person = requirePerson(actor);
  const [condition] = await tx.select().from(conditions).where(eq(conditions.id, data.conditionId));
  if (!condition) throw new NotFoundError('Condition');
  const caseRow = await loadCaseFor(tx, actor, 'read', condition.caseId);
  // Only the organisation answerable for the condition reports on it; to anyone else it is not theirs.
  if (condition.ownerOrganizationId !== person.organizationId) throw new NotFoundError('Condition');
  if (condition.state !== 'OPEN' || caseRow.state !== 'MONITORING') {
    throw new InvalidTransitionError(condition.state, 'REPORT_COMPLIANCE', [], 'the condition is not being monitored');
  }
  const [report] = await tx
    .insert(complianceReports)
    .values({ conditionId: condition.id, submittedById: person.personId, submittedAt: now, body: data.body })
    .returning();
  await appendAuditEntry(tx, actor, {
    chain: caseChain(caseRow.id),
    caseId: caseRow.id,
    action: 'condition.compliance_reported',
    entityKind: 'Condition',
    entityId: condition.id,
    after: { reportId: report!.id },
    occurredAt: now,
  });
  return report!;
}

export const ZConfirmConditionMet = z.object({ conditionId: z.uuid(), expectedVersion: z.number().int().positive() });

/** The office confirms a condition met. @throws NotFound, Forbidden, InvalidTransition, StaleVersion */
export async function confirmConditionMet(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZConfirmConditionMet>,
  now: Date,
): Promise<ConditionRow> {
  return settleCondition(tx, actor, 'CONFIRM_MET', parseInput(ZConfirmConditionMet, input), now);
}

export const ZWaiveCondition = z.object({
  conditionId: z.uuid(),
  /** The condition's version you read. */
  expectedVersion: z.number().int().positive(),
  /** Why the party is released from it; recorded on the case's trail. */
  reason: z.string().trim().min(1).max(10_000),
});

/** A lead reviewer releases the owner from a condition. @throws NotFound, Forbidden, InvalidTransition, StaleVersion */
export async function waiveCondition(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZWaiveCondition>,
  now: Date,
): Promise<ConditionRow> {
  return settleCondition(tx, actor, 'WAIVE', parseInput(ZWaiveCondition, input), now);
}

/** Sends the condition's own event (met or waived: the case is untouched) and returns the condition after it. */
async function settleCondition(
  tx: Tx,
  actor: Actor,
  event: 'CONFIRM_MET' | 'WAIVE',
  data: { conditionId: string; expectedVersion: number; reason?: string },
  now: Date,
): Promise<ConditionRow> {
  requirePerson(actor);
  await applyWorkItemEvent(
    tx,
    actor,
    { kind: 'condition', itemId: data.conditionId, event, expectedVersion: data.expectedVersion, reason: data.reason },
    now,
  );
  const [row] = await tx.select().from(conditions).where(eq(conditions.id, data.conditionId));
  return row!;
}

export const ZRecordConditionBreach = z.object({
  conditionId: z.uuid(),
  /** The condition's version you read. */
  expectedVersion: z.number().int().positive(),
  /** The case's version you read: the breach reopens the review. */
  caseExpectedVersion: z.number().int().positive(),
  reason: z.string().trim().min(1).max(10_000),
});

/** The office records a breach: the condition is BREACHED and the case goes back to REVIEW. */
export async function recordConditionBreach(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZRecordConditionBreach>,
  now: Date,
): Promise<{ condition: ConditionRow; caseId: string }> {
  const data = parseInput(ZRecordConditionBreach, input);
  requirePerson(actor);
  const { caseRow } = await applyWorkItemEvent(
    tx,
    actor,
    {
      kind: 'condition',
      itemId: data.conditionId,
      event: 'RECORD_BREACH',
      expectedVersion: data.expectedVersion,
      reason: data.reason,
    },
    now,
  );
  await applyCaseEvent(
    tx,
    actor,
    { caseId: caseRow.id, event: 'CONDITION_BREACHED', expectedVersion: data.caseExpectedVersion, reason: data.reason },
    now,
  );
  const [row] = await tx.select().from(conditions).where(eq(conditions.id, data.conditionId));
  return { condition: row!, caseId: caseRow.id };
}

export const ZCloseMonitoring = z.object({ caseId: z.uuid(), expectedVersion: z.number().int().positive() });

/** Every condition met or waived: the officer closes the case (guard allConditionsSettled). */
export async function closeMonitoring(tx: Tx, actor: Actor, input: z.input<typeof ZCloseMonitoring>, now: Date) {
  const data = parseInput(ZCloseMonitoring, input);
  return applyCaseEvent(tx, actor, { ...data, event: 'ALL_CONDITIONS_MET' }, now);
}

/**
 * The compliance reports on a condition the actor has already been shown, oldest first: all of them
 * in the office; outside it, only on a condition one's own organisation answers for (another party
 * reads none of them).
 */
export async function listComplianceReports(
  q: Queryable,
  actor: Actor | null,
  condition: Pick<ConditionRow, 'id' | 'ownerOrganizationId'>,
): Promise<ComplianceReportRow[]> {
  const ownOrganization = addressedOnlyTo(actor);
  if (!actor || (ownOrganization !== null && ownOrganization !== condition.ownerOrganizationId)) return [];
  return q
    .select()
    .from(complianceReports)
    .where(eq(complianceReports.conditionId, condition.id))
    .orderBy(asc(complianceReports.submittedAt), asc(complianceReports.id));
}
