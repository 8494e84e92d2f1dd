/**
 * Guards: the rules of design §1 and §4 that a transition must satisfy, as named pure functions.
 *
 * A guard reads only the {@link GuardContext} the engine assembles (plain data, no database, no
 * clock), so the same rule runs in the engine, in `availableActions` and in a table test. A
 * transition names its guards; the first one that refuses stops the transition with its reason.
 *
 * Guards are of two kinds. **Fact guards** read only what is stored (the case's facts, its regime,
 * the acting person and the moment): `availableActions` evaluates them, so an action it calls
 * possible is not refused by them. **Input guards** depend on what the request carries (a written
 * reason, the panel a ruling names): they are checked only when the event is sent, and the engine
 * checks them after every fact guard, so a request with a valid input meets the same verdict as
 * `availableActions` gave.
 */
import type { appealStates, CaseOrigin, DecisionOutcome, RiskGrade, Role } from '../vocabulary/terms.ts';
import { riskGrades } from '../vocabulary/terms.ts';

type AppealState = (typeof appealStates)[number];

/** The facts of the case that guards read; the engine loads them in the event's transaction. */
export interface CaseFacts {
  /** How the case reached the office: only a firm's filing is submitted, discarded or withdrawn. */
  readonly origin: CaseOrigin;
  /** The confirmed risk grade, or null while the case is not yet graded. */
  readonly riskGrade: RiskGrade | null;
  /** Whether any department's submitted opinion is `OBJECT`. */
  readonly anyConsultationObjected: boolean;
  /** Open consultations: not in a final state (see workflows/open-work-items.ts). */
  readonly openConsultations: number;
  /** Open assessments: not in a final state (see workflows/open-work-items.ts). */
  readonly openAssessments: number;
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

/**
 * Why a guard refuses, as a closed list of codes (the API's `BlockedReason`), so that a client can
 * word the refusal in its own language; the guard's sentence says the same in English.
 */
export const blockedReasonDescriptions = {
  REASON_REQUIRED: "Written reasons (or an appeal's grounds) are required.",
  NOT_A_FIRM_FILING: "Only a firm's own filing is submitted, discarded or withdrawn.",
  NOT_OPENED_EX_OFFICIO: 'The case was not opened ex officio.',
  NOT_OPENED_ON_REFERRAL: "The case was not opened on a department's referral.",
  NO_RISK_GRADE: 'Screening has not confirmed a risk grade yet.',
  OPEN_WORK_ITEMS: 'Consultations or assessments are still open: proposing needs a written reason.',
  DEPARTMENT_OBJECTED: 'A department objected: the regime requires in-depth review first.',
  GRADE_REQUIRES_IN_DEPTH: "The grade reaches the regime's in-depth threshold: in-depth review first.",
  NOT_A_LEAD_REVIEWER: 'Only a lead reviewer approves a decision.',
  PROPOSER_CANNOT_APPROVE: 'Separation of duties: the proposer of a decision cannot approve it.',
  PARTIES_NOT_HEARD: 'A prohibition or conditions: the parties have not been asked for representations.',
  REPRESENTATIONS_OPEN: "The parties' representations window is still open.",
  PROPOSAL_FROM_ANOTHER_PHASE: 'The pending proposal was made in another phase.',
  EXTENSION_UNAVAILABLE: 'The regime allows no (further) extension of this phase.',
  APPEAL_WINDOW_CLOSED: 'No appeal window is open.',
  DEADLINE_NOT_PASSED: 'The deadline this expiry is about has not passed (or none runs).',
  APPEAL_NOT_AWAITING_ADMISSIBILITY: 'The appeal is not awaiting a ruling on admissibility.',
  APPEAL_NOT_ADMITTED: 'The appeal has not been admitted.',
  PANEL_NOT_INDEPENDENT: 'The panel has fewer than two members, or one of them took part in the decision.',
  NOT_ON_PANEL: 'You do not sit on the panel of this appeal.',
  DECISION_CONDITIONS_MISMATCH: 'The decision in force does (not) carry conditions: another path applies.',
  CONDITIONS_UNSETTLED: 'Some conditions are neither met nor waived.',
  CONFLICT_OF_INTEREST: 'The assessor declared a conflict of interest.',
  CONFLICT_NOT_DECLARED: 'The assessor has not declared whether they have a conflict of interest.',
} as const;
export const blockedReasons = Object.keys(blockedReasonDescriptions) as (keyof typeof blockedReasonDescriptions)[];
export type BlockedReason = keyof typeof blockedReasonDescriptions;

/** A guard's verdict: refusals carry a code and a sentence the API returns to the caller. */
export type GuardResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: BlockedReason; readonly reason: string };

