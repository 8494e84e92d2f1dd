/**
 * Labels of the process vocabulary in both languages, beside the taxonomy's (labels.ts):
 * the case's actions, clock phases, roles, clearances, party roles, consultation and decision states,
 * organisation kinds, assessment and information-request states. The console words its buttons, badges and menus with them, so no client keeps
 * its own copy of the terms. Typed as complete records: a value added without a label fails to compile.
 */

import type { Label, Labels } from './label.ts';
import * as v from './terms.ts';
import { type CaseEvent, caseEvents } from './terms.ts';

const l = (en: string, zh: string, description: string): Label => ({ en, zh, description });

export const caseEventLabels: Labels<CaseEvent> = {
  SUBMIT: l('Submit filing', '提交申报', 'The firm files its draft; the case gets its reference.'),
  DISCARD: l('Discard draft', '放弃草稿', 'The firm discards its draft.'),
  RETURN_FOR_COMPLETION: l('Return for completion', '退回补正', 'The officer returns an incomplete filing.'),
  RESUBMISSION_WINDOW_EXPIRED: l('Resubmission window expired', '补正期满', 'No resubmission came in time.'),
  ACCEPT: l('Accept filing', '受理', 'The officer accepts a complete filing for screening.'),
  OPEN_EX_OFFICIO: l('Open ex officio', '依职权立案', 'The office opens a case on its own initiative.'),
  REFER: l('Open on referral', '移送立案', 'The office calls a case in on a referral.'),
  CLOSE_AFTER_SCREENING: l('Close after screening', '初审后结案', 'No review is needed; reasons recorded.'),
  START_REVIEW: l('Start review', '启动一般审查', 'The officer opens the general review.'),
  ESCALATE_TO_IN_DEPTH: l('Escalate to in-depth review', '转入特别审查', 'The office opens the in-depth review.'),
  EXTEND_PHASE: l('Extend phase', '延长审查期限', 'The office extends the general review once.'),
  PROPOSE_DECISION: l('Propose decision', '提出决定建议', 'The officer proposes a decision.'),
  APPROVE_DECISION: l('Approve decision', '批准决定', 'A second lead reviewer approves the decision.'),
  SEND_BACK_DECISION: l('Send back', '退回重审', 'The lead reviewer sends the proposal back to review.'),
  APPEAL_WINDOW_EXPIRED: l('Appeal window expired', '申述期满', 'No appeal came within the window.'),
  FILE_APPEAL: l('File appeal', '提出申述', 'The firm appeals within the window.'),
  ADMIT_APPEAL: l('Admit appeal', '受理申述', 'The panel admits the appeal.'),
  DISMISS_APPEAL: l('Dismiss appeal', '驳回申述', 'The panel finds the appeal inadmissible.'),
  DECIDE_APPEAL_UPHELD: l('Uphold decision', '维持原决定', 'The panel upholds the decision.'),
  DECIDE_APPEAL_VARIED: l('Vary decision', '变更决定', 'The panel varies the decision.'),
  DECIDE_APPEAL_REMITTED: l('Remit to review', '发回重审', 'The panel remits the case to review.'),
  CONDITION_BREACHED: l('Condition breached', '违反附加条件', 'A recorded breach reopens the review.'),
  ALL_CONDITIONS_MET: l('All conditions met', '条件均已履行', 'Every condition is met or waived.'),
  WITHDRAW: l('Withdraw', '撤回申报', 'The filing is withdrawn before a decision.'),
};

export const clockPhaseLabels: Labels<v.ClockPhase> = {
  ACCEPTANCE: l('Acceptance', '受理期', 'The office decides whether the filing is complete.'),
  RESUBMISSION: l('Resubmission', '补正期', 'The filer completes a returned filing.'),
  SCREENING: l('Screening', '初步审查', 'The office screens and classifies the case.'),
  REVIEW: l('General review', '一般审查', 'The general review.'),
  IN_DEPTH: l('In-depth review', '特别审查', 'The in-depth review.'),
  CONSULTATION: l('Consultation', '部门会商', 'A department gives its opinion.'),
  ASSESSMENT: l('Assessment', '第三方评估', 'An institute delivers its assessment.'),
  INFORMATION_REQUEST: l('Information request', '补充材料', 'A party answers a request for information.'),
  REPRESENTATIONS: l('Representations', '陈述申辩', 'The parties are heard on the proposal.'),
  APPEAL_WINDOW: l('Appeal window', '申述期', 'The firm may appeal the decision.'),
  APPEAL_DECISION: l('Appeal decision', '申述审理', 'The panel decides the appeal.'),
  CONDITION: l('Condition', '条件履行', 'A condition of the decision falls due.'),
};

