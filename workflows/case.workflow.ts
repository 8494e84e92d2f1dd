/**
 * The case lifecycle of design §4, as a transition table.
 *
 * Every state of the design's table and every exit it lists is a row here; nothing else moves a
 * case. A case opened by the office is created in `DRAFT` and moved by `OPEN_EX_OFFICIO` or `REFER`
 * in the same transaction, so no office case is ever seen as a draft; a discarded draft ends
 * `CLOSED` without a reference number, which is how lists know to hide it.
 */
import type { CaseEvent, CaseState, Role } from '../vocabulary/terms.ts';
import { caseStates } from '../vocabulary/terms.ts';
import {
  assignReference,
  type Effect,
  extendClock,
  notify,
  pauseClock,
  resumeClock,
  type Sender,
  startClock,
  stopAllClocks,
  stopClock,
  type Transition,
  type WorkflowDefinition,
} from './definition.ts';
import type { GuardName } from './guards.ts';

type CaseTransition = Transition<CaseState, CaseEvent>;

const firm: readonly Role[] = ['FIRM_REPRESENTATIVE'];
const officer: readonly Role[] = ['CASE_OFFICER'];
const officerOrLead: readonly Role[] = ['CASE_OFFICER', 'LEAD_REVIEWER'];
const leadReviewer: readonly Role[] = ['LEAD_REVIEWER'];
const panel: readonly Role[] = ['APPEALS_PANEL'];
const system: readonly Sender[] = ['SYSTEM'];

/** The states a firm may withdraw from: any state before `DECIDED` (design §4). */
const beforeDecision: readonly CaseState[] = [
  'SUBMITTED',
  'RETURNED',
  'SCREENING',
  'REVIEW',
  'IN_DEPTH',
  'DECISION_PROPOSED',
];

/**
 * A decision that stands (no appeal, an inadmissible appeal, or one upheld or varied) leads to
 * monitoring when it carries conditions and to closure otherwise: two rows told apart by a guard.
 */
function whenDecisionStands(
  row: Omit<CaseTransition, 'to' | 'description'>,
  description: string,
): readonly CaseTransition[] {
  return [
    {
      ...row,
      to: 'MONITORING',
      guards: [...row.guards, 'decisionHasConditions'],
      effects: [...row.effects, startClock('CONDITION'), notify('PARTIES', 'case.monitoring-started')],
      description: `${description}; the decision's conditions are monitored`,
    },
    {
      ...row,
      to: 'CLOSED',
      guards: [...row.guards, 'decisionHasNoConditions'],
      effects: [...row.effects, stopAllClocks, notify('PARTIES', 'case.closed')],
      description: `${description}; with no conditions the case closes`,
    },
  ];
}

const panelRuling: readonly GuardName[] = ['actorSitsOnPanel', 'panelIndependentOfDecision', 'reasonGiven'];
/**
 * A ruling on admissibility names the panel, which is constituted from the request just before the
 * event: its rules are checked when the ruling is sent, not when actions are listed.
 */
const namedPanel: readonly GuardName[] = ['namedPanelIncludesActor', 'namedPanelIndependentOfDecision'];
const appealEnds: readonly Effect[] = [stopClock('APPEAL_DECISION'), notify('CASE_OFFICER', 'case.appeal-decided')];