/** What a fact guard may read: everything but the request. */
export type FactContext = Omit<GuardContext, 'reasonGiven'>;

/** A fact guard: a pure function of the stored facts, the actor and the moment. */
export type FactGuard = (ctx: FactContext) => GuardResult;

/** A guard: a pure function of the context. */
export type Guard = (ctx: GuardContext) => GuardResult;

const allowed: GuardResult = { ok: true };
const refused = (code: BlockedReason, reason: string): GuardResult => ({ ok: false, code, reason });

/** Written reasons are recorded: returns, closures, send-backs, extensions, appeal grounds and rulings. */
export function reasonGiven(ctx: GuardContext): GuardResult {
  return ctx.reasonGiven ? allowed : refused('REASON_REQUIRED', 'written reasons are required');
}

/** Only a firm's own filing is submitted, discarded or withdrawn; an office-opened case is closed instead. */
export function filedByAFirm(ctx: FactContext): GuardResult {
  return ctx.case.origin === 'FIRM_FILING'
    ? allowed
    : refused('NOT_A_FIRM_FILING', 'only a firm filing can be submitted or withdrawn');
}

/** The office opens ex officio cases, including those that arise from monitoring. */
export function openedExOfficio(ctx: FactContext): GuardResult {
  return ctx.case.origin === 'EX_OFFICIO' || ctx.case.origin === 'MONITORING'
    ? allowed
    : refused('NOT_OPENED_EX_OFFICIO', 'the case was not opened ex officio');
}

/** A call-in on a department's referral is recorded as such. */
export function openedOnReferral(ctx: FactContext): GuardResult {
  return ctx.case.origin === 'DEPARTMENT_REFERRAL'
    ? allowed
    : refused('NOT_OPENED_ON_REFERRAL', 'the case was not opened on a referral');
}

/** Screening ends in review only once the case is graded: the grade decides whether in-depth review is due. */
export function riskGradeRecorded(ctx: FactContext): GuardResult {
  return ctx.case.riskGrade !== null ? allowed : refused('NO_RISK_GRADE', 'the case has no confirmed risk grade');
}

/** No proposal while work items are open (any consultation or assessment not in a final state), unless reasoned. */
export function workItemsSettledOrReasonGiven(ctx: GuardContext): GuardResult {
  const { openConsultations, openAssessments } = ctx.case;
  if (ctx.reasonGiven || (openConsultations === 0 && openAssessments === 0)) return allowed;
  return refused(
    'OPEN_WORK_ITEMS',
    `${openConsultations} consultation(s) and ${openAssessments} assessment(s) are still open; ` +
      'record a reason to propose anyway',
  );
}

/**
 * General review may conclude only when no department objected and the grade is below the regime's
 * in-depth threshold (both regimes shipped: HIGH, and an objection counts).
 */
export function reviewMayConcludeWithoutInDepth(ctx: FactContext): GuardResult {
  const { riskGrade, anyConsultationObjected } = ctx.case;
  const { inDepthRequiredAtGrade, inDepthRequiredOnObjection } = ctx.regime;
  if (riskGrade === null) return refused('NO_RISK_GRADE', 'the case has no confirmed risk grade');
  if (anyConsultationObjected && inDepthRequiredOnObjection) {
    return refused('DEPARTMENT_OBJECTED', 'a department objected: the case must pass through in-depth review');
  }
  if (riskGrades.indexOf(riskGrade) >= riskGrades.indexOf(inDepthRequiredAtGrade)) {
    return refused('GRADE_REQUIRES_IN_DEPTH', `a ${riskGrade} grade requires in-depth review before a decision`);
  }
  return allowed;
}

