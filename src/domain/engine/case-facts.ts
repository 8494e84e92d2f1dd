/**
 * Assembles the facts the case workflow's guards read (workflows/guards.ts), inside the event's
 * transaction: a fixed handful of aggregate queries, whatever the size of the case.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { cases } from '../../../db/schema/cases.ts';
import { clocks, regimes } from '../../../db/schema/clocks.ts';
import { appealPanelMembers, appeals, conditions, decisions } from '../../../db/schema/decisions.ts';
import { assessments, consultations, representationRequests } from '../../../db/schema/work-items.ts';
import { type Actor, actorId } from '../../../vocabulary/actor.ts';
import type { CaseFacts, FactContext, RegimeFacts } from '../../../workflows/guards.ts';
import { openAssessmentStates, openConsultationStates } from '../../../workflows/open-work-items.ts';
import type { RegimeDefinition } from '../../../workflows/regimes/regime-definition.ts';
import type { Queryable } from '../../database/database.ts';

/** The columns the facts are computed from. */
type CaseRow = Pick<typeof cases.$inferSelect, 'id' | 'regimeId' | 'origin' | 'riskGrade'>;

export interface LoadedCaseFacts {
  readonly facts: CaseFacts;
  readonly regime: RegimeDefinition;
  readonly regimeFacts: RegimeFacts;
  /** The case's running phase clock, if any (the one `CURRENT_PHASE` effects act on). */
  readonly currentClock: typeof clocks.$inferSelect | null;
}

export async function loadCaseFacts(tx: Queryable, caseRow: CaseRow): Promise<LoadedCaseFacts> {
  const [regimeRow] = await tx.select().from(regimes).where(eq(regimes.id, caseRow.regimeId));
  const regime = regimeRow!.definition as RegimeDefinition;

  // An objection counts in the latest round: a later round asks the departments about the case as it
  // now stands (after a remittal or a breach), and its answers replace the earlier ones.
  const [consultation] = await tx
    .select({
      objected: sql<boolean>`coalesce(bool_or(${consultations.opinion} = 'OBJECT') filter (where ${consultations.round} = (select max(c2.round) from consultations c2 where c2.case_id = ${caseRow.id})), false)`,
      open: sql<number>`count(*) filter (where ${inArray(consultations.state, openConsultationStates)})`.mapWith(
        Number,
      ),
    })
    .from(consultations)
    .where(eq(consultations.caseId, caseRow.id));
  const [assessment] = await tx
    .select({ open: sql<number>`count(*)`.mapWith(Number) })
    .from(assessments)
    .where(and(eq(assessments.caseId, caseRow.id), inArray(assessments.state, openAssessmentStates)));

  const caseClocks = await tx
    .select()
    .from(clocks)
    .where(and(eq(clocks.caseId, caseRow.id), eq(clocks.ownerKind, 'CASE')))
    .orderBy(desc(clocks.startedAt));
  const currentClock = caseClocks.find((c) => c.stoppedAt === null) ?? null;
  const appealWindow = caseClocks.find((c) => c.phase === 'APPEAL_WINDOW') ?? null;
  const extensionRule = currentClock ? regime.clocks[currentClock.phase]?.extension : undefined;

  const decisionRows = await tx
    .select()
    .from(decisions)
    .where(eq(decisions.caseId, caseRow.id))
    .orderBy(desc(decisions.proposedAt));
  const pending = decisionRows.find((d) => d.state === 'PROPOSED') ?? null;
  // The decision in force: the newest approved one (a varied decision is approved by the panel).
  const inForce = decisionRows.find((d) => d.state === 'APPROVED') ?? null;

  const [representations] = pending
    ? await tx
        .select({
          made: sql<number>`count(*)`.mapWith(Number),
          open: sql<number>`count(*) filter (where ${representationRequests.state} = 'OPEN')`.mapWith(Number),
        })
        .from(representationRequests)
        .where(eq(representationRequests.decisionId, pending.id))
    : [{ made: 0, open: 0 }];

  const [appeal] = await tx
    .select()
    .from(appeals)
    .where(eq(appeals.caseId, caseRow.id))
    .orderBy(desc(appeals.filedAt))
    .limit(1);
  const panel = appeal
    ? (await tx.select().from(appealPanelMembers).where(eq(appealPanelMembers.appealId, appeal.id))).map(
        (m) => m.personId,
      )
    : [];

  const [conditionCounts] = inForce
    ? await tx
        .select({
          total: sql<number>`count(*)`.mapWith(Number),
          unsettled: sql<number>`count(*) filter (where ${conditions.state} not in ('MET', 'WAIVED'))`.mapWith(Number),
        })
        .from(conditions)
        .where(eq(conditions.decisionId, inForce.id))
    : [{ total: 0, unsettled: 0 }];

  // Everyone who proposed or approved any of the office's decisions on the case: an appeals panel must
  // be independent of all of them, not only of the decision now in force (which may be the panel's own).
  const participants = [
    ...new Set(
      decisionRows
        .filter((d) => d.variesDecisionId === null)
        .flatMap((d) => [d.proposedById, d.approvedById])
        .filter((p): p is string => p !== null),
    ),
  ];
  const facts: CaseFacts = {
    origin: caseRow.origin,
    riskGrade: caseRow.riskGrade,
    anyConsultationObjected: consultation?.objected ?? false,
    openConsultations: consultation?.open ?? 0,
    openAssessments: assessment?.open ?? 0,
    phaseExtensionAvailable: Boolean(extensionRule) && currentClock !== null && currentClock.extendedAt === null,
    proposerId: pending?.proposedById ?? null,
    proposalPhase: pending ? proposalPhaseOf(caseClocks, pending.proposedAt) : null,
    proposedOutcome: pending?.outcome ?? null,
    representationRequestsMade: representations?.made ?? 0,
    representationRequestsOpen: representations?.open ?? 0,
    decisionHasConditions: (conditionCounts?.total ?? 0) > 0,
    decisionParticipantIds: participants,
    appealWindowDueAt: appealWindow?.dueAt ?? null,
    appealState: appeal?.state ?? null,
    appealPanelMemberIds: panel,
    allConditionsSettled: (conditionCounts?.unsettled ?? 0) === 0,
  };
  return {
    facts,
    regime,
    regimeFacts: {
      inDepthRequiredAtGrade: regime.inDepthRequiredAtGrade,
      inDepthRequiredOnObjection: regime.inDepthRequiredOnObjection,
    },
    currentClock,
  };
}

/** The phase a proposal was made in: the phase clock that was running when it was proposed. */
function proposalPhaseOf(caseClocks: (typeof clocks.$inferSelect)[], proposedAt: Date): 'REVIEW' | 'IN_DEPTH' | null {
  const running = caseClocks.find(
    (c) =>
      c.startedAt <= proposedAt &&
      (c.stoppedAt === null || c.stoppedAt >= proposedAt) &&
      (c.phase === 'REVIEW' || c.phase === 'IN_DEPTH'),
  );
  return running ? (running.phase as 'REVIEW' | 'IN_DEPTH') : null;
}

/**
 * What the case workflow's fact guards read for this actor at this moment: the same context for the
 * engine and for `availableActions`, so the two cannot judge an event differently.
 */
export function caseFactContext(actor: Actor, loaded: LoadedCaseFacts, now: Date): FactContext {
  return {
    now,
    actor: { id: actorId(actor), roles: actor.kind === 'SYSTEM' ? [] : actor.roles },
    deadline: loaded.currentClock?.dueAt ?? null,
    actorConflictDeclaration: null,
    case: loaded.facts,
    regime: loaded.regimeFacts,
  };
}
