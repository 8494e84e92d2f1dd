/**
 * Third-party assessments (design §3–4): the office invites an institute; each of its assessors
 * declares, personally, whether they have a conflict of interest; an assessor who declared none
 * accepts or declines for the institute, then submits the report; the office endorses or returns it.
 *
 * State changes go through the work-item engine (permission, guards, version, clocks, notices,
 * audit); this module adds the data each step carries and the checks the engine cannot know.
 */
import { and, eq, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import { cases } from '../../../db/schema/cases.ts';
import { organizations, people, personRoles } from '../../../db/schema/organizations.ts';
import { assessments, conflictDeclarations } from '../../../db/schema/work-items.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { capabilities, strategies, subStrategies, subStrategyStrategy } from '../../../vocabulary/terms.ts';
import type { Queryable, Tx } from '../../database/database.ts';
import { assertCan, loadCaseFor } from '../access/authorize.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { applyWorkItemEvent, startWorkItem } from '../engine/work-items.ts';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';

/** Institutes are invited while the case is under review; later the file is closed to new work. */
const invitableCaseStates = ['REVIEW', 'IN_DEPTH'] as const;

export const ZInviteInstituteInput = z.object({
  caseId: z.uuid(),
  instituteId: z.uuid(),
  termsOfReference: z.string().trim().min(1).max(20_000),
});
export type TInviteInstituteInput = z.input<typeof ZInviteInstituteInput>;

/** Invites an institute to assess a case under review. @returns the new assessment row. */
export async function inviteInstitute(tx: Tx, actor: Actor, input: TInviteInstituteInput, now: Date) {
  const data = parseInput(ZInviteInstituteInput, input);
  assertCan(actor, 'create', 'Assessment');
  // Locked so that two invitations of the same institute cannot both pass the duplicate check.
  const caseRow = await loadCaseFor(tx, actor, 'update', data.caseId, { lock: true });
  if (!(invitableCaseStates as readonly string[]).includes(caseRow.state)) {
    throw new InvalidTransitionError(
      caseRow.state,
      'INVITE_INSTITUTE',
      [],
      `an institute is invited only while the case is in ${invitableCaseStates.join(' or ')}`,
    );
  }
  const [institute] = await tx
    .select({ kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.id, data.instituteId));
  if (institute?.kind !== 'INSTITUTE') throw ValidationError.single('instituteId', 'is not an institute');
  const [open] = await tx
    .select({ id: assessments.id })
    .from(assessments)
    .where(
      and(
        eq(assessments.caseId, data.caseId),
        eq(assessments.instituteId, data.instituteId),
        notInArray(assessments.state, ['DECLINED', 'WITHDRAWN']),
      ),
    );
  if (open) throw new ConflictError('this institute is already invited on the case');

  const [row] = await tx
    .insert(assessments)
    .values({
      caseId: data.caseId,
      instituteId: data.instituteId,
      termsOfReference: data.termsOfReference,
      invitedById: actorPersonId(actor),
      invitedAt: now,
      updatedAt: now,
    })
    .returning();
  await startWorkItem(tx, actor, 'assessment', { id: row!.id, caseId: data.caseId }, now, {
    instituteId: data.instituteId,
  });
  await tx.update(cases).set({ lastActivityAt: now }).where(eq(cases.id, data.caseId));
  return row!;
}

export const ZDeclareConflictInput = z.object({
  assessmentId: z.uuid(),
  hasConflict: z.boolean(),
  statement: z.string().trim().min(1).max(5_000),
});
export type TDeclareConflictInput = z.input<typeof ZDeclareConflictInput>;

/**
 * An assessor of the invited institute declares, for themself, whether they have a conflict of
 * interest. One declaration per person; a conflicted assessor no longer sees the case (the case's
 * read rule excludes them), so they can neither accept nor report.
 */
export async function declareConflict(tx: Tx, actor: Actor, input: TDeclareConflictInput, now: Date) {
  const data = parseInput(ZDeclareConflictInput, input);
  if (actor.kind !== 'PERSON' || !actor.roles.includes('ASSESSOR')) {
    throw new ForbiddenError('only an assessor declares a conflict of interest, for themself');
  }
  const [item] = await tx.select().from(assessments).where(eq(assessments.id, data.assessmentId)).for('update');
  if (!item) throw new NotFoundError('Assessment');
  // An assessment of a case the assessor may not see, or of another institute, does not exist for them.
  await loadCaseFor(tx, actor, 'read', item.caseId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('Assessment') : error;
  });
  if (item.instituteId !== actor.organizationId) throw new NotFoundError('Assessment');
  if (item.state === 'DECLINED' || item.state === 'ENDORSED' || item.state === 'WITHDRAWN') {
    throw new InvalidTransitionError(item.state, 'DECLARE_CONFLICT', [], 'the assessment is closed');
  }
  const [existing] = await tx
    .select({ id: conflictDeclarations.id })
    .from(conflictDeclarations)
    .where(and(eq(conflictDeclarations.assessmentId, item.id), eq(conflictDeclarations.personId, actor.personId)));
  if (existing) throw new ConflictError('you have already declared on this assessment');

  const [declaration] = await tx
    .insert(conflictDeclarations)
    .values({
      assessmentId: item.id,
      personId: actor.personId,
      hasConflict: data.hasConflict,
      statement: data.statement,
      declaredAt: now,
    })
    .returning();
  await appendAuditEntry(tx, actor, {
    chain: caseChain(item.caseId),
    caseId: item.caseId,
    action: 'assessment.conflict_declared',
    entityKind: 'Assessment',
    entityId: item.id,
    after: { personId: actor.personId, hasConflict: data.hasConflict, statement: data.statement },
    occurredAt: now,
  });
  return declaration!;
}