/** At approval, re-check the in-depth rule for a proposal made in general review (an objection may arrive late). */
export function inDepthRequirementMet(ctx: FactContext): GuardResult {
  return ctx.case.proposalPhase === 'IN_DEPTH' ? allowed : reviewMayConcludeWithoutInDepth(ctx);
}

/** Separation of duties: a lead reviewer other than the proposer approves (design §1). */
export function approverIsAnotherLeadReviewer(ctx: FactContext): GuardResult {
  if (!ctx.actor.roles.includes('LEAD_REVIEWER'))
    return refused('NOT_A_LEAD_REVIEWER', 'only a lead reviewer approves a decision');
  if (ctx.actor.id === null || ctx.actor.id === ctx.case.proposerId) {
    return refused('PROPOSER_CANNOT_APPROVE', 'the proposer of a decision cannot approve it');
  }
  return allowed;
}

/** The right to be heard: a prohibition or conditions are approved only after the parties' window closed. */
export function partiesHeardOnAdverseProposal(ctx: FactContext): GuardResult {
  const { proposedOutcome, representationRequestsMade, representationRequestsOpen } = ctx.case;
  if (proposedOutcome !== 'PROHIBITED' && proposedOutcome !== 'CLEARED_WITH_CONDITIONS') return allowed;
  if (representationRequestsMade === 0)
    return refused('PARTIES_NOT_HEARD', 'the parties have not been asked for representations');
  if (representationRequestsOpen > 0)
    return refused('REPRESENTATIONS_OPEN', 'the parties may still make representations');
  return allowed;
}

/** Selects the send-back that returns a proposal to general review, where it was made. */
export function proposalMadeInReview(ctx: FactContext): GuardResult {
  return ctx.case.proposalPhase === 'REVIEW'
    ? allowed
    : refused('PROPOSAL_FROM_ANOTHER_PHASE', 'the proposal was not made in general review');
}

/** Selects the send-back that returns a proposal to in-depth review, where it was made. */
export function proposalMadeInDepth(ctx: FactContext): GuardResult {
  return ctx.case.proposalPhase === 'IN_DEPTH'
    ? allowed
    : refused('PROPOSAL_FROM_ANOTHER_PHASE', 'the proposal was not made in in-depth review');
}

/** A phase is extended once, where the regime allows it (design §5). */
export function phaseExtensionAvailable(ctx: FactContext): GuardResult {
  return ctx.case.phaseExtensionAvailable
    ? allowed
    : refused('EXTENSION_UNAVAILABLE', 'this phase cannot be extended (again)');
}

/** An appeal is filed before the appeal window closes; `now` is the moment of filing. */
export function appealWithinWindow(ctx: FactContext): GuardResult {
  const due = ctx.case.appealWindowDueAt;
  if (due === null) return refused('APPEAL_WINDOW_CLOSED', 'no appeal window is open');
  return ctx.now.getTime() <= due.getTime() ? allowed : refused('APPEAL_WINDOW_CLOSED', 'the appeal window has closed');
}

/** A system expiry is honoured only once its clock is really due, so an early or stale timer changes nothing. */
export function deadlinePassed(ctx: FactContext): GuardResult {
  if (ctx.deadline === null) return refused('DEADLINE_NOT_PASSED', 'no deadline is running');
  return ctx.now.getTime() > ctx.deadline.getTime()
    ? allowed
    : refused('DEADLINE_NOT_PASSED', 'the deadline has not passed yet');
}

/** Admissibility is ruled on once, before the merits. */
export function appealAwaitingAdmissibility(ctx: FactContext): GuardResult {
  return ctx.case.appealState === 'FILED'
    ? allowed
    : refused('APPEAL_NOT_AWAITING_ADMISSIBILITY', 'the appeal is not awaiting a ruling on admissibility');
}

/** The merits are decided only on an admitted appeal. */
export function appealAdmitted(ctx: FactContext): GuardResult {
  return ctx.case.appealState === 'ADMITTED'
    ? allowed
    : refused('APPEAL_NOT_ADMITTED', 'the appeal has not been admitted');
}