export const roleLabels: Labels<v.Role> = {
  CASE_OFFICER: l('Case officer', '承办人', 'Handles cases in the review office.'),
  LEAD_REVIEWER: l('Lead reviewer', '审查组长', 'Staffs cases and approves decisions (four eyes).'),
  APPEALS_PANEL: l('Appeals panel', '申述委员会', 'Decides appeals; took no part in the decision.'),
  AUDITOR: l('Auditor', '审计员', 'Reads everything, changes nothing; checks the audit trail.'),
  ADMIN: l('Administrator', '系统管理员', 'Manages people, calendars and regimes; no case content.'),
  LIAISON: l('Department liaison', '部门联络员', 'Answers consultations for a member department.'),
  FIRM_REPRESENTATIVE: l('Firm representative', '企业代表', 'Files and follows the firm’s cases.'),
  ASSESSOR: l('Institute assessor', '评估专家', 'Delivers third-party assessments.'),
};

export const clearanceLevelLabels: Labels<v.ClearanceLevel> = {
  PUBLIC: l('Public', '公开', 'May be read by anyone taking part.'),
  INTERNAL: l('Internal', '内部', 'For those taking part only.'),
  CONFIDENTIAL: l('Confidential', '秘密', 'For those cleared to CONFIDENTIAL and above.'),
  SECRET: l('Secret', '机密', 'For those cleared to SECRET.'),
};

export const partyRoleLabels: Labels<v.PartyRole> = {
  FILER: l('Filer', '申报方', 'The firm that filed.'),
  SUBJECT: l('Subject', '当事企业', 'The firm the case is about.'),
  ACQUIRER: l('Acquirer', '收购方', 'The acquiring firm.'),
  TARGET: l('Target', '被收购方', 'The firm to be acquired.'),
  SUPPLIER: l('Supplier', '供应方', 'A supplier concerned.'),
  CUSTOMER: l('Customer', '客户', 'A customer concerned.'),
};

export const consultationStateLabels: Labels<(typeof v.consultationStates)[number]> = {
  REQUESTED: l('Requested', '待答复', 'The department has not answered yet.'),
  RESPONDED: l('Responded', '已答复', 'The department gave its opinion.'),
  OVERDUE: l('Overdue', '已逾期', 'The deadline passed without an answer.'),
};

export const consultationOpinionLabels: Labels<v.ConsultationOpinion> = {
  CONCUR: l('Concur', '同意', 'The department agrees.'),
  CONCUR_WITH_CONDITIONS: l('Concur with conditions', '附条件同意', 'The department agrees under conditions.'),
  OBJECT: l('Object', '反对', 'The department objects; in-depth review follows.'),
  NO_VIEW: l('No view', '无意见', 'The department has no view.'),
};

export const decisionStateLabels: Labels<(typeof v.decisionStates)[number]> = {
  PROPOSED: l('Proposed', '待批准', 'Waiting for a second lead reviewer.'),
  APPROVED: l('Approved', '已批准', 'Approved and notified.'),
  SENT_BACK: l('Sent back', '已退回', 'Sent back to review.'),
  SET_ASIDE: l('Set aside', '已撤销', 'Set aside on appeal (remitted).'),
  SUPERSEDED: l('Superseded', '已变更', 'Replaced by the panel’s varied decision.'),
};

export const assessmentStateLabels: Labels<(typeof v.assessmentStates)[number]> = {
  INVITED: l('Invited', '已邀请', 'The institute is invited; its assessors declare conflicts first.'),
  ACCEPTED: l('Accepted', '已接受', 'The institute accepted the terms of reference.'),
  DECLINED: l('Declined', '已拒绝', 'The institute declined, with reasons.'),
  SUBMITTED: l('Report submitted', '已提交报告', 'The report waits for the office to endorse or return it.'),
  ENDORSED: l('Endorsed', '已采纳', 'The office endorsed the report.'),
  RETURNED: l('Returned for revision', '退回修改', 'The office returned the report, with reasons.'),
  WITHDRAWN: l(
    'Invitation withdrawn',
    '已撤回邀请',
    'The office withdrew the invitation, with reasons; the institute was told.',
  ),
};

