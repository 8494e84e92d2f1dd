/**
 * Assessments: invite institutes with terms of reference; their status and reports; endorse, return or
 * withdraw. Each assessment's buttons come from its `availableActions`: a possible action is a button,
 * one the API lists as blocked is shown disabled with the API's reason, anything else is not offered.
 */
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { OrgName } from '../../components/OrgName.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import {
  type AssessmentEvent,
  type CaseAssessmentsFragment,
  EndorseAssessmentDocument,
  InviteInstituteDocument,
  ReturnAssessmentDocument,
  WithdrawAssessmentDocument,
} from '../../gql/graphql.ts';
import { formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from './case-context.ts';
import { useCaseMutation } from './use-case-mutation.ts';

export const CaseAssessmentsFragmentDoc = graphql(`
  fragment CaseAssessments on Case {
    id
    state
    assessments {
      id
      state
      version
      termsOfReference
      invitedAt
      respondedAt
      declineReason
      report
      recommendedStrategy
      recommendedSubStrategy
      submittedAt
      returnReason
      capabilityScores {
        INNOVATION
        MANUFACTURING
        SUPPORT
        REGULATORY
      }
      institute {
        id
        name
        nameZh
      }
      availableActions {
        event
        possible
        blockedReason
        reason
        reasonRequired
      }
    }
  }
`);

graphql(`
  mutation InviteInstitute($input: InviteInstituteInput!) {
    inviteInstitute(input: $input) {
      __typename
      ...MutationError
    }
  }
  mutation EndorseAssessment($input: AssessmentActionInput!) {
    endorseAssessment(input: $input) {
      __typename
      ...MutationError
    }
  }
  mutation ReturnAssessment($input: AssessmentReasonInput!) {
    returnAssessment(input: $input) {
      __typename
      ...MutationError
    }
  }
  mutation WithdrawAssessment($input: AssessmentReasonInput!) {
    withdrawAssessment(input: $input) {
      __typename
      ...MutationError
    }
  }
`);

const InstitutesQuery = graphql(`
  query Institutes {
    organizations(kind: INSTITUTE, first: 100) {
      nodes {
        id
        name
        nameZh
      }
    }
  }
`);

type Assessment = CaseAssessmentsFragment['assessments'][number];
type AssessmentActionView = Assessment['availableActions'][number];

/** The office's events on an assessment, in the order their buttons appear. */
const officeEvents: readonly AssessmentEvent[] = ['ENDORSE', 'RETURN_FOR_REVISION', 'WITHDRAW'];

export function AssessmentsTab(props: { data: CaseAssessmentsFragment }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const file = useCaseFile();
  const c = props.data;
  const [institutes] = useQuery({ query: InstitutesQuery, requestPolicy: 'cache-first' });
  const invite = useCaseMutation(InviteInstituteDocument, 'inviteInstitute');
  const endorse = useCaseMutation(EndorseAssessmentDocument, 'endorseAssessment');
  const [dialog, setDialog] = useState<{ assessment: Assessment; event: AssessmentEvent } | null>(null);
  const [form] = Form.useForm<{ instituteId: string; termsOfReference: string }>();
  const zh = i18n.language === 'zh-CN';
  const open = c.state === 'REVIEW' || c.state === 'IN_DEPTH';

  return (
    <div className="tab-body">
      {c.assessments.length === 0 ? (
        <Empty description={t('assessments.none')} />
      ) : (
        <List
          className="section"
          dataSource={c.assessments}
          renderItem={(a) => (
            <List.Item
              data-testid="assessment"
              actions={officeEvents.flatMap((event) => {
                const action = a.availableActions.find((x) => x.event === event);
                return action
                  ? [
                      <AssessmentActionButton
                        key={event}
                        assessment={a}
                        action={action}
                        loading={event === 'ENDORSE' && endorse.state.fetching}
                        onRun={() => {
                          if (event === 'ENDORSE') {
                            void endorse.run({ input: { assessmentId: a.id, expectedVersion: a.version } });
                          } else setDialog({ assessment: a, event });
                        }}
                      />,
                    ]
                  : [];
              })}
            >
              <List.Item.Meta
                title={
                  <Space>
                    <OrgName org={a.institute} />
                    <Tag data-testid="assessment-state">{label('ASSESSMENT_STATE', a.state)}</Tag>
                  </Space>
                }
                description={
                  <Descriptions size="small" column={1}>
                    <Descriptions.Item label={t('assessments.terms')}>{a.termsOfReference}</Descriptions.Item>
                    <Descriptions.Item label={t('assessments.invitedAt')}>
                      {formatInstant(a.invitedAt, file.zone, i18n.language)}
                    </Descriptions.Item>
                    {a.declineReason ? (
                      <Descriptions.Item label={t('assessments.declineReason')}>{a.declineReason}</Descriptions.Item>
                    ) : null}
                    {a.report ? (
                      <Descriptions.Item label={t('assessments.report')}>
                        <Typography.Paragraph>{a.report}</Typography.Paragraph>
                        {a.recommendedStrategy ? (
                          <div>
                            {t('assessments.recommends')}: {label('STRATEGY', a.recommendedStrategy)}
                            {a.recommendedSubStrategy ? ` / ${label('SUB_STRATEGY', a.recommendedSubStrategy)}` : ''}
                          </div>
                        ) : null}
                        {a.capabilityScores ? (
                          <Space wrap>
                            {(['INNOVATION', 'MANUFACTURING', 'SUPPORT', 'REGULATORY'] as const).map((k) =>
                              a.capabilityScores?.[k] != null ? (
                                <Tag key={k}>
                                  {label('CAPABILITY', k)}: {a.capabilityScores[k]}
                                </Tag>
                              ) : null,
                            )}
                          </Space>
                        ) : null}
                      </Descriptions.Item>
                    ) : null}
                    {a.returnReason ? (
                      <Descriptions.Item label={t('assessments.returnReason')}>{a.returnReason}</Descriptions.Item>
                    ) : null}
                  </Descriptions>
                }
              />
            </List.Item>
          )}
        />
      )}
      <ErrorAlert typed={endorse.state.typed} error={endorse.state.error} />
      {open ? (
        <Card size="small" title={t('assessments.invite')}>
          <Form
            name="invite"
            form={form}
            layout="vertical"
            onFinish={async (values) => {
              if (await invite.run({ input: { caseId: file.caseId, ...values } })) form.resetFields();
            }}
          >
            <Form.Item
              name="instituteId"
              label={t('assessments.institute')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                options={(institutes.data?.organizations.nodes ?? []).map((o) => ({
                  value: o.id,
                  label: zh ? (o.nameZh ?? o.name) : o.name,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="termsOfReference"
              label={t('assessments.terms')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <ErrorAlert typed={invite.state.typed} error={invite.state.error} />
            <Button type="primary" htmlType="submit" loading={invite.state.fetching}>
              {t('assessments.sendInvitation')}
            </Button>
          </Form>
        </Card>
      ) : null}
      {dialog ? (
        <ReasonDialog assessment={dialog.assessment} event={dialog.event} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}

/** The office's button for one event of an assessment, as the API judges it: possible, or blocked with its reason. */
function AssessmentActionButton(props: {
  assessment: Assessment;
  action: AssessmentActionView;
  loading: boolean;
  onRun: () => void;
}) {
  const { t } = useTranslation();
  const { action } = props;
  const blocked = action.possible
    ? null
    : action.blockedReason
      ? t(`blockedReason.${action.blockedReason}`, { defaultValue: action.reason ?? t('case.actionBlocked') })
      : (action.reason ?? t('case.actionBlocked'));
  // A blocked action stays focusable (aria-disabled) so that its reason reaches the keyboard too.
  return (
    <Tooltip title={blocked}>
      <Button
        type={action.event === 'ENDORSE' ? 'primary' : 'default'}
        aria-disabled={blocked !== null}
        className={blocked !== null ? 'action-blocked' : undefined}
        data-event={action.event}
        loading={props.loading}
        onClick={() => {
          if (blocked === null) props.onRun();
        }}
      >
        {t(`assessments.actions.${action.event}`)}
        {blocked !== null ? <span className="sr-only">: {blocked}</span> : null}
      </Button>
    </Tooltip>
  );
}

/** Returning a report or withdrawing an invitation: both need written reasons, recorded and sent to the institute. */
function ReasonDialog(props: { assessment: Assessment; event: AssessmentEvent; onClose: () => void }) {
  const { t } = useTranslation();
  const withdrawing = props.event === 'WITHDRAW';
  const returning = useCaseMutation(ReturnAssessmentDocument, 'returnAssessment');
  const withdrawal = useCaseMutation(WithdrawAssessmentDocument, 'withdrawAssessment');
  const { state } = withdrawing ? withdrawal : returning;
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={t(`assessments.actions.${props.event}`)}
      okText={t(withdrawing ? 'assessments.confirmWithdraw' : 'case.confirmAction')}
      cancelText={t('common.cancel')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={state.fetching}
      destroyOnHidden
    >
      {withdrawing ? (
        <Alert type="info" showIcon title={t('assessments.withdrawHint')} className="dialog-hint" />
      ) : null}
      <Form
        name={withdrawing ? 'withdrawAssessment' : 'returnAssessment'}
        form={form}
        layout="vertical"
        onFinish={async ({ reason }) => {
          const input = { assessmentId: props.assessment.id, expectedVersion: props.assessment.version, reason };
          const done = withdrawing ? await withdrawal.run({ input }) : await returning.run({ input });
          if (done) props.onClose();
        }}
      >
        <Form.Item
          name="reason"
          label={t('fields.reason')}
          rules={[{ required: true, whitespace: true, message: t('case.reasonRequired') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
      <ErrorAlert typed={state.typed} error={state.error} />
    </Modal>
  );
}
