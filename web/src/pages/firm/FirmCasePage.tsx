/**
 * A case as the firm sees it: what happens next and by when, what is asked of it (information
 * requests, the right to be heard on a proposed decision, the appeal within its window, compliance
 * reports on conditions), the filing's completeness check and submission while a draft, withdrawal
 * and refiling; and the shared file. Never a risk score, an internal note, a department's opinion or
 * an assessment: this page does not ask for them.
 */
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Deadline, WorkItemDeadline } from '../../components/Deadline.tsx';
import { typedErrorOf } from '../../errors/describe.ts';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import {
  AnswerInformationRequestDocument,
  DiscardFilingDocument,
  FileAppealDocument,
  type FirmCaseQuery,
  RefileCaseDocument,
  ReportComplianceDocument,
  SubmitFilingDocument,
  SubmitRepresentationDocument,
  WithdrawCaseDocument,
} from '../../gql/graphql.ts';
import { formatDay, formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from '../case/case-context.ts';
import { useCaseMutation } from '../case/use-case-mutation.ts';
import { ComplianceReports } from '../shared/ComplianceReports.tsx';
import { SharedCaseFile } from '../shared/SharedCaseFile.tsx';
import { clockForState, nextKey, offers, runningClock } from './firm-steps.ts';

const FirmCaseQueryDoc = graphql(`
  query FirmCase($id: ID!) {
    viewer {
      organization {
        id
      }
    }
    node(id: $id) {
      __typename
      ... on Case {
        ...SharedCase
        availableActions {
          event
          possible
        }
        refiledFrom {
          id
          reference
        }
        informationRequests {
          id
          state
          questions
          answer
          pausesPhaseClock
          requestedAt
          answeredAt
          dueAt
          version
        }
        representationRequests {
          id
          state
          disclosedText
          representation
          requestedAt
          submittedAt
          version
          addressedToOrganizationId
        }
        decisions {
          id
          state
          outcome
          noticeText
          approvedAt
          conditions {
            id
            description
            ownerOrganizationId
            state
            dueOn
            version
            complianceReports {
              id
              body
              submittedAt
              submittedBy {
                id
                displayName
              }
            }
          }
        }
        appeal {
          id
          state
          grounds
          filedAt
          panelReasons
        }
      }
    }
  }
`);

graphql(`
  mutation AnswerInformationRequest($input: AnswerInformationRequestInput!) {
    answerInformationRequest(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation SubmitRepresentation($input: SubmitRepresentationInput!) {
    submitRepresentation(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation FileAppeal($input: FileAppealInput!) {
    fileAppeal(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation ReportCompliance($input: ReportComplianceInput!) {
    reportCompliance(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation WithdrawCase($input: CaseActionInput!) {
    withdrawCase(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation SubmitFiling($input: CaseActionInput!) {
    submitFiling(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation DiscardFiling($input: CaseActionInput!) {
    discardFiling(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation RefileCase($input: RefileCaseInput!) {
    refileCase(input: $input) {
      __typename
      ...MutationError
      ... on CaseChanged {
        case {
          id
        }
      }
    }
  }
`);

type FoundCase = Extract<NonNullable<FirmCaseQuery['node']>, { __typename: 'Case' }>;

/** One answer form (information request, representation, appeal, compliance report). */
function TextAnswer(props: {
  name: string;
  label: string;
  submit: string;
  hint?: string;
  state: ReturnType<typeof useCaseMutation>['state'];
  onSend: (text: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  return (
    <Form
      name={props.name}
      form={form}
      layout="vertical"
      onFinish={async (values) => {
        if (await props.onSend(values.text)) form.resetFields();
      }}
    >
      <Form.Item
        name="text"
        label={props.label}
        extra={props.hint}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={4} />
      </Form.Item>
      <ErrorAlert typed={props.state.typed} error={props.state.error} />
      <Button type="primary" htmlType="submit" loading={props.state.fetching}>
        {props.submit}
      </Button>
    </Form>
  );
}

function InformationRequests(props: { data: FoundCase }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { zone } = useCaseFile();
  const { run, state } = useCaseMutation(AnswerInformationRequestDocument, 'answerInformationRequest');
  if (props.data.informationRequests.length === 0) return null;
  return (
    <Card size="small" className="section" title={t('firm.requests')} data-testid="firm-requests">
      {props.data.informationRequests.map((r) => (
        <div key={r.id} className="section">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('information.questions')}>
              <span className="question">{r.questions}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('information.state')}>
              <Tag>{label('INFORMATION_REQUEST_STATE', r.state)}</Tag>
              {r.state === 'OPEN' && r.pausesPhaseClock ? <Tag color="blue">{t('firm.clockPaused')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('information.due')}>
              {r.state === 'OPEN' && r.dueAt ? (
                <WorkItemDeadline dueAt={r.dueAt} phase="INFORMATION_REQUEST" clocks={props.data.clocks} zone={zone} />
              ) : r.answeredAt ? (
                t('consultations.answeredAt', { when: formatInstant(r.answeredAt, zone, i18n.language) })
              ) : (
                '—'
              )}
            </Descriptions.Item>
            {r.answer ? <Descriptions.Item label={t('information.answer')}>{r.answer}</Descriptions.Item> : null}
          </Descriptions>
          {r.state === 'OPEN' ? (
            <TextAnswer
              name={`answer-${r.id}`}
              label={t('information.answer')}
              submit={t('firm.sendAnswer')}
              hint={t('firm.answerHint')}
              state={state}
              onSend={(answer) => run({ input: { informationRequestId: r.id, expectedVersion: r.version, answer } })}
            />
          ) : null}
        </div>
      ))}
    </Card>
  );
}

function Representations(props: { data: FoundCase; ownId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { zone } = useCaseFile();
  const { run, state } = useCaseMutation(SubmitRepresentationDocument, 'submitRepresentation');
  const own = props.data.representationRequests.filter((r) => r.addressedToOrganizationId === props.ownId);
  if (own.length === 0) return null;
  const window = runningClock(props.data.clocks, 'REPRESENTATIONS');
  return (
    <Card size="small" className="section" title={t('firm.heard')} data-testid="firm-representations">
      {own.map((r) => (
        <div key={r.id} className="section">
          <Typography.Paragraph>{t('firm.heardIntro')}</Typography.Paragraph>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('firm.proposedNotice')}>
              <span className="question" data-testid="disclosed-text">
                {r.disclosedText}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('information.state')}>
              <Tag>{label('REPRESENTATION_REQUEST_STATE', r.state)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('firm.answerWindow')}>
              {r.state === 'OPEN' && window ? (
                <Deadline clock={window} zone={zone} />
              ) : r.submittedAt ? (
                t('consultations.answeredAt', { when: formatInstant(r.submittedAt, zone, i18n.language) })
              ) : (
                '—'
              )}
            </Descriptions.Item>
            {r.representation ? (
              <Descriptions.Item label={t('firm.representation')}>{r.representation}</Descriptions.Item>
            ) : null}
          </Descriptions>
          {r.state === 'OPEN' ? (
            <TextAnswer
              name="representation"
              label={t('firm.representation')}
              submit={t('firm.sendRepresentation')}
              state={state}
              onSend={(representation) =>
                run({ input: { representationRequestId: r.id, expectedVersion: r.version, representation } })
              }
            />
          ) : null}
        </div>
      ))}
    </Card>
  );
}

function DecisionAndAppeal(props: { data: FoundCase; ownId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const file = useCaseFile();
  const appeal = useCaseMutation(FileAppealDocument, 'fileAppeal');
  const compliance = useCaseMutation(ReportComplianceDocument, 'reportCompliance');
  const c = props.data;
  const decision = c.decisions[0];
  if (!decision && !c.appeal) return null;
  const appealWindow = runningClock(c.clocks, 'APPEAL_WINDOW');
  return (
    <Card size="small" className="section" title={t('firm.decision')} data-testid="firm-decision">
      {decision ? (
        <Descriptions size="small" column={1} bordered className="section">
          <Descriptions.Item label={t('fields.outcome')}>
            <Tag color="blue">{label('DECISION_OUTCOME', decision.outcome)}</Tag>
            {decision.approvedAt ? formatInstant(decision.approvedAt, file.zone, i18n.language) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.noticeText')}>{decision.noticeText}</Descriptions.Item>
        </Descriptions>
      ) : null}
      {decision && decision.conditions.length > 0 ? (
        <>
          <Typography.Title level={2} className="section-title">
            {t('decision.conditions')}
          </Typography.Title>
          <List
            dataSource={decision.conditions}
            renderItem={(k) => (
              <List.Item>
                <div className="grow">
                  <div>
                    {k.description} <Tag>{label('CONDITION_STATE', k.state)}</Tag>
                    {k.dueOn ? (
                      <span>
                        {t('decision.dueOn')}: {formatDay(`${k.dueOn}T00:00:00Z`, 'UTC', i18n.language)}
                      </span>
                    ) : null}
                  </div>
                  {k.ownerOrganizationId === props.ownId ? (
                    <ComplianceReports reports={k.complianceReports} zone={file.zone} />
                  ) : null}
                  {k.state === 'OPEN' && k.ownerOrganizationId === props.ownId ? (
                    <TextAnswer
                      name={`compliance-${k.id}`}
                      label={t('firm.complianceReport')}
                      submit={t('firm.sendCompliance')}
                      state={compliance.state}
                      onSend={(body) => compliance.run({ input: { conditionId: k.id, body } })}
                    />
                  ) : null}
                </div>
              </List.Item>
            )}
          />
        </>
      ) : null}
      {c.appeal ? (
        <Descriptions size="small" column={1} bordered className="section" data-testid="firm-appeal">
          <Descriptions.Item label={t('firm.appeal')}>
            <Tag>{label('APPEAL_STATE', c.appeal.state)}</Tag>
            {formatInstant(c.appeal.filedAt, file.zone, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('firm.grounds')}>{c.appeal.grounds}</Descriptions.Item>
          {c.appeal.panelReasons ? (
            <Descriptions.Item label={t('firm.panelReasons')}>{c.appeal.panelReasons}</Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : offers(c.availableActions, 'FILE_APPEAL') ? (
        <div className="section">
          <Typography.Title level={2} className="section-title">
            {t('firm.appealTitle')}
          </Typography.Title>
          {appealWindow ? (
            <Typography.Paragraph>
              {t('firm.appealWindow')} <Deadline clock={appealWindow} zone={file.zone} />
            </Typography.Paragraph>
          ) : null}
          <TextAnswer
            name="appeal"
            label={t('firm.grounds')}
            submit={t('firm.fileAppeal')}
            hint={t('firm.groundsHint')}
            state={appeal.state}
            onSend={(grounds) => appeal.run({ input: { caseId: c.id, expectedVersion: c.version, grounds } })}
          />
        </div>
      ) : null}
    </Card>
  );
}

/** The completeness check of a draft or returned filing, then submission; discarding a draft. */
function Filing(props: { data: FoundCase }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const submit = useCaseMutation(SubmitFilingDocument, 'submitFiling');
  const discard = useCaseMutation(DiscardFilingDocument, 'discardFiling');
  const c = props.data;
  const checks = [
    { key: 'title', ok: c.title.trim().length > 0, required: true },
    { key: 'summary', ok: c.summary.trim().length > 0, required: true },
    { key: 'parties', ok: c.parties.length > 0, required: true },
    { key: 'nodes', ok: c.chainNodes.length > 0, required: true },
    { key: 'documents', ok: c.documents.length > 0, required: false },
  ];
  const complete = checks.every((k) => k.ok || !k.required);
  return (
    <Card size="small" className="section" title={t('firm.completeness')} data-testid="firm-filing">
      <List
        size="small"
        dataSource={checks}
        renderItem={(k) => (
          <List.Item>
            <span data-testid={`check-${k.key}`} data-ok={k.ok}>
              {k.ok ? (
                <CheckCircleOutlined className="check-ok" aria-hidden />
              ) : (
                <CloseCircleOutlined className={k.required ? 'check-missing' : 'check-optional'} aria-hidden />
              )}{' '}
              {t(`firm.check.${k.key}`)} —{' '}
              {k.ok ? t('firm.check.ok') : k.required ? t('firm.check.missing') : t('firm.check.recommended')}
            </span>
          </List.Item>
        )}
      />
      {!complete ? <Alert type="warning" showIcon className="section" title={t('firm.incomplete')} /> : null}
      <ErrorAlert typed={submit.state.typed} error={submit.state.error} />
      <ErrorAlert typed={discard.state.typed} error={discard.state.error} />
      <Space wrap>
        {offers(c.availableActions, 'SUBMIT') ? (
          <Button
            type="primary"
            disabled={!complete}
            loading={submit.state.fetching}
            onClick={() => void submit.run({ input: { caseId: c.id, expectedVersion: c.version } })}
          >
            {c.state === 'RETURNED' ? t('firm.resubmit') : t('firm.submit')}
          </Button>
        ) : null}
        {offers(c.availableActions, 'DISCARD') ? (
          <Popconfirm
            title={t('firm.discardConfirm')}
            okText={t('common.yes')}
            cancelText={t('common.no')}
            onConfirm={async () => {
              if (await discard.run({ input: { caseId: c.id, expectedVersion: c.version } })) navigate('/my-cases');
            }}
          >
            <Button>{t('firm.discard')}</Button>
          </Popconfirm>
        ) : null}
      </Space>
    </Card>
  );
}

function WithdrawOrRefile(props: { data: FoundCase }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const withdraw = useCaseMutation(WithdrawCaseDocument, 'withdrawCase');
  const [refiling, refile] = useMutation(RefileCaseDocument);
  const c = props.data;
  if (c.state === 'WITHDRAWN') {
    return (
      <Card size="small" className="section" title={t('firm.refileTitle')}>
        <Typography.Paragraph>{t('firm.refileIntro')}</Typography.Paragraph>
        <Button
          type="primary"
          loading={refiling.fetching}
          onClick={async () => {
            const result = await refile({ input: { caseId: c.id } });
            const answer = result.data?.refileCase;
            if (answer?.__typename === 'CaseChanged') {
              void message.success(t('firm.refiled'));
              navigate(`/my-cases/${encodeURIComponent(answer.case.id)}`);
            } else {
              void message.error(typedErrorOf(answer)?.message ?? t('errors.server'));
            }
          }}
        >
          {t('firm.refile')}
        </Button>
      </Card>
    );
  }
  if (!offers(c.availableActions, 'WITHDRAW') || c.state === 'DRAFT') return null;
  return (
    <Card size="small" className="section" title={t('firm.withdrawTitle')}>
      <Form
        name="withdraw"
        layout="vertical"
        onFinish={(values: { reason: string }) =>
          void withdraw.run({ input: { caseId: c.id, expectedVersion: c.version, reason: values.reason } })
        }
      >
        <Typography.Paragraph>{t('firm.withdrawIntro')}</Typography.Paragraph>
        <Form.Item
          name="reason"
          label={t('fields.reason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <ErrorAlert typed={withdraw.state.typed} error={withdraw.state.error} />
        <Button htmlType="submit" loading={withdraw.state.fetching}>
          {t('firm.withdraw')}
        </Button>
      </Form>
    </Card>
  );
}

function YourPart(props: { data: FoundCase; ownId: string | undefined }) {
  const { t } = useTranslation();
  const { zone } = useCaseFile();
  const c = props.data;
  const clock = runningClock(c.clocks, clockForState[c.state]);
  const drafting = c.state === 'DRAFT' || c.state === 'RETURNED';
  const hasAnything =
    drafting ||
    c.informationRequests.length > 0 ||
    c.representationRequests.length > 0 ||
    c.decisions.length > 0 ||
    c.appeal ||
    offers(c.availableActions, 'WITHDRAW') ||
    c.state === 'WITHDRAWN';
  return (
    <div className="tab-body">
      <Alert
        type="info"
        showIcon
        className="section"
        title={<span data-testid="firm-next">{t(nextKey(c.state))}</span>}
        description={clock ? <Deadline clock={clock} zone={zone} /> : undefined}
      />
      {c.refiledFrom ? (
        <Typography.Paragraph>
          {t('firm.refiledFrom', { reference: c.refiledFrom.reference ?? '' })}
        </Typography.Paragraph>
      ) : null}
      {drafting ? <Filing data={c} /> : null}
      <InformationRequests data={c} />
      <Representations data={c} ownId={props.ownId} />
      <DecisionAndAppeal data={c} ownId={props.ownId} />
      <WithdrawOrRefile data={c} />
      {!hasAnything ? <Empty description={t('firm.nothingAsked')} /> : null}
    </div>
  );
}

export default function FirmCasePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const [{ data, error, fetching }, refetchQuery] = useQuery({ query: FirmCaseQueryDoc, variables: { id: caseId } });
  const refetch = useCallback(() => refetchQuery({ requestPolicy: 'network-only' }), [refetchQuery]);
  const found = data?.node?.__typename === 'Case' ? data.node : null;
  const ownId = data?.viewer?.organization?.id;
  return (
    <SharedCaseFile
      data={found}
      fetching={fetching || !data}
      error={error}
      refetch={refetch}
      back={{ to: '/my-cases', label: t('firm.back') }}
      tabs={
        found ? [{ key: 'next', label: t('firm.tabs.next'), children: <YourPart data={found} ownId={ownId} /> }] : []
      }
    />
  );
}
