/**
 * The case's actions, from the API: each event it lists is a button; an impossible one is shown
 * disabled with the API's reason. Events done through a form (classify, propose) open their tab;
 * the others ask for the written reasons they need, then send the event.
 */

import { Alert, Button, Form, Input, Modal, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import type { BlockedReason, CaseEvent } from '../../gql/graphql.ts';
import {
  AcceptFilingDocument,
  ApproveDecisionDocument,
  CloseAfterScreeningDocument,
  CloseMonitoringDocument,
  EscalateToInDepthDocument,
  ExtendPhaseDocument,
  ReturnForCompletionDocument,
  SendBackDecisionDocument,
  StartReviewDocument,
  WithdrawCaseDocument,
} from '../../gql/graphql.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from './case-context.ts';
import { useCaseMutation } from './use-case-mutation.ts';

/** One action as the console shows it, from `Case.availableActions`. */
export interface CaseActionView {
  readonly event: CaseEvent;
  readonly possible: boolean;
  /** The rule that blocks it (worded from the console's strings), when not possible. */
  readonly blockedReason?: BlockedReason | null;
  /** The API's sentence for the rule, shown when the console has no wording for the code. */
  readonly reason?: string | null;
  /** Whether sending it needs written reasons now. */
  readonly reasonRequired?: boolean;
}

/** The API's actions as the bar shows them: possible ones as buttons, the others disabled with their reason. */
export const actionsFromApi = (actions: readonly CaseActionView[]): CaseActionView[] =>
  actions.map(({ event, possible, blockedReason, reason, reasonRequired }) => ({
    event,
    possible,
    blockedReason: blockedReason ?? null,
    reason: reason ?? null,
    reasonRequired: reasonRequired ?? false,
  }));

export const CaseActionsFragmentDoc = graphql(`
  fragment CaseActions on Case {
    availableActions {
      event
      possible
      blockedReason
      reason
      reasonRequired
    }
  }
`);

const CaseEventMutation = graphql(`
  mutation AcceptFiling($input: CaseActionInput!) {
    acceptFiling(input: $input) { __typename ...MutationError }
  }
  mutation ReturnForCompletion($input: CaseActionInput!) {
    returnForCompletion(input: $input) { __typename ...MutationError }
  }
  mutation CloseAfterScreening($input: CaseActionInput!) {
    closeAfterScreening(input: $input) { __typename ...MutationError }
  }
  mutation StartReview($input: CaseActionInput!) {
    startReview(input: $input) { __typename ...MutationError }
  }
  mutation EscalateToInDepth($input: CaseActionInput!) {
    escalateToInDepth(input: $input) { __typename ...MutationError }
  }
  mutation ExtendPhase($input: CaseActionInput!) {
    extendPhase(input: $input) { __typename ...MutationError }
  }
  mutation WithdrawCase($input: CaseActionInput!) {
    withdrawCase(input: $input) { __typename ...MutationError }
  }
  mutation ApproveDecision($input: DecisionCaseInput!) {
    approveDecision(input: $input) { __typename ...MutationError }
  }
  mutation SendBackDecision($input: DecisionCaseInput!) {
    sendBackDecision(input: $input) { __typename ...MutationError }
  }
  mutation CloseMonitoring($input: DecisionCaseInput!) {
    closeMonitoring(input: $input) { __typename ...MutationError }
  }
`);
void CaseEventMutation;

/** The events sent straight from the bar: the mutation, and whether written reasons are required. */
const direct: Partial<Record<CaseEvent, { field: string; reason: 'required' | 'optional' }>> = {
  ACCEPT: { field: 'acceptFiling', reason: 'optional' },
  RETURN_FOR_COMPLETION: { field: 'returnForCompletion', reason: 'required' },
  CLOSE_AFTER_SCREENING: { field: 'closeAfterScreening', reason: 'required' },
  START_REVIEW: { field: 'startReview', reason: 'optional' },
  ESCALATE_TO_IN_DEPTH: { field: 'escalateToInDepth', reason: 'optional' },
  EXTEND_PHASE: { field: 'extendPhase', reason: 'required' },
  WITHDRAW: { field: 'withdrawCase', reason: 'required' },
  APPROVE_DECISION: { field: 'approveDecision', reason: 'optional' },
  SEND_BACK_DECISION: { field: 'sendBackDecision', reason: 'required' },
  ALL_CONDITIONS_MET: { field: 'closeMonitoring', reason: 'optional' },
};

/** Events done through a tab's form. */
const inTab: Partial<Record<CaseEvent, string>> = { PROPOSE_DECISION: 'decision' };

export function ActionBar(props: { actions: readonly CaseActionView[]; onOpenTab: (tab: string) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [open, setOpen] = useState<CaseActionView | null>(null);
  return (
    <div className="action-bar" role="toolbar" aria-label={t('case.actions')}>
      <Space wrap>
        {props.actions.map((action) => {
          const supported = action.event in direct || action.event in inTab;
          const reason = !action.possible
            ? action.blockedReason
              ? t(`blockedReason.${action.blockedReason}`, { defaultValue: action.reason ?? t('case.actionBlocked') })
              : (action.reason ?? t('case.actionBlocked'))
            : supported
              ? null
              : t('case.actionElsewhere');
          // A blocked action stays focusable (aria-disabled, not disabled) so that its reason reaches
          // the keyboard and screen readers as well as the mouse.
          return (
            <Tooltip key={action.event} title={reason}>
              <Button
                type={
                  action.event === 'APPROVE_DECISION' || action.event === 'PROPOSE_DECISION' ? 'primary' : 'default'
                }
                aria-disabled={reason !== null}
                className={reason !== null ? 'action-blocked' : undefined}
                data-event={action.event}
                onClick={() => {
                  if (reason !== null) return;
                  if (inTab[action.event]) props.onOpenTab(inTab[action.event]!);
                  else setOpen(action);
                }}
              >
                {label('CASE_EVENT', action.event)}
                {reason !== null ? <span className="sr-only">: {reason}</span> : null}
              </Button>
            </Tooltip>
          );
        })}
        {props.actions.length === 0 ? <span className="muted">{t('case.noActions')}</span> : null}
      </Space>
      {open ? <EventDialog action={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function EventDialog(props: { action: CaseActionView; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const file = useCaseFile();
  const { event } = props.action;
  const spec = direct[event]!;
  // The API says when a rule asks for reasons now; some events always need them.
  const reasonRequired = spec.reason === 'required' || props.action.reasonRequired === true;
  const { run, state } = useCaseMutation(mutationFor(spec.field), spec.field as 'acceptFiling');
  const [form] = Form.useForm<{ reason?: string }>();
  return (
    <Modal
      open
      title={label('CASE_EVENT', event)}
      okText={t('case.confirmAction')}
      cancelText={t('common.cancel')}
      confirmLoading={state.fetching}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={label.description('CASE_EVENT', event)} className="dialog-hint" />
      <Form
        name="caseEvent"
        form={form}
        layout="vertical"
        onFinish={async ({ reason }) => {
          const done = await run({
            input: { caseId: file.caseId, expectedVersion: file.version, ...(reason ? { reason } : {}) },
          } as never);
          if (done) props.onClose();
        }}
      >
        <Form.Item
          name="reason"
          label={t('fields.reason')}
          extra={props.action.reasonRequired ? t('case.reasonRequiredNow') : undefined}
          rules={reasonRequired ? [{ required: true, whitespace: true, message: t('case.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
      <ErrorAlert typed={state.typed} error={state.error} />
    </Modal>
  );
}

const documents = {
  acceptFiling: AcceptFilingDocument,
  returnForCompletion: ReturnForCompletionDocument,
  closeAfterScreening: CloseAfterScreeningDocument,
  startReview: StartReviewDocument,
  escalateToInDepth: EscalateToInDepthDocument,
  extendPhase: ExtendPhaseDocument,
  withdrawCase: WithdrawCaseDocument,
  approveDecision: ApproveDecisionDocument,
  sendBackDecision: SendBackDecisionDocument,
  closeMonitoring: CloseMonitoringDocument,
} as const;

function mutationFor(field: string) {
  return documents[field as keyof typeof documents] as (typeof documents)['acceptFiling'];
}