const transitions: readonly CaseTransition[] = [
  // Filing.
  {
    from: ['DRAFT'],
    event: 'SUBMIT',
    to: 'SUBMITTED',
    by: firm,
    guards: ['filedByAFirm'],
    effects: [assignReference, startClock('ACCEPTANCE'), notify('REVIEW_OFFICE', 'case.submitted')],
    description: 'The firm files its draft; the case gets its reference and the acceptance clock starts',
  },
  {
    from: ['DRAFT'],
    event: 'DISCARD',
    to: 'CLOSED',
    by: firm,
    guards: ['filedByAFirm'],
    effects: [],
    description: 'The firm discards its draft; kept but hidden, it never had a reference',
  },
  {
    from: ['SUBMITTED'],
    event: 'RETURN_FOR_COMPLETION',
    to: 'RETURNED',
    by: officer,
    guards: ['reasonGiven'],
    effects: [stopClock('ACCEPTANCE'), startClock('RESUBMISSION'), notify('FILER', 'case.returned-for-completion')],
    description: 'The officer returns an incomplete filing, stating in writing what is missing',
  },
  {
    from: ['RETURNED'],
    event: 'SUBMIT',
    to: 'SUBMITTED',
    by: firm,
    guards: [],
    effects: [stopClock('RESUBMISSION'), startClock('ACCEPTANCE'), notify('CASE_OFFICER', 'case.resubmitted')],
    description: 'The firm completes and resubmits its filing; acceptance starts again, the reference stays',
  },
  {
    from: ['RETURNED'],
    event: 'RESUBMISSION_WINDOW_EXPIRED',
    to: 'WITHDRAWN',
    by: system,
    guards: ['deadlinePassed'],
    effects: [
      stopAllClocks,
      notify('FILER', 'case.withdrawn-not-resubmitted'),
      notify('CASE_OFFICER', 'case.withdrawn'),
    ],
    description: 'The resubmission window passes without a resubmission; the filing counts as withdrawn',
  },
  {
    from: ['SUBMITTED'],
    event: 'ACCEPT',
    to: 'SCREENING',
    by: officer,
    guards: [],
    effects: [stopClock('ACCEPTANCE'), startClock('SCREENING'), notify('FILER', 'case.accepted')],
    description: 'The officer accepts a complete filing for screening',
  },
  // The office opens a case itself.
  {
    from: ['DRAFT'],
    event: 'OPEN_EX_OFFICIO',
    to: 'SCREENING',
    by: officerOrLead,
    guards: ['openedExOfficio'],
    effects: [assignReference, startClock('SCREENING'), notify('PARTIES', 'case.opened')],
    description: 'The office opens a case on its own initiative (or from monitoring), straight into screening',
  },
  {
    from: ['DRAFT'],
    event: 'REFER',
    to: 'SCREENING',
    by: officerOrLead,
    guards: ['openedOnReferral'],
    effects: [
      assignReference,
      startClock('SCREENING'),
      notify('PARTIES', 'case.opened'),
      notify('REFERRING_DEPARTMENT', 'case.referral-opened'),
    ],
    description: "The office calls a case in on a department's referral, straight into screening",
  },
  // Screening.
  {
    from: ['SCREENING'],
    event: 'CLOSE_AFTER_SCREENING',
    to: 'CLOSED',
    by: officer,
    guards: ['reasonGiven'],
    effects: [stopAllClocks, notify('PARTIES', 'case.closed-after-screening')],
    description: 'The officer finds no review is needed and records why',
  },
  {
    from: ['SCREENING'],
    event: 'START_REVIEW',
    to: 'REVIEW',
    by: officer,
    guards: ['riskGradeRecorded'],
    effects: [
      stopClock('SCREENING'),
      startClock('REVIEW'),
      notify('PARTIES', 'case.review-started'),
      notify('LEAD_REVIEWER', 'case.review-started'),
    ],
    description: 'The officer, having classified and graded the case, opens the general review',
  },
  // Review and in-depth review.
  {
    from: ['REVIEW'],
    event: 'ESCALATE_TO_IN_DEPTH',
    to: 'IN_DEPTH',
    by: officerOrLead,
    guards: [],
    effects: [
      stopClock('REVIEW'),
      startClock('IN_DEPTH'),
      notify('PARTIES', 'case.in-depth-started'),
      notify('CONSULTED_DEPARTMENTS', 'case.in-depth-started'),
    ],
    description: 'The office opens the in-depth review (required after an objection or at the regime threshold grade)',
  },
  {
    from: ['REVIEW'],
    event: 'EXTEND_PHASE',
    to: 'REVIEW',
    by: officerOrLead,
    guards: ['reasonGiven', 'phaseExtensionAvailable'],
    effects: [extendClock('REVIEW'), notify('PARTIES', 'case.phase-extended')],
    description: 'The office extends the general review once, with a reason, where the regime allows',
  },
  {
    from: ['IN_DEPTH'],
    event: 'EXTEND_PHASE',
    to: 'IN_DEPTH',
    by: officerOrLead,
    guards: ['reasonGiven', 'phaseExtensionAvailable'],
    effects: [extendClock('IN_DEPTH'), notify('PARTIES', 'case.phase-extended')],
    description: 'The office extends the in-depth review once, with a reason, where the regime allows',
  },
  {
    from: ['REVIEW'],
    event: 'PROPOSE_DECISION',
    to: 'DECISION_PROPOSED',
    by: officer,
    guards: ['workItemsSettledOrReasonGiven', 'reviewMayConcludeWithoutInDepth'],
    effects: [pauseClock('REVIEW'), notify('LEAD_REVIEWER', 'case.decision-proposed')],
    description:
      'The officer proposes a decision straight from general review (no objection, grade below the regime threshold)',
  },
  {
    from: ['IN_DEPTH'],
    event: 'PROPOSE_DECISION',
    to: 'DECISION_PROPOSED',
    by: officer,
    guards: ['workItemsSettledOrReasonGiven'],
    effects: [pauseClock('IN_DEPTH'), notify('LEAD_REVIEWER', 'case.decision-proposed')],
    description: 'The officer proposes a decision at the end of the in-depth review',
  },
  // The proposed decision.
  {
    from: ['DECISION_PROPOSED'],
    event: 'APPROVE_DECISION',
    to: 'DECIDED',
    by: leadReviewer,
    guards: ['approverIsAnotherLeadReviewer', 'inDepthRequirementMet', 'partiesHeardOnAdverseProposal'],
    effects: [
      stopClock('REVIEW'),
      stopClock('IN_DEPTH'),
      startClock('APPEAL_WINDOW'),
      notify('PARTIES', 'case.decided'),
      notify('CASE_OFFICER', 'case.decided'),
      notify('CONSULTED_DEPARTMENTS', 'case.decided'),
    ],
    description: 'A lead reviewer other than the proposer approves the decision; the appeal window opens',
  },
  {
    from: ['DECISION_PROPOSED'],
    event: 'SEND_BACK_DECISION',
    to: 'REVIEW',
    by: leadReviewer,
    guards: ['reasonGiven', 'proposalMadeInReview'],
    effects: [resumeClock('REVIEW'), notify('CASE_OFFICER', 'case.decision-sent-back')],
    description: 'The lead reviewer sends a proposal back to the general review it came from',
  },
  {
    from: ['DECISION_PROPOSED'],
    event: 'SEND_BACK_DECISION',
    to: 'IN_DEPTH',
    by: leadReviewer,
    guards: ['reasonGiven', 'proposalMadeInDepth'],
    effects: [resumeClock('IN_DEPTH'), notify('CASE_OFFICER', 'case.decision-sent-back')],
    description: 'The lead reviewer sends a proposal back to the in-depth review it came from',
  },
  // After the decision.
  ...whenDecisionStands(
    {
      from: ['DECIDED'],
      event: 'APPEAL_WINDOW_EXPIRED',
      by: system,
      guards: ['deadlinePassed'],
      effects: [stopClock('APPEAL_WINDOW')],
    },
    'The appeal window passes without an appeal',
  ),
  {
    from: ['DECIDED'],
    event: 'FILE_APPEAL',
    to: 'APPEALED',
    by: firm,
    guards: ['appealWithinWindow', 'reasonGiven'],
    effects: [
      stopClock('APPEAL_WINDOW'),
      startClock('APPEAL_DECISION'),
      notify('APPEALS_PANEL', 'case.appeal-filed'),
      notify('CASE_OFFICER', 'case.appeal-filed'),
      notify('LEAD_REVIEWER', 'case.appeal-filed'),
    ],
    description: 'The firm appeals, with grounds, within the appeal window',
  },
  {
    from: ['APPEALED'],
    event: 'ADMIT_APPEAL',
    to: 'APPEALED',
    by: panel,
    guards: ['appealAwaitingAdmissibility', ...namedPanel],
    effects: [notify('PARTIES', 'case.appeal-admitted')],
    description: 'The panel admits the appeal and goes on to the merits',
  },
  ...whenDecisionStands(
    {
      from: ['APPEALED'],
      event: 'DISMISS_APPEAL',
      by: panel,
      guards: ['appealAwaitingAdmissibility', ...namedPanel, 'reasonGiven'],
      effects: [...appealEnds, notify('PARTIES', 'case.appeal-inadmissible')],
    },
    'The panel finds the appeal inadmissible and the decision stands',
  ),
  ...whenDecisionStands(
    {
      from: ['APPEALED'],
      event: 'DECIDE_APPEAL_UPHELD',
      by: panel,
      guards: ['appealAdmitted', ...panelRuling],
      effects: [...appealEnds, notify('PARTIES', 'case.appeal-upheld')],
    },
    'The panel upholds the decision',
  ),
  ...whenDecisionStands(
    {
      from: ['APPEALED'],
      event: 'DECIDE_APPEAL_VARIED',
      by: panel,
      guards: ['appealAdmitted', ...panelRuling],
      effects: [...appealEnds, notify('PARTIES', 'case.appeal-varied')],
    },
    'The panel varies the decision and records the varied decision',
  ),
  {
    from: ['APPEALED'],
    event: 'DECIDE_APPEAL_REMITTED',
    to: 'REVIEW',
    by: panel,
    guards: ['appealAdmitted', ...panelRuling],
    effects: [...appealEnds, startClock('REVIEW'), notify('PARTIES', 'case.appeal-remitted')],
    description: 'The panel remits the case to review, on a new review clock',
  },
  // Monitoring.
  {
    from: ['MONITORING'],
    event: 'CONDITION_BREACHED',
    to: 'REVIEW',
    by: officerOrLead,
    guards: ['reasonGiven'],
    effects: [
      startClock('REVIEW'),
      notify('PARTIES', 'case.reopened-on-breach'),
      notify('LEAD_REVIEWER', 'case.reopened-on-breach'),
    ],
    description: 'A recorded breach of a condition reopens the review',
  },
  {
    from: ['MONITORING'],
    event: 'ALL_CONDITIONS_MET',
    to: 'CLOSED',
    by: ['CASE_OFFICER', 'SYSTEM'],
    guards: ['allConditionsSettled'],
    effects: [stopAllClocks, notify('PARTIES', 'case.closed')],
    description: 'Every condition is met or waived; the case closes',
  },
  // Withdrawal.
  {
    from: beforeDecision,
    event: 'WITHDRAW',
    to: 'WITHDRAWN',
    by: ['FIRM_REPRESENTATIVE', 'CASE_OFFICER'],
    guards: ['filedByAFirm'],
    effects: [
      stopAllClocks,
      notify('CASE_OFFICER', 'case.withdrawn'),
      notify('CONSULTED_DEPARTMENTS', 'case.withdrawn'),
      notify('INSTITUTE', 'case.withdrawn'),
    ],
    description: 'The firm withdraws its filing before a decision (the office may record it on its behalf)',
  },
];

/** The case lifecycle, version 1. */
export const caseWorkflow: WorkflowDefinition<CaseState, CaseEvent> = {
  id: 'case',
  version: 1,
  description:
    'A case from filing (or opening by the office) through screening, review, in-depth review, decision, ' +
    'appeal and monitoring of conditions to closure or withdrawal (design §4).',
  initial: 'DRAFT',
  states: caseStates,
  terminal: ['WITHDRAWN', 'CLOSED'],
  onCreate: [],
  transitions,
};