/**
 * Whether `actor` has declared on an assessment they can read: their own declaration only (a
 * declared conflict hides the case, so on a readable one it was a declaration of no conflict).
 */
export async function hasDeclaredOnAssessment(db: Queryable, actor: Actor | null, assessmentId: string) {
  if (actor?.kind !== 'PERSON' || !actor.roles.includes('ASSESSOR')) return false;
  const [row] = await db
    .select({ id: conflictDeclarations.id })
    .from(conflictDeclarations)
    .where(and(eq(conflictDeclarations.assessmentId, assessmentId), eq(conflictDeclarations.personId, actor.personId)));
  return Boolean(row);
}

const ZItemAction = z.object({
  assessmentId: z.uuid(),
  expectedVersion: z.number().int().positive(),
});

export const ZAcceptAssessmentInput = ZItemAction;
export type TAcceptAssessmentInput = z.input<typeof ZAcceptAssessmentInput>;

/** An assessor who declared no conflict accepts the terms of reference for the institute. */
export async function acceptAssessment(tx: Tx, actor: Actor, input: TAcceptAssessmentInput, now: Date) {
  const data = parseInput(ZAcceptAssessmentInput, input);
  const result = await applyWorkItemEvent(
    tx,
    actor,
    { kind: 'assessment', itemId: data.assessmentId, event: 'ACCEPT', expectedVersion: data.expectedVersion },
    now,
  );
  await tx.update(assessments).set({ respondedAt: now }).where(eq(assessments.id, data.assessmentId));
  return result;
}

export const ZDeclineAssessmentInput = ZItemAction.extend({ reason: z.string().trim().min(1).max(5_000) });
export type TDeclineAssessmentInput = z.input<typeof ZDeclineAssessmentInput>;

/**
 * The institute declines the invitation, saying why; it then no longer sees the case. An assessor who
 * declared a conflict no longer sees the case either, so an institute whose assessors are all
 * conflicted could otherwise never answer: any of them may then decline for the institute.
 */
export async function declineAssessment(tx: Tx, actor: Actor, input: TDeclineAssessmentInput, now: Date) {
  const data = parseInput(ZDeclineAssessmentInput, input);
  const result = await applyWorkItemEvent(
    tx,
    actor,
    {
      kind: 'assessment',
      itemId: data.assessmentId,
      event: 'DECLINE',
      expectedVersion: data.expectedVersion,
      reason: data.reason,
    },
    now,
    { withoutCaseAccess: await instituteWhollyConflicted(tx, actor, data.assessmentId) },
  );
  await tx
    .update(assessments)
    .set({ respondedAt: now, declineReason: data.reason })
    .where(eq(assessments.id, data.assessmentId));
  return result;
}

const score = z.number().int().min(0).max(5);

export const ZSubmitAssessmentInput = ZItemAction.extend({
  report: z.string().trim().min(1).max(200_000),
  capabilityScores: z.object(Object.fromEntries(capabilities.map((c) => [c, score])) as Record<string, typeof score>),
  recommendedStrategy: z.enum(strategies),
  recommendedSubStrategy: z.enum(subStrategies),
}).refine((d) => subStrategyStrategy[d.recommendedSubStrategy] === d.recommendedStrategy, {
  path: ['recommendedSubStrategy'],
  message: 'is not a sub-strategy of the recommended strategy',
});
export type TSubmitAssessmentInput = z.input<typeof ZSubmitAssessmentInput>;

