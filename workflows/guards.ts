/**
 * Guards: the rules of design §1 and §4 that a transition must satisfy, as named pure functions.
 *
 * A guard reads only the {@link GuardContext} the engine assembles (plain data, no database, no
 * clock), so the same rule runs in the engine, in `availableActions` and in a table test. A
 * transition names its guards; the first one that refuses stops the transition with its reason.
 */
import type { appealStates, CaseOrigin, DecisionOutcome, RiskGrade, Role } from '../src/domain/vocabulary.ts';
import { riskGrades } from '../src/domain/vocabulary.ts';

type AppealState = (typeof appealStates)[number];

/** The facts of the case that guards read; the engine loads them in the event's transaction. */
export interface CaseFacts {
  /** How the case reached the office: only a firm's filing is submitted, discarded or withdrawn. */
  readonly origin: CaseOrigin;
  /** The confirmed risk grade, or null while the case is not yet graded. */
  readonly riskGrade: RiskGrade | null;
  /** Whether any department's submitted opinion is `OBJECT`. */
  readonly anyConsultationObjected: boolean;
  /** Consultations still `REQUESTED` and not yet overdue. */
  readonly consultationsAwaitingResponse: number;
  /** Assessments accepted (or returned for revision) whose report is not yet submitted. */
  readonly assessmentsAwaitingReport: number;
  /** Whether the regime allows extending the running phase clock and it has not been extended yet. */
  readonly phaseExtensionAvailable: boolean;
  /** Who proposed the pending decision, or null when none is pending. */
  readonly proposerId: string | null;
  /** The phase in which the pending decision was proposed. */
  readonly proposalPhase: 'REVIEW' | 'IN_DEPTH' | null;
  /** The outcome of the pending proposal, or null when none is pending. */
  readonly proposedOutcome: DecisionOutcome | null;
  /** Representation requests made on the pending proposal, and how many of them are still open. */
  readonly representationRequestsMade: number;
  readonly representationRequestsOpen: number;
  /** Whether the decision in force (as approved, or as varied by the panel) carries conditions. */
  readonly decisionHasConditions: boolean;
  /** People who took part in the decision (proposer, approver, others recorded on it). */
  readonly decisionParticipantIds: readonly string[];
  /** When the appeal window of the decision closes (end of its last day), or null before a decision. */
  readonly appealWindowDueAt: Date | null;
  /** The state of the case's current appeal, or null when none was filed. */
  readonly appealState: AppealState | null;
  /** The appeals panel sitting on the current appeal. */
  readonly appealPanelMemberIds: readonly string[];
  /** Whether every condition of the decision is `MET` or `WAIVED`. */
  readonly allConditionsSettled: boolean;
}

/**
 * The case's regime settings that guards read, copied by the engine from the regime the case keeps
 * (design §4: "the thresholds that send a case to IN_DEPTH" are regime data).
 */
export interface RegimeFacts {
  /** The lowest grade that requires in-depth review (that grade and above). */
  readonly inDepthRequiredAtGrade: RiskGrade;
  /** Whether a department's objection requires in-depth review. */
  readonly inDepthRequiredOnObjection: boolean;
}

/** Everything a guard may read: the actor, the request, the moment, the case's facts and its regime. */
export interface GuardContext {
  /** The moment the event is applied; the engine reads the clock once and passes it in. */
  readonly now: Date;
  /** The person sending the event (id null for the system), with the roles they hold. */
  readonly actor: { readonly id: string | null; readonly roles: readonly Role[] };
  /**
   * Whether the request carries the transition's own written reason (the audit entry's reason; for
   * an appeal, its grounds), not content such as a proposed decision's reasons.
   */
  readonly reasonGiven: boolean;
  /** When the clock this event is about falls due: the case's running clock, or the work item's own. */
  readonly deadline: Date | null;
  /** The acting person's own conflict-of-interest declaration on this assessment, if any. */
  readonly actorConflictDeclaration: 'NO_CONFLICT' | 'CONFLICT' | null;
  readonly case: CaseFacts;
  readonly regime: RegimeFacts;
}

/** A guard's verdict: refusals carry a reason the API returns to the caller. */
export type GuardResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** A guard: a pure function of the context. */
export type Guard = (ctx: GuardContext) => GuardResult;

const allowed: GuardResult = { ok: true };
const refused = (reason: string): GuardResult => ({ ok: false, reason });

/** Written reasons are recorded: returns, closures, send-backs, extensions, appeal grounds and rulings. */
export function reasonGiven(ctx: GuardContext): GuardResult {
  return ctx.reasonGiven ? allowed : refused('written reasons are required');
}

