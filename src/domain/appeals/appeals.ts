/**
 * Appeals (design §3–4): the filer appeals the decision in force within the window; a panel of at
 * least two, none of whom took part in the decision, rules on admissibility and then on the merits.
 * Each action sends the case event first (the engine checks the permission, the window and the
 * panel's independence), then the appeal's own event through the work-item engine.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { appealPanelMembers, appeals, decisions } from '../../../db/schema/decisions.ts';
import { people, personRoles } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { loadCaseFor } from '../access/authorize.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { checkCoherence, insertDecision, ZDecisionContent } from '../decisions/propose-decision.ts';
import { type DecisionRow, latestDecision, requirePerson } from '../decisions/shared.ts';
import { applyCaseEvent } from '../engine/apply-case-event.ts';
import { applyWorkItemEvent, startWorkItem } from '../engine/work-items.ts';
import { ConflictError, InvalidTransitionError, StaleVersionError, ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';

export type AppealRow = typeof appeals.$inferSelect;

const caseVersion = { caseId: z.uuid(), expectedVersion: z.number().int().positive() };
const reasons = z.string().trim().min(1).max(20_000);

export const ZFileAppeal = z.object({ ...caseVersion, grounds: z.string().trim().min(1).max(50_000) });

/** @throws NotFound, Forbidden, InvalidTransition (window closed), StaleVersion, Validation */
export async function fileAppeal(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZFileAppeal>,
  now: Date,
): Promise<{ appeal: AppealRow; caseVersion: number }> {
  const data = parseInput(ZFileAppeal, input);
  const person = requirePerson(actor);
  const event = await applyCaseEvent(
    tx,
    actor,
    { caseId: data.caseId, expectedVersion: data.expectedVersion, event: 'FILE_APPEAL', reason: data.grounds },
    now,
  );
  // DECIDED implies an approved decision: it is the one appealed.
  const inForce = (await latestDecision(tx, data.caseId, 'APPROVED'))!;
  const [appeal] = await tx
    .insert(appeals)
    .values({
      caseId: data.caseId,
      decisionId: inForce.id,
      appellantOrganizationId: person.organizationId,
      filedById: person.personId,
      grounds: data.grounds,
      filedAt: now,
      updatedAt: now,
    })
    .returning();
  await startWorkItem(tx, actor, 'appeal', appeal!, now, { decisionId: inForce.id });
  return { appeal: appeal!, caseVersion: event.case.version };
}

export const ZAppealRuling = z.object({
  ...caseVersion,
  /** The panel hearing the appeal, the ruling member among them. */
  panelMemberIds: z
    .array(z.uuid())
    .min(2)
    .max(9)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a member'),
  reason: reasons,
});
export type TAppealRuling = z.input<typeof ZAppealRuling>;

/** The panel admits the appeal and goes on to the merits. */
export async function admitAppeal(tx: Tx, actor: Actor, input: TAppealRuling, now: Date) {
  return ruleOnAdmissibility(tx, actor, input, now, 'ADMIT');
}

/** The panel finds the appeal inadmissible: the decision stands (monitoring or closure). */
export async function dismissAppeal(tx: Tx, actor: Actor, input: TAppealRuling, now: Date) {
  return ruleOnAdmissibility(tx, actor, input, now, 'DISMISS');
}

async function ruleOnAdmissibility(
  tx: Tx,
  actor: Actor,
  input: TAppealRuling,
  now: Date,
  ruling: 'ADMIT' | 'DISMISS',
): Promise<{ appeal: AppealRow; caseVersion: number }> {
  const data = parseInput(ZAppealRuling, input);
  requirePerson(actor);
  // Permission first: the panel is constituted only by someone who may act on the case.
  const caseRow = await loadCaseFor(tx, actor, 'transition', data.caseId, { lock: true });
  if (caseRow.version !== data.expectedVersion) throw new StaleVersionError(caseRow.version);
  const appeal = await currentAppeal(tx, caseRow.id);
  if (appeal?.state !== 'FILED') {
    throw new InvalidTransitionError(
      caseRow.state,
      `${ruling}_APPEAL`,
      [],
      'no appeal awaits a ruling on admissibility',
    );
  }
  await constitutePanel(tx, appeal, data.panelMemberIds, now);
  // The engine checks that the actor sits on this panel and that no member took part in the decision.
  const event = await applyCaseEvent(
    tx,
    actor,
    {
      caseId: data.caseId,
      expectedVersion: data.expectedVersion,
      event: ruling === 'ADMIT' ? 'ADMIT_APPEAL' : 'DISMISS_APPEAL',
      reason: data.reason,
    },
    now,
  );
  await applyWorkItemEvent(tx, actor, { kind: 'appeal', itemId: appeal.id, event: ruling, reason: data.reason }, now);
  const [updated] = await tx
    .update(appeals)
    .set(
      ruling === 'ADMIT'
        ? { admittedAt: now, panelReasons: data.reason }
        : { decidedAt: now, panelReasons: data.reason },
    )
    .where(eq(appeals.id, appeal.id))
    .returning();
  return { appeal: updated!, caseVersion: event.case.version };
}

/** Appeal outcomes on the merits (design §3): the decision stands, is varied by the panel, or goes back to review. */
export const appealOutcomes = ['UPHELD', 'VARIED', 'REMITTED'] as const;

const appealItemEvent = { UPHELD: 'UPHOLD', VARIED: 'VARY', REMITTED: 'REMIT' } as const;

