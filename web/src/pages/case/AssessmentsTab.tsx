/** Assessments: invite institutes with terms of reference; their status and reports; endorse or return. */
import { Button, Card, Descriptions, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { OrgName } from '../../components/OrgName.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import {
  type CaseAssessmentsFragment,
  EndorseAssessmentDocument,
  InviteInstituteDocument,
  ReturnAssessmentDocument,
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

export function AssessmentsTab(props: { data: CaseAssessmentsFragment }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const file = useCaseFile();
  const c = props.data;
  const [institutes] = useQuery({ query: InstitutesQuery, requestPolicy: 'cache-first' });
  const invite = useCaseMutation(InviteInstituteDocument, 'inviteInstitute');
  const endorse = useCaseMutation(EndorseAssessmentDocument, 'endorseAssessment');
  const [returning, setReturning] = useState<Assessment | null>(null);
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
              actions={
                a.state === 'SUBMITTED'
                  ? [
                      <Button
                        key="endorse"
                        type="primary"
                        loading={endorse.state.fetching}
                        onClick={() => void endorse.run({ input: { assessmentId: a.id, expectedVersion: a.version } })}
                      >
                        {t('assessments.endorse')}
                      </Button>,
                      <Button key="return" onClick={() => setReturning(a)}>
                        {t('assessments.return')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space>
                    <OrgName org={a.institute} />
                    <Tag>{label('ASSESSMENT_STATE', a.state)}</Tag>
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
      {returning ? <ReturnDialog assessment={returning} onClose={() => setReturning(null)} /> : null}
    </div>
  );
}

function ReturnDialog(props: { assessment: Assessment; onClose: () => void }) {
  const { t } = useTranslation();
  const { run, state } = useCaseMutation(ReturnAssessmentDocument, 'returnAssessment');
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={t('assessments.return')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={state.fetching}
    >
      <Form
        name="returnAssessment"
        form={form}
        layout="vertical"
        onFinish={async ({ reason }) => {
          const done = await run({
            input: { assessmentId: props.assessment.id, expectedVersion: props.assessment.version, reason },
          });
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