/** Only a firm's own filing is submitted, discarded or withdrawn; an office-opened case is closed instead. */
export function filedByAFirm(ctx: GuardContext): GuardResult {
  return ctx.case.origin === 'FIRM_FILING' ? allowed : refused('only a firm filing can be submitted or withdrawn');
}

/** The office opens ex officio cases, including those that arise from monitoring. */
export function openedExOfficio(ctx: GuardContext): GuardResult {
  return ctx.case.origin === 'EX_OFFICIO' || ctx.case.origin === 'MONITORING'
    ? allowed
    : refused('the case was not opened ex officio');
}

/** A call-in on a department's referral is recorded as such. */
export function openedOnReferral(ctx: GuardContext): GuardResult {
  return ctx.case.origin === 'DEPARTMENT_REFERRAL' ? allowed : refused('the case was not opened on a referral');
}

/** Screening ends in review only once the case is graded: the grade decides whether in-depth review is due. */
export function riskGradeRecorded(ctx: GuardContext): GuardResult {
  return ctx.case.riskGrade !== null ? allowed : refused('the case has no confirmed risk grade');
}

/** No proposal while a consultation awaits its answer or an accepted assessment its report, unless reasoned. */
export function workItemsSettledOrReasonGiven(ctx: GuardContext): GuardResult {
  const { consultationsAwaitingResponse, assessmentsAwaitingReport } = ctx.case;
  if (ctx.reasonGiven || (consultationsAwaitingResponse === 0 && assessmentsAwaitingReport === 0)) return allowed;
  return refused(
    `${consultationsAwaitingResponse} consultation(s) and ${assessmentsAwaitingReport} assessment(s) are still ` +
      'outstanding; record a reason to propose anyway',
  );
}

/**
 * General review may conclude only when no department objected and the grade is below the regime's
 * in-depth threshold (both regimes shipped: HIGH, and an objection counts).
 */
export function reviewMayConcludeWithoutInDepth(ctx: GuardContext): GuardResult {
  const { riskGrade, anyConsultationObjected } = ctx.case;
  const { inDepthRequiredAtGrade, inDepthRequiredOnObjection } = ctx.regime;
  if (riskGrade === null) return refused('the case has no confirmed risk grade');
  if (anyConsultationObjected && inDepthRequiredOnObjection) {
    return refused('a department objected: the case must pass through in-depth review');
  }
  if (riskGrades.indexOf(riskGrade) >= riskGrades.indexOf(inDepthRequiredAtGrade)) {
    return refused(`a ${riskGrade} grade requires in-depth review before a decision`);
  }
  return allowed;
}

/** At approval, re-check the in-depth rule for a proposal made in general review (an objection may arrive late). */
export function inDepthRequirementMet(ctx: GuardContext): GuardResult {
  return ctx.case.proposalPhase === 'IN_DEPTH' ? allowed : reviewMayConcludeWithoutInDepth(ctx);
}

/** Separation of duties: a lead reviewer other than the proposer approves (design §1). */
export function approverIsAnotherLeadReviewer(ctx: GuardContext): GuardResult {
  if (!ctx.actor.roles.includes('LEAD_REVIEWER')) return refused('only a lead reviewer approves a decision');
  if (ctx.actor.id === null || ctx.actor.id === ctx.case.proposerId) {
    return refused('the proposer of a decision cannot approve it');
  }
  return allowed;
}

/** The right to be heard: a prohibition or conditions are approved only after the parties' window closed. */
export function partiesHeardOnAdverseProposal(ctx: GuardContext): GuardResult {
  const { proposedOutcome, representationRequestsMade, representationRequestsOpen } = ctx.case;
  if (proposedOutcome !== 'PROHIBITED' && proposedOutcome !== 'CLEARED_WITH_CONDITIONS') return allowed;
  if (representationRequestsMade === 0) return refused('the parties have not been asked for representations');
  if (representationRequestsOpen > 0) return refused('the parties may still make representations');
  return allowed;
}

/** Selects the send-back that returns a proposal to general review, where it was made. */
export function proposalMadeInReview(ctx: GuardContext): GuardResult {
  return ctx.case.proposalPhase === 'REVIEW' ? allowed : refused('the proposal was not made in general review');
}

/** Selects the send-back that returns a proposal to in-depth review, where it was made. */
export function proposalMadeInDepth(ctx: GuardContext): GuardResult {
  return ctx.case.proposalPhase === 'IN_DEPTH' ? allowed : refused('the proposal was not made in in-depth review');
}