/** A panel of at least two, none of whom took part in the decision under appeal (design §1). */
export function panelIndependentOfDecision(ctx: FactContext): GuardResult {
  const { appealPanelMemberIds, decisionParticipantIds } = ctx.case;
  if (appealPanelMemberIds.length < 2)
    return refused('PANEL_NOT_INDEPENDENT', 'the appeals panel needs at least two members');
  if (appealPanelMemberIds.some((id) => decisionParticipantIds.includes(id))) {
    return refused('PANEL_NOT_INDEPENDENT', 'a panel member took part in the decision under appeal');
  }
  return allowed;
}

/** Only a member of the panel sitting on this appeal rules on it. */
export function actorSitsOnPanel(ctx: FactContext): GuardResult {
  return ctx.actor.id !== null && ctx.case.appealPanelMemberIds.includes(ctx.actor.id)
    ? allowed
    : refused('NOT_ON_PANEL', 'the actor does not sit on this appeal panel');
}

/** Selects monitoring for a decision that stands with conditions. */
export function decisionHasConditions(ctx: FactContext): GuardResult {
  return ctx.case.decisionHasConditions
    ? allowed
    : refused('DECISION_CONDITIONS_MISMATCH', 'the decision carries no conditions');
}

/** Selects closure for a decision that stands without conditions. */
export function decisionHasNoConditions(ctx: FactContext): GuardResult {
  return ctx.case.decisionHasConditions
    ? refused('DECISION_CONDITIONS_MISMATCH', 'the decision carries conditions to monitor')
    : allowed;
}

/** Monitoring ends when every condition is met or waived. */
export function allConditionsSettled(ctx: FactContext): GuardResult {
  return ctx.case.allConditionsSettled
    ? allowed
    : refused('CONDITIONS_UNSETTLED', 'some conditions are neither met nor waived');
}

/** An assessor works on a case only after declaring, personally, no conflict of interest (design §1–2). */
export function assessorDeclaredNoConflict(ctx: FactContext): GuardResult {
  if (ctx.actorConflictDeclaration === 'NO_CONFLICT') return allowed;
  return ctx.actorConflictDeclaration === 'CONFLICT'
    ? refused('CONFLICT_OF_INTEREST', 'the assessor declared a conflict of interest')
    : refused('CONFLICT_NOT_DECLARED', 'the assessor has not declared whether they have a conflict of interest');
}

/**
 * The panel a ruling on admissibility names is constituted from the request in the same transaction,
 * just before the event: for that ruling the panel rules are input guards (checked when sent).
 */
export const namedPanelIncludesActor: Guard = (ctx) => actorSitsOnPanel(ctx);
export const namedPanelIndependentOfDecision: Guard = (ctx) => panelIndependentOfDecision(ctx);

/** Guards that read only stored facts, the actor and the moment: `availableActions` evaluates them. */
export const factGuards = {
  filedByAFirm,
  openedExOfficio,
  openedOnReferral,
  riskGradeRecorded,
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
} satisfies Record<string, FactGuard>;

/** Guards that depend on the request: checked only when the event is sent, after every fact guard. */
export const inputGuards = {
  reasonGiven,
  workItemsSettledOrReasonGiven,
  namedPanelIncludesActor,
  namedPanelIndependentOfDecision,
} satisfies Record<string, Guard>;

/** Every guard by name; transitions refer to them by these names. */
export const guards: Record<keyof typeof factGuards | keyof typeof inputGuards, Guard> = {
  ...factGuards,
  ...inputGuards,
};

/** The name of a guard, as transitions cite it. */
export type GuardName = keyof typeof guards;
export type FactGuardName = keyof typeof factGuards;

/** The input guards a written reason satisfies: with one of them unmet, the event needs a reason. */
export const reasonGuards: readonly GuardName[] = ['reasonGiven', 'workItemsSettledOrReasonGiven'];

/** Whether a guard reads only stored facts (else it depends on the request). */
export function isFactGuard(name: GuardName): name is FactGuardName {
  return name in factGuards;
}