export const ZDecideAppeal = z
  .object({
    ...caseVersion,
    outcome: z.enum(appealOutcomes),
    reasons,
    /** The decision the panel puts in place of the one appealed; required for VARIED, refused otherwise. */
    variedDecision: ZDecisionContent.optional(),
  })
  .superRefine((data, ctx) => {
    if (data.outcome === 'VARIED' && !data.variedDecision) {
      ctx.addIssue({
        code: 'custom',
        path: ['variedDecision'],
        message: 'a varied ruling records the varied decision',
      });
    }
    if (data.outcome !== 'VARIED' && data.variedDecision) {
      ctx.addIssue({
        code: 'custom',
        path: ['variedDecision'],
        message: 'only a varied ruling records a new decision',
      });
    }
  });

/**
 * A sitting panel member decides the admitted appeal. Upheld: the decision stands. Varied: the panel's
 * decision replaces it (the old one is `SUPERSEDED`) and its conditions decide between monitoring and
 * closure. Remitted: the decision is `SET_ASIDE` and the case goes back to review for a new decision.
 * @throws NotFound, Forbidden, InvalidTransition, StaleVersion, Validation
 */
export async function decideAppeal(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZDecideAppeal>,
  now: Date,
): Promise<{ appeal: AppealRow; caseVersion: number; variedDecision: DecisionRow | null }> {
  const data = parseInput(ZDecideAppeal, input);
  const person = requirePerson(actor);
  // Locked, and the version checked first: a stale ruling learns the current version, nothing else.
  const caseRow = await loadCaseFor(tx, actor, 'read', data.caseId, { lock: true });
  if (caseRow.version !== data.expectedVersion) throw new StaleVersionError(caseRow.version);
  const appealed = await currentAppeal(tx, data.caseId);

  // The varied decision is written before the case event, so the engine's choice between monitoring and
  // closure reads its conditions; a refused event rolls the whole transaction back.
  let variedDecision: DecisionRow | null = null;
  if (data.variedDecision && appealed?.state === 'ADMITTED') {
    await checkCoherence(tx, data.caseId, data.variedDecision, caseRow.origin, 'variedDecision.');
    await setDecisionState(tx, appealed.decisionId, 'SUPERSEDED', now);
    variedDecision = await insertDecision(tx, data.caseId, data.variedDecision, {
      proposedById: person.personId,
      variesDecisionId: appealed.decisionId,
      now,
    });
  }
  const event = await applyCaseEvent(
    tx,
    actor,
    {
      caseId: data.caseId,
      expectedVersion: data.expectedVersion,
      event: `DECIDE_APPEAL_${data.outcome}`,
      reason: data.reasons,
    },
    now,
  );
  // The engine accepted the ruling only on an admitted appeal (guard appealAdmitted).
  const appeal = appealed!;
  if (variedDecision) {
    await tx.update(appeals).set({ variedDecisionId: variedDecision.id }).where(eq(appeals.id, appeal.id));
  }
  await applyWorkItemEvent(
    tx,
    actor,
    { kind: 'appeal', itemId: appeal.id, event: appealItemEvent[data.outcome], reason: data.reasons },
    now,
  );
  if (data.outcome === 'REMITTED') await setDecisionState(tx, appeal.decisionId, 'SET_ASIDE', now);
  if (variedDecision) {
    await appendAuditEntry(tx, actor, {
      chain: caseChain(data.caseId),
      caseId: data.caseId,
      action: 'decision.varied_on_appeal',
      entityKind: 'Decision',
      entityId: variedDecision.id,
      before: { decisionId: appeal.decisionId },
      after: {
        outcome: variedDecision.outcome,
        strategy: variedDecision.strategy,
        conditions: data.variedDecision?.conditions.length ?? 0,
      },
      reason: data.reasons,
      occurredAt: now,
    });
  }
  const [updated] = await tx
    .update(appeals)
    .set({ decidedAt: now, panelReasons: data.reasons })
    .where(eq(appeals.id, appeal.id))
    .returning();
  return { appeal: updated!, caseVersion: event.case.version, variedDecision };
}

/** A decision the panel set aside or replaced stays on file, marked as such. */
async function setDecisionState(tx: Tx, decisionId: string, state: 'SET_ASIDE' | 'SUPERSEDED', now: Date) {
  await tx
    .update(decisions)
    .set({ state, updatedAt: now, version: sql`${decisions.version} + 1` })
    .where(eq(decisions.id, decisionId));
}

async function currentAppeal(tx: Tx, caseId: string): Promise<AppealRow | null> {
  const [row] = await tx
    .select()
    .from(appeals)
    .where(eq(appeals.caseId, caseId))
    .orderBy(desc(appeals.filedAt))
    .limit(1);
  return row ?? null;
}

/** Seats the panel: active people holding APPEALS_PANEL; independence is the engine's guard. */
async function constitutePanel(tx: Tx, appeal: AppealRow, memberIds: readonly string[], now: Date): Promise<void> {
  const seated = await tx.select().from(appealPanelMembers).where(eq(appealPanelMembers.appealId, appeal.id));
  if (seated.length > 0) throw new ConflictError('the panel of this appeal is already constituted');
  const members = await tx
    .select({ id: people.id })
    .from(people)
    .innerJoin(personRoles, and(eq(personRoles.personId, people.id), eq(personRoles.role, 'APPEALS_PANEL')))
    .where(and(inArray(people.id, [...memberIds]), eq(people.status, 'ACTIVE')));
  const eligible = new Set(members.map((m) => m.id));
  const errors = memberIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !eligible.has(id))
    .map(({ i }) => ({ field: `panelMemberIds.${i}`, message: 'is not an active member of the appeals panel' }));
  if (errors.length > 0) throw new ValidationError(errors);
  await tx
    .insert(appealPanelMembers)
    .values(memberIds.map((personId) => ({ appealId: appeal.id, personId, assignedAt: now })));
}