/** A phase is extended once, where the regime allows it (design §5). */
export function phaseExtensionAvailable(ctx: GuardContext): GuardResult {
  return ctx.case.phaseExtensionAvailable ? allowed : refused('this phase cannot be extended (again)');
}

/** An appeal is filed before the appeal window closes; `now` is the moment of filing. */
export function appealWithinWindow(ctx: GuardContext): GuardResult {
  const due = ctx.case.appealWindowDueAt;
  if (due === null) return refused('no appeal window is open');
  return ctx.now.getTime() <= due.getTime() ? allowed : refused('the appeal window has closed');
}

/** A system expiry is honoured only once its clock is really due, so an early or stale timer changes nothing. */
export function deadlinePassed(ctx: GuardContext): GuardResult {
  if (ctx.deadline === null) return refused('no deadline is running');
  return ctx.now.getTime() > ctx.deadline.getTime() ? allowed : refused('the deadline has not passed yet');
}

/** Admissibility is ruled on once, before the merits. */
export function appealAwaitingAdmissibility(ctx: GuardContext): GuardResult {
  return ctx.case.appealState === 'FILED' ? allowed : refused('the appeal is not awaiting a ruling on admissibility');
}

/** The merits are decided only on an admitted appeal. */
export function appealAdmitted(ctx: GuardContext): GuardResult {
  return ctx.case.appealState === 'ADMITTED' ? allowed : refused('the appeal has not been admitted');
}

/** A panel of at least two, none of whom took part in the decision under appeal (design §1). */
export function panelIndependentOfDecision(ctx: GuardContext): GuardResult {
  const { appealPanelMemberIds, decisionParticipantIds } = ctx.case;
  if (appealPanelMemberIds.length < 2) return refused('the appeals panel needs at least two members');
  if (appealPanelMemberIds.some((id) => decisionParticipantIds.includes(id))) {
    return refused('a panel member took part in the decision under appeal');
  }
  return allowed;
}

/** Only a member of the panel sitting on this appeal rules on it. */
export function actorSitsOnPanel(ctx: GuardContext): GuardResult {
  return ctx.actor.id !== null && ctx.case.appealPanelMemberIds.includes(ctx.actor.id)
    ? allowed
    : refused('the actor does not sit on this appeal panel');
}

/** Selects monitoring for a decision that stands with conditions. */
export function decisionHasConditions(ctx: GuardContext): GuardResult {
  return ctx.case.decisionHasConditions ? allowed : refused('the decision carries no conditions');
}

/** Selects closure for a decision that stands without conditions. */
export function decisionHasNoConditions(ctx: GuardContext): GuardResult {
  return ctx.case.decisionHasConditions ? refused('the decision carries conditions to monitor') : allowed;
}

/** Monitoring ends when every condition is met or waived. */
export function allConditionsSettled(ctx: GuardContext): GuardResult {
  return ctx.case.allConditionsSettled ? allowed : refused('some conditions are neither met nor waived');
}

/** An assessor works on a case only after declaring, personally, no conflict of interest (design §1–2). */
export function assessorDeclaredNoConflict(ctx: GuardContext): GuardResult {
  if (ctx.actorConflictDeclaration === 'NO_CONFLICT') return allowed;
  return refused(
    ctx.actorConflictDeclaration === 'CONFLICT'
      ? 'the assessor declared a conflict of interest'
      : 'the assessor has not declared whether they have a conflict of interest',
  );
}

/** Every guard by name; transitions refer to them by these names. */
export const guards = {
  reasonGiven,
  filedByAFirm,
  openedExOfficio,
  openedOnReferral,
  riskGradeRecorded,
  workItemsSettledOrReasonGiven,
  reviewMayConcludeWithoutInDepth,
  inDepthRequirementMet,
  approverIsAnotherLeadReviewer,
  partiesHeardOnAdverseProposal,
  proposalMadeInReview,
  proposalMadeInDepth,
  phaseExtensionAvailable,
  appealWithinWindow,
  deadlinePassed,
  appealAwaitingAdmissibility,
  appealAdmitted,
  panelIndependentOfDecision,
  actorSitsOnPanel,
  decisionHasConditions,
  decisionHasNoConditions,
  allConditionsSettled,
  assessorDeclaredNoConflict,
} satisfies Record<string, Guard>;

/** The name of a guard, as transitions cite it. */
export type GuardName = keyof typeof guards;
