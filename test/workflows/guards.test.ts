import { describe, expect, it } from 'vitest';
import { blockedReasons, factGuards, type GuardName, guards, inputGuards } from '../../workflows/guards.ts';
import { type ContextPatch, guardContext, now, satisfying, tomorrow, yesterday } from './fixtures.ts';

interface GuardCase {
  readonly guard: GuardName;
  readonly when: string;
  readonly patch: ContextPatch;
  readonly ok: boolean;
}

const panel = { appealPanelMemberIds: ['panel-1', 'panel-2'], decisionParticipantIds: ['officer-1', 'lead-2'] };

/** Each guard's rule as a table: the facts, and whether the guard lets the transition through. */
const table: readonly GuardCase[] = [
  { guard: 'reasonGiven', when: 'a reason is given', patch: { reasonGiven: true }, ok: true },
  { guard: 'reasonGiven', when: 'no reason is given', patch: { reasonGiven: false }, ok: false },

  { guard: 'filedByAFirm', when: 'a firm filed the case', patch: { case: { origin: 'FIRM_FILING' } }, ok: true },
  { guard: 'filedByAFirm', when: 'the office opened it', patch: { case: { origin: 'EX_OFFICIO' } }, ok: false },
  { guard: 'openedExOfficio', when: 'ex officio', patch: { case: { origin: 'EX_OFFICIO' } }, ok: true },
  { guard: 'openedExOfficio', when: 'from monitoring', patch: { case: { origin: 'MONITORING' } }, ok: true },
  { guard: 'openedExOfficio', when: 'a firm filing', patch: { case: { origin: 'FIRM_FILING' } }, ok: false },
  { guard: 'openedOnReferral', when: 'a referral', patch: { case: { origin: 'DEPARTMENT_REFERRAL' } }, ok: true },
  { guard: 'openedOnReferral', when: 'ex officio', patch: { case: { origin: 'EX_OFFICIO' } }, ok: false },

  { guard: 'riskGradeRecorded', when: 'graded LOW', patch: { case: { riskGrade: 'LOW' } }, ok: true },
  { guard: 'riskGradeRecorded', when: 'not graded', patch: { case: { riskGrade: null } }, ok: false },

  { guard: 'workItemsSettledOrReasonGiven', when: 'nothing outstanding', patch: {}, ok: true },
  {
    guard: 'workItemsSettledOrReasonGiven',
    when: 'a consultation awaits its answer',
    patch: { case: { openConsultations: 1 } },
    ok: false,
  },
  {
    guard: 'workItemsSettledOrReasonGiven',
    when: 'an accepted assessment awaits its report',
    patch: { case: { openAssessments: 1 } },
    ok: false,
  },
  {
    guard: 'workItemsSettledOrReasonGiven',
    when: 'work is outstanding but a reason is given',
    patch: { reasonGiven: true, case: { openConsultations: 2, openAssessments: 1 } },
    ok: true,
  },

  {
    guard: 'reviewMayConcludeWithoutInDepth',
    when: 'LOW, no objection',
    patch: { case: { riskGrade: 'LOW' } },
    ok: true,
  },
  { guard: 'reviewMayConcludeWithoutInDepth', when: 'MEDIUM', patch: { case: { riskGrade: 'MEDIUM' } }, ok: true },
  { guard: 'reviewMayConcludeWithoutInDepth', when: 'HIGH', patch: { case: { riskGrade: 'HIGH' } }, ok: false },
  { guard: 'reviewMayConcludeWithoutInDepth', when: 'CRITICAL', patch: { case: { riskGrade: 'CRITICAL' } }, ok: false },
  { guard: 'reviewMayConcludeWithoutInDepth', when: 'ungraded', patch: { case: { riskGrade: null } }, ok: false },
  {
    guard: 'reviewMayConcludeWithoutInDepth',
    when: 'HIGH under a regime whose threshold is CRITICAL',
    patch: {
      case: { riskGrade: 'HIGH' },
      regime: { inDepthRequiredAtGrade: 'CRITICAL', inDepthRequiredOnObjection: true },
    },
    ok: true,
  },
  {
    guard: 'reviewMayConcludeWithoutInDepth',
    when: 'MEDIUM under a regime whose threshold is MEDIUM',
    patch: {
      case: { riskGrade: 'MEDIUM' },
      regime: { inDepthRequiredAtGrade: 'MEDIUM', inDepthRequiredOnObjection: true },
    },
    ok: false,
  },
  {
    guard: 'reviewMayConcludeWithoutInDepth',
    when: 'an objection under a regime where objections do not escalate',
    patch: {
      case: { riskGrade: 'LOW', anyConsultationObjected: true },
      regime: { inDepthRequiredAtGrade: 'HIGH', inDepthRequiredOnObjection: false },
    },
    ok: true,
  },
  {
    guard: 'reviewMayConcludeWithoutInDepth',
    when: 'LOW but a department objected',
    patch: { case: { riskGrade: 'LOW', anyConsultationObjected: true } },
    ok: false,
  },

  {
    guard: 'inDepthRequirementMet',
    when: 'proposed in in-depth review after an objection',
    patch: { case: { proposalPhase: 'IN_DEPTH', riskGrade: 'CRITICAL', anyConsultationObjected: true } },
    ok: true,
  },
  {
    guard: 'inDepthRequirementMet',
    when: 'proposed in general review, LOW, no objection',
    patch: { case: { proposalPhase: 'REVIEW', riskGrade: 'LOW' } },
    ok: true,
  },
  {
    guard: 'inDepthRequirementMet',
    when: 'proposed in general review and an objection arrived since',
    patch: { case: { proposalPhase: 'REVIEW', riskGrade: 'LOW', anyConsultationObjected: true } },
    ok: false,
  },

  {
    guard: 'approverIsAnotherLeadReviewer',
    when: 'another lead reviewer approves',
    patch: { actor: { id: 'lead-2', roles: ['LEAD_REVIEWER'] }, case: { proposerId: 'officer-1' } },
    ok: true,
  },
  {
    guard: 'approverIsAnotherLeadReviewer',
    when: 'the proposer, also a lead reviewer, approves',
    patch: { actor: { id: 'officer-1', roles: ['CASE_OFFICER', 'LEAD_REVIEWER'] }, case: { proposerId: 'officer-1' } },
    ok: false,
  },
  {
    guard: 'approverIsAnotherLeadReviewer',
    when: 'the approver is not a lead reviewer',
    patch: { actor: { id: 'officer-2', roles: ['CASE_OFFICER'] }, case: { proposerId: 'officer-1' } },
    ok: false,
  },

  {
    guard: 'partiesHeardOnAdverseProposal',
    when: 'a clearance without conditions needs no representations',
    patch: { case: { proposedOutcome: 'CLEARED' } },
    ok: true,
  },
  {
    guard: 'partiesHeardOnAdverseProposal',
    when: 'a prohibition on which the parties were never asked',
    patch: { case: { proposedOutcome: 'PROHIBITED' } },
    ok: false,
  },
  {
    guard: 'partiesHeardOnAdverseProposal',
    when: 'conditions while a representation window is still open',
    patch: {
      case: {
        proposedOutcome: 'CLEARED_WITH_CONDITIONS',
        representationRequestsMade: 2,
        representationRequestsOpen: 1,
      },
    },
    ok: false,
  },
  {
    guard: 'partiesHeardOnAdverseProposal',
    when: 'conditions after every window closed',
    patch: {
      case: {
        proposedOutcome: 'CLEARED_WITH_CONDITIONS',
        representationRequestsMade: 2,
        representationRequestsOpen: 0,
      },
    },
    ok: true,
  },

  { guard: 'proposalMadeInReview', when: 'made in review', patch: { case: { proposalPhase: 'REVIEW' } }, ok: true },
  { guard: 'proposalMadeInReview', when: 'made in depth', patch: { case: { proposalPhase: 'IN_DEPTH' } }, ok: false },
  { guard: 'proposalMadeInDepth', when: 'made in depth', patch: { case: { proposalPhase: 'IN_DEPTH' } }, ok: true },
  { guard: 'proposalMadeInDepth', when: 'made in review', patch: { case: { proposalPhase: 'REVIEW' } }, ok: false },

  {
    guard: 'phaseExtensionAvailable',
    when: 'not yet extended',
    patch: { case: { phaseExtensionAvailable: true } },
    ok: true,
  },
  {
    guard: 'phaseExtensionAvailable',
    when: 'already extended',
    patch: { case: { phaseExtensionAvailable: false } },
    ok: false,
  },

  {
    guard: 'appealWithinWindow',
    when: 'filed before the window closes',
    patch: { case: { appealWindowDueAt: tomorrow } },
    ok: true,
  },
  {
    guard: 'appealWithinWindow',
    when: 'filed at the very last moment',
    patch: { case: { appealWindowDueAt: now } },
    ok: true,
  },
  {
    guard: 'appealWithinWindow',
    when: 'filed after the window closed',
    patch: { case: { appealWindowDueAt: yesterday } },
    ok: false,
  },
  { guard: 'appealWithinWindow', when: 'no decision yet', patch: {}, ok: false },

  { guard: 'deadlinePassed', when: 'the deadline is past', patch: { deadline: yesterday }, ok: true },
  { guard: 'deadlinePassed', when: 'exactly due now', patch: { deadline: now }, ok: false },
  { guard: 'deadlinePassed', when: 'a timer fires early', patch: { deadline: tomorrow }, ok: false },
  { guard: 'deadlinePassed', when: 'no clock runs', patch: { deadline: null }, ok: false },

  { guard: 'appealAwaitingAdmissibility', when: 'filed', patch: { case: { appealState: 'FILED' } }, ok: true },
  {
    guard: 'appealAwaitingAdmissibility',
    when: 'already admitted',
    patch: { case: { appealState: 'ADMITTED' } },
    ok: false,
  },
  { guard: 'appealAdmitted', when: 'admitted', patch: { case: { appealState: 'ADMITTED' } }, ok: true },
  { guard: 'appealAdmitted', when: 'not yet admitted', patch: { case: { appealState: 'FILED' } }, ok: false },

  { guard: 'panelIndependentOfDecision', when: 'two independent members', patch: { case: panel }, ok: true },
  {
    guard: 'panelIndependentOfDecision',
    when: 'only one member',
    patch: { case: { appealPanelMemberIds: ['panel-1'], decisionParticipantIds: [] } },
    ok: false,
  },
  {
    guard: 'panelIndependentOfDecision',
    when: 'a member approved the decision',
    patch: { case: { appealPanelMemberIds: ['panel-1', 'lead-2'], decisionParticipantIds: ['officer-1', 'lead-2'] } },
    ok: false,
  },

  {
    guard: 'actorSitsOnPanel',
    when: 'the actor sits on the panel',
    patch: { actor: { id: 'panel-2', roles: ['APPEALS_PANEL'] }, case: panel },
    ok: true,
  },
  {
    guard: 'actorSitsOnPanel',
    when: 'the actor sits on another panel',
    patch: { actor: { id: 'panel-9', roles: ['APPEALS_PANEL'] }, case: panel },
    ok: false,
  },

  // The same rules, checked when a ruling on admissibility names its panel (input guards).
  {
    guard: 'namedPanelIndependentOfDecision',
    when: 'the named panel is independent',
    patch: { case: panel },
    ok: true,
  },
  {
    guard: 'namedPanelIndependentOfDecision',
    when: 'the named panel has one member',
    patch: { case: { appealPanelMemberIds: ['panel-1'], decisionParticipantIds: [] } },
    ok: false,
  },
  {
    guard: 'namedPanelIncludesActor',
    when: 'the ruling member is named',
    patch: { actor: { id: 'panel-2', roles: ['APPEALS_PANEL'] }, case: panel },
    ok: true,
  },
  {
    guard: 'namedPanelIncludesActor',
    when: 'the ruling member is not named',
    patch: { actor: { id: 'panel-9', roles: ['APPEALS_PANEL'] }, case: panel },
    ok: false,
  },

  { guard: 'decisionHasConditions', when: 'conditions', patch: { case: { decisionHasConditions: true } }, ok: true },
  { guard: 'decisionHasConditions', when: 'none', patch: { case: { decisionHasConditions: false } }, ok: false },
  { guard: 'decisionHasNoConditions', when: 'none', patch: { case: { decisionHasConditions: false } }, ok: true },
  { guard: 'decisionHasNoConditions', when: 'conditions', patch: { case: { decisionHasConditions: true } }, ok: false },

  {
    guard: 'allConditionsSettled',
    when: 'all met or waived',
    patch: { case: { allConditionsSettled: true } },
    ok: true,
  },
  {
    guard: 'allConditionsSettled',
    when: 'one still open',
    patch: { case: { allConditionsSettled: false } },
    ok: false,
  },

  {
    guard: 'assessorDeclaredNoConflict',
    when: 'declared no conflict',
    patch: { actorConflictDeclaration: 'NO_CONFLICT' },
    ok: true,
  },
  {
    guard: 'assessorDeclaredNoConflict',
    when: 'declared a conflict',
    patch: { actorConflictDeclaration: 'CONFLICT' },
    ok: false,
  },
  {
    guard: 'assessorDeclaredNoConflict',
    when: 'declared nothing yet',
    patch: { actorConflictDeclaration: null },
    ok: false,
  },
];