/** The assessor submits (or resubmits, after a return) the report with capability scores and a strategy. */
export async function submitAssessment(tx: Tx, actor: Actor, input: TSubmitAssessmentInput, now: Date) {
  const data = parseInput(ZSubmitAssessmentInput, input);
  // The engine checks everything and writes the state; a row in SUBMITTED must already carry its
  // report (a check constraint), so the report goes in first. Any refusal rolls both back.
  const [current] = await tx
    .select({ state: assessments.state })
    .from(assessments)
    .where(eq(assessments.id, data.assessmentId));
  if (current && (current.state === 'ACCEPTED' || current.state === 'RETURNED')) {
    await tx
      .update(assessments)
      .set({
        report: data.report,
        capabilityScores: data.capabilityScores,
        recommendedStrategy: data.recommendedStrategy,
        recommendedSubStrategy: data.recommendedSubStrategy,
        submittedById: actorPersonId(actor),
        submittedAt: now,
      })
      .where(eq(assessments.id, data.assessmentId));
  }
  return applyWorkItemEvent(
    tx,
    actor,
    { kind: 'assessment', itemId: data.assessmentId, event: 'SUBMIT_REPORT', expectedVersion: data.expectedVersion },
    now,
  );
}

export const ZEndorseAssessmentInput = ZItemAction;
export type TEndorseAssessmentInput = z.input<typeof ZEndorseAssessmentInput>;

/** The office endorses the submitted report. */
export async function endorseAssessment(tx: Tx, actor: Actor, input: TEndorseAssessmentInput, now: Date) {
  const data = parseInput(ZEndorseAssessmentInput, input);
  const result = await applyWorkItemEvent(
    tx,
    actor,
    { kind: 'assessment', itemId: data.assessmentId, event: 'ENDORSE', expectedVersion: data.expectedVersion },
    now,
  );
  await tx
    .update(assessments)
    .set({ reviewedById: actorPersonId(actor), reviewedAt: now })
    .where(eq(assessments.id, data.assessmentId));
  return result;
}

export const ZReturnAssessmentInput = ZItemAction.extend({ reason: z.string().trim().min(1).max(5_000) });
export type TReturnAssessmentInput = z.input<typeof ZReturnAssessmentInput>;

/** The office returns the report for revision, saying why; a new deadline runs. */
export async function returnAssessment(tx: Tx, actor: Actor, input: TReturnAssessmentInput, now: Date) {
  const data = parseInput(ZReturnAssessmentInput, input);
  const result = await applyWorkItemEvent(
    tx,
    actor,
    {
      kind: 'assessment',
      itemId: data.assessmentId,
      event: 'RETURN_FOR_REVISION',
      expectedVersion: data.expectedVersion,
      reason: data.reason,
    },
    now,
  );
  await tx
    .update(assessments)
    .set({ reviewedById: actorPersonId(actor), reviewedAt: now, returnReason: data.reason })
    .where(eq(assessments.id, data.assessmentId));
  return result;
}

/**
 * Whether the actor is an assessor of the invited institute and every active assessor of that
 * institute has declared a conflict on this assessment.
 */
async function instituteWhollyConflicted(tx: Tx, actor: Actor, assessmentId: string): Promise<boolean> {
  if (actor.kind !== 'PERSON' || !actor.roles.includes('ASSESSOR')) return false;
  const [item] = await tx.select().from(assessments).where(eq(assessments.id, assessmentId));
  if (!item || item.instituteId !== actor.organizationId) return false;
  const assessors = await tx
    .select({ id: people.id })
    .from(people)
    .innerJoin(personRoles, and(eq(personRoles.personId, people.id), eq(personRoles.role, 'ASSESSOR')))
    .where(and(eq(people.organizationId, item.instituteId), eq(people.status, 'ACTIVE')));
  const conflicted = await tx
    .select({ personId: conflictDeclarations.personId })
    .from(conflictDeclarations)
    .where(and(eq(conflictDeclarations.assessmentId, item.id), eq(conflictDeclarations.hasConflict, true)));
  const conflictedIds = new Set(conflicted.map((c) => c.personId));
  return assessors.length > 0 && assessors.every((a) => conflictedIds.has(a.id));
}

export const ZWithdrawAssessmentInput = ZItemAction.extend({ reason: z.string().trim().min(1).max(5_000) });
export type TWithdrawAssessmentInput = z.input<typeof ZWithdrawAssessmentInput>;

/**
 * The office withdraws an invitation whose report has not arrived (invited or accepted), with reasons: the institute is
 * told, its clock stops, it no longer sees the case, and another institute may be invited.
 */
export async function withdrawAssessment(tx: Tx, actor: Actor, input: TWithdrawAssessmentInput, now: Date) {
  const data = parseInput(ZWithdrawAssessmentInput, input);
  return applyWorkItemEvent(
    tx,
    actor,
    {
      kind: 'assessment',
      itemId: data.assessmentId,
      event: 'WITHDRAW',
      expectedVersion: data.expectedVersion,
      reason: data.reason,
    },
    now,
  );
}

/** The person recorded as inviter, submitter or reviewer; those columns name people, not systems. */
function actorPersonId(actor: Actor): string {
  if (actor.kind !== 'PERSON') throw new ForbiddenError('only a person may do this');
  return actor.personId;
}