export const informationRequestStateLabels: Labels<(typeof v.informationRequestStates)[number]> = {
  OPEN: l('Open', '待答复', 'The party has not answered yet.'),
  ANSWERED: l('Answered', '已答复', 'The party answered.'),
  EXPIRED: l('Expired', '已过期', 'The deadline passed without an answer.'),
};

export const representationRequestStateLabels: Labels<(typeof v.representationRequestStates)[number]> = {
  OPEN: l('Open', '待陈述', 'The party may answer the proposed decision within the window.'),
  SUBMITTED: l('Submitted', '已陈述', 'The party submitted its representations.'),
  EXPIRED: l('Expired', '已逾期', 'The window closed without representations.'),
  CANCELLED: l('Cancelled', '已取消', 'The proposal was withdrawn or sent back; nothing to answer.'),
};

export const conditionStateLabels: Labels<(typeof v.conditionStates)[number]> = {
  OPEN: l('Open', '履行中', 'The condition runs; compliance reports are due.'),
  MET: l('Met', '已履行', 'The office confirmed the condition is met.'),
  BREACHED: l('Breached', '已违反', 'The office recorded a breach; the case went back to review.'),
  WAIVED: l('Waived', '已豁免', 'A lead reviewer released the owner from the condition.'),
};

export const appealStateLabels: Labels<(typeof v.appealStates)[number]> = {
  FILED: l('Filed', '已提起', 'The appeal waits for the panel to admit or dismiss it.'),
  ADMITTED: l('Admitted', '已受理', 'The panel admitted the appeal and hears it on the merits.'),
  INADMISSIBLE: l('Inadmissible', '不予受理', 'The panel found the appeal inadmissible; the decision stands.'),
  UPHELD: l('Upheld', '维持原决定', 'The panel upheld the decision.'),
  VARIED: l('Varied', '变更决定', 'The panel varied the decision.'),
  REMITTED: l('Remitted', '发回重审', 'The panel sent the case back to review.'),
};

export const organizationKindLabels: Labels<v.OrganizationKind> = {
  REVIEW_OFFICE: l('Review office', '审查办公室', 'The independent review office.'),
  DEPARTMENT: l('Member department', '成员单位', 'A government department consulted on cases.'),
  FIRM: l('Firm', '企业', 'A firm filing or party to cases.'),
  INSTITUTE: l('Institute', '评估机构', 'A research institute commissioned for assessments.'),
};

/** Every labelled process enum, by the name the API uses, with its values in order. */
export const processLabels = {
  CASE_EVENT: { values: caseEvents, labels: caseEventLabels },
  CLOCK_PHASE: { values: v.clockPhases, labels: clockPhaseLabels },
  ROLE: { values: v.roles, labels: roleLabels },
  CLEARANCE_LEVEL: { values: v.clearanceLevels, labels: clearanceLevelLabels },
  PARTY_ROLE: { values: v.partyRoles, labels: partyRoleLabels },
  CONSULTATION_STATE: { values: v.consultationStates, labels: consultationStateLabels },
  CONSULTATION_OPINION: { values: v.consultationOpinions, labels: consultationOpinionLabels },
  DECISION_STATE: { values: v.decisionStates, labels: decisionStateLabels },
  ORGANIZATION_KIND: { values: v.organizationKinds, labels: organizationKindLabels },
  ASSESSMENT_STATE: { values: v.assessmentStates, labels: assessmentStateLabels },
  INFORMATION_REQUEST_STATE: { values: v.informationRequestStates, labels: informationRequestStateLabels },
  REPRESENTATION_REQUEST_STATE: { values: v.representationRequestStates, labels: representationRequestStateLabels },
  CONDITION_STATE: { values: v.conditionStates, labels: conditionStateLabels },
  APPEAL_STATE: { values: v.appealStates, labels: appealStateLabels },
} as const;