describe('guards', () => {
  it.each(table)('$guard when $when: ok=$ok', ({ guard, patch, ok }) => {
    const result = guards[guard](guardContext(patch));
    expect(result.ok).toBe(ok);
    if (!result.ok) {
      expect(result.reason).not.toBe('');
      expect(blockedReasons).toContain(result.code);
    }
  });

  it('are of two kinds: fact guards never read the request, input guards do', () => {
    for (const guard of Object.keys(factGuards) as GuardName[]) {
      for (const patch of table.filter((row) => row.guard === guard).map((row) => row.patch)) {
        // The same facts with and without a reason: a fact guard's verdict cannot change.
        const without = guards[guard](guardContext(patch, { reasonGiven: false }));
        const withReason = guards[guard](guardContext(patch, { reasonGiven: true }));
        expect(withReason, guard).toEqual(without);
      }
    }
    expect(Object.keys(inputGuards).sort()).toEqual(
      [
        'namedPanelIncludesActor',
        'namedPanelIndependentOfDecision',
        'reasonGiven',
        'workItemsSettledOrReasonGiven',
      ].sort(),
    );
  });

  it('every guard is tested both letting a transition through and refusing it', () => {
    for (const guard of Object.keys(guards) as GuardName[]) {
      const outcomes = new Set(table.filter((row) => row.guard === guard).map((row) => row.ok));
      expect(outcomes, guard).toEqual(new Set([true, false]));
    }
  });

  it.each(Object.keys(satisfying) as GuardName[])('the fixture that satisfies %s does satisfy it', (guard) => {
    expect(guards[guard](guardContext(satisfying[guard]))).toEqual({ ok: true });
  });
});
