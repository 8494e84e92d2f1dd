/**
 * Guard contexts for the workflow tests: a neutral baseline that every test patches with only the
 * facts it is about, so each case reads as the rule it checks.
 */
import type { CaseFacts, GuardContext, GuardName } from '../../workflows/guards.ts';

/** The moment every test context is evaluated at. */
export const now = new Date('2026-03-02T03:00:00Z');
const dayMs = 24 * 60 * 60 * 1000;
export const yesterday = new Date(now.getTime() - dayMs);
export const tomorrow = new Date(now.getTime() + dayMs);

/** A case with nothing on it yet: an ungraded firm filing with no work items, decision or appeal. */
const baselineFacts: CaseFacts = {
  origin: 'FIRM_FILING',
  riskGrade: null,
  anyConsultationObjected: false,
  openConsultations: 0,
  openAssessments: 0,
  phaseExtensionAvailable: false,
  proposerId: null,
  proposalPhase: null,
  proposedOutcome: null,
  representationRequestsMade: 0,
  representationRequestsOpen: 0,
  decisionHasConditions: false,
  decisionParticipantIds: [],
  appealWindowDueAt: null,
  appealState: null,
  appealPanelMemberIds: [],
  allConditionsSettled: false,
};

/** A change to the baseline: any top-level field, and any case fact. */
export type ContextPatch = Partial<Omit<GuardContext, 'case'>> & { readonly case?: Partial<CaseFacts> };

/** The baseline context with the patches applied in order (case facts merged field by field). */
export function guardContext(...patches: readonly ContextPatch[]): GuardContext {
  let context: GuardContext = {
    now,
    actor: { id: 'person-1', roles: [] },
    reasonGiven: false,
    deadline: null,
    actorConflictDeclaration: null,
    case: baselineFacts,
    regime: { inDepthRequiredAtGrade: 'HIGH', inDepthRequiredOnObjection: true },
  };
  for (const patch of patches) context = { ...context, ...patch, case: { ...context.case, ...patch.case } };
  return context;
}

const panel = { appealPanelMemberIds: ['panel-1', 'panel-2'], decisionParticipantIds: ['officer-1', 'lead-2'] };

/** For each guard, facts under which it passes; a transition's patches combine without conflict. */
export const satisfying: Record<GuardName, ContextPatch> = {
  reasonGiven: { reasonGiven: true },
  filedByAFirm: { case: { origin: 'FIRM_FILING' } },
  openedExOfficio: { case: { origin: 'EX_OFFICIO' } },
  openedOnReferral: { case: { origin: 'DEPARTMENT_REFERRAL' } },
  riskGradeRecorded: { case: { riskGrade: 'MEDIUM' } },
  workItemsSettledOrReasonGiven: { case: { openConsultations: 0, openAssessments: 0 } },
  reviewMayConcludeWithoutInDepth: { case: { riskGrade: 'LOW', anyConsultationObjected: false } },
  inDepthRequirementMet: { case: { proposalPhase: 'IN_DEPTH' } },
  approverIsAnotherLeadReviewer: {
    actor: { id: 'lead-2', roles: ['LEAD_REVIEWER'] },
    case: { proposerId: 'officer-1' },
  },
  partiesHeardOnAdverseProposal: {
    case: { proposedOutcome: 'PROHIBITED', representationRequestsMade: 1, representationRequestsOpen: 0 },
  },
  proposalMadeInReview: { case: { proposalPhase: 'REVIEW' } },
  proposalMadeInDepth: { case: { proposalPhase: 'IN_DEPTH' } },
  phaseExtensionAvailable: { case: { phaseExtensionAvailable: true } },
  appealWithinWindow: { case: { appealWindowDueAt: tomorrow } },
  deadlinePassed: { deadline: yesterday },
  appealAwaitingAdmissibility: { case: { appealState: 'FILED' } },
  appealAdmitted: { case: { appealState: 'ADMITTED' } },
  panelIndependentOfDecision: { case: panel },
  actorSitsOnPanel: { actor: { id: 'panel-1', roles: ['APPEALS_PANEL'] }, case: panel },
  namedPanelIndependentOfDecision: { case: panel },
  namedPanelIncludesActor: { actor: { id: 'panel-1', roles: ['APPEALS_PANEL'] }, case: panel },
  decisionHasConditions: { case: { decisionHasConditions: true } },
  decisionHasNoConditions: { case: { decisionHasConditions: false } },
  allConditionsSettled: { case: { allConditionsSettled: true } },
  assessorDeclaredNoConflict: { actorConflictDeclaration: 'NO_CONFLICT' },
};
