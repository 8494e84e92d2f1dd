/**
 * A case as an invited institute's assessor sees it: the assessment (terms of reference, the
 * personal conflict declaration, accept or decline, the evaluation form, the revision after a
 * return) and the shared file. A declared conflict removes the case from view at once.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Deadline } from '../../components/Deadline.tsx';
import { type TypedApiError, typedErrorOf } from '../../errors/describe.ts';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import {
  AcceptAssessmentDocument,
  type AssessorCaseQuery,
  DeclareConflictDocument,
  DeclineAssessmentDocument,
  SubmitAssessmentDocument,
} from '../../gql/graphql.ts';
import { formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from '../case/case-context.ts';
import { useCaseMutation } from '../case/use-case-mutation.ts';
import { SharedCaseFile } from '../shared/SharedCaseFile.tsx';
import { assessmentClock, nextStep } from './assessment-steps.ts';

const AssessorCaseQueryDoc = graphql(`
  query AssessorCase($id: ID!) {
    node(id: $id) {
      __typename
      ... on Case {
        ...SharedCase
        assessments {
          id
          state
          termsOfReference
          invitedAt
          respondedAt
          declineReason
          report
          capabilityScores {
            INNOVATION
            MANUFACTURING
            SUPPORT
            REGULATORY
          }
          recommendedStrategy
          recommendedSubStrategy
          submittedAt
          reviewedAt
          returnReason
          version
          declaredByYou
          institute {
            id
            name
            nameZh
          }
        }
      }
    }
  }
`);

graphql(`
  mutation DeclareConflict($input: DeclareConflictInput!) {
    declareConflict(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation AcceptAssessment($input: AssessmentActionInput!) {
    acceptAssessment(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation DeclineAssessment($input: AssessmentReasonInput!) {
    declineAssessment(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation SubmitAssessment($input: SubmitAssessmentInput!) {
    submitAssessment(input: $input) {
      __typename
      ...MutationError
    }
  }
`);

type FoundCase = Extract<NonNullable<AssessorCaseQuery['node']>, { __typename: 'Case' }>;
type Assessment = FoundCase['assessments'][number];
const capabilityKeys = ['INNOVATION', 'MANUFACTURING', 'SUPPORT', 'REGULATORY'] as const;

/** The personal declaration: no conflict (the work goes on) or a conflict (the case leaves the person's view). */
function ConflictDeclaration(props: { assessment: Assessment; reference: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const file = useCaseFile();
  const [{ fetching }, declare] = useMutation(DeclareConflictDocument);
  const [typed, setTyped] = useState<TypedApiError | null>(null);
  const [form] = Form.useForm<{ hasConflict: boolean; statement: string }>();
  return (
    <Card size="small" title={t('assessor.declareTitle')} className="section">
      <Typography.Paragraph>{t('assessor.declareIntro')}</Typography.Paragraph>
      <Form
        name="declare"
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          setTyped(null);
          const result = await declare({
            input: { assessmentId: props.assessment.id, hasConflict: values.hasConflict, statement: values.statement },
          });
          const refused = result.error ? null : typedErrorOf(result.data?.declareConflict);
          if (result.error || refused) {
            setTyped(refused);
            if (result.error) void message.error(t('errors.server'));
            return;
          }
          if (values.hasConflict) {
            // The case is no longer the person's to see: back to the list, saying why it is gone.
            navigate('/assessments', { replace: true, state: { removed: props.reference } });
          } else {
            void message.success(t('case.saved'));
            file.refetch();
          }
        }}
      >
        <Form.Item
          name="hasConflict"
          label={t('assessor.declaration')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Radio.Group>
            <Space direction="vertical">
              <Radio value={false}>{t('assessor.noConflict')}</Radio>
              <Radio value={true}>{t('assessor.hasConflict')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="statement"
          label={t('fields.statement')}
          extra={t('assessor.statementHint')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <ErrorAlert typed={typed} />
        <Button type="primary" htmlType="submit" loading={fetching}>
          {t('assessor.declare')}
        </Button>
      </Form>
    </Card>
  );
}

function AcceptOrDecline(props: { assessment: Assessment }) {
  const { t } = useTranslation();
  const accept = useCaseMutation(AcceptAssessmentDocument, 'acceptAssessment');
  const decline = useCaseMutation(DeclineAssessmentDocument, 'declineAssessment');
  const [form] = Form.useForm<{ reason: string }>();
  const a = props.assessment;
  return (
    <Card size="small" title={t('assessor.acceptTitle')} className="section">
      <Typography.Paragraph>{t('assessor.acceptIntro')}</Typography.Paragraph>
      <Button
        type="primary"
        loading={accept.state.fetching}
        onClick={() => void accept.run({ input: { assessmentId: a.id, expectedVersion: a.version } })}
      >
        {t('assessor.accept')}
      </Button>
      <ErrorAlert typed={accept.state.typed} error={accept.state.error} />
      <Form
        name="decline"
        form={form}
        layout="vertical"
        className="section-top"
        onFinish={(values) =>
          void decline.run({ input: { assessmentId: a.id, expectedVersion: a.version, reason: values.reason } })
        }
      >
        <Form.Item
          name="reason"
          label={t('assessor.declineReason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <ErrorAlert typed={decline.state.typed} error={decline.state.error} />
        <Button htmlType="submit" loading={decline.state.fetching}>
          {t('assessor.decline')}
        </Button>
      </Form>
    </Card>
  );
}

interface EvaluationValues {
  INNOVATION: number;
  MANUFACTURING: number;
  SUPPORT: number;
  REGULATORY: number;
  recommendedStrategy: string;
  recommendedSubStrategy: string;
  report: string;
}

/** The evaluation: a score per capability, the recommended strategy and the report; prefilled on a revision. */
function EvaluationForm(props: { assessment: Assessment }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { run, state } = useCaseMutation(SubmitAssessmentDocument, 'submitAssessment');
  const [form] = Form.useForm<EvaluationValues>();
  const a = props.assessment;
  const strategy = Form.useWatch('recommendedStrategy', form);
  const initial: Partial<EvaluationValues> = {
    ...(a.capabilityScores
      ? Object.fromEntries(capabilityKeys.map((k) => [k, a.capabilityScores?.[k] ?? undefined]))
      : {}),
    ...(a.recommendedStrategy ? { recommendedStrategy: a.recommendedStrategy } : {}),
    ...(a.recommendedSubStrategy ? { recommendedSubStrategy: a.recommendedSubStrategy } : {}),
    ...(a.report ? { report: a.report } : {}),
  };
  return (
    <Card size="small" title={a.state === 'RETURNED' ? t('assessor.reviseTitle') : t('assessor.reportTitle')}>
      <Form
        name="evaluation"
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) =>
          void run({
            input: {
              assessmentId: a.id,
              expectedVersion: a.version,
              report: values.report,
              capabilityScores: {
                INNOVATION: values.INNOVATION,
                MANUFACTURING: values.MANUFACTURING,
                SUPPORT: values.SUPPORT,
                REGULATORY: values.REGULATORY,
              },
              recommendedStrategy: values.recommendedStrategy as never,
              recommendedSubStrategy: values.recommendedSubStrategy as never,
            },
          })
        }
      >
        <Typography.Paragraph type="secondary">{t('assessor.scoresHint')}</Typography.Paragraph>
        <Space wrap size="large">
          {capabilityKeys.map((k) => (
            <Form.Item
              key={k}
              name={k}
              label={label('CAPABILITY', k)}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber min={0} max={5} precision={0} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item
          name="recommendedStrategy"
          label={t('fields.strategy')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            options={label.options('STRATEGY')}
            onChange={() => form.setFieldValue('recommendedSubStrategy', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="recommendedSubStrategy"
          label={t('fields.subStrategy')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={strategy ? label.options('SUB_STRATEGY', strategy) : []} disabled={!strategy} />
        </Form.Item>
        <Form.Item
          name="report"
          label={t('fields.report')}
          extra={t('assessor.reportHint')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={6} />
        </Form.Item>
        <ErrorAlert typed={state.typed} error={state.error} />
        <Button type="primary" htmlType="submit" loading={state.fetching}>
          {a.state === 'RETURNED' ? t('assessor.resubmit') : t('assessor.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function AssessmentTab(props: { data: FoundCase; assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { zone } = useCaseFile();
  const a = props.assessment;
  const step = nextStep(a);
  const clock = assessmentClock(props.data.clocks);
  return (
    <div className="tab-body">
      <Descriptions bordered size="small" column={1} className="section">
        <Descriptions.Item label={t('assessments.terms')}>
          <span className="question">{a.termsOfReference}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('assessments.invitedAt')}>
          {formatInstant(a.invitedAt, zone, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessor.assessmentState')}>
          <Tag data-testid="assessment-state">{label('ASSESSMENT_STATE', a.state)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('assessor.nextStep')}>
          <span data-testid="assessment-next">{t(`assessor.next.${step}`)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('consultations.due')}>
          {clock ? <Deadline clock={clock} zone={zone} /> : '—'}
        </Descriptions.Item>
        {a.submittedAt ? (
          <Descriptions.Item label={t('assessor.submittedAt')}>
            {formatInstant(a.submittedAt, zone, i18n.language)}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {a.state === 'RETURNED' && a.returnReason ? (
        <Alert
          type="warning"
          showIcon
          className="section"
          title={t('assessor.returned')}
          description={<span data-testid="return-reason">{a.returnReason}</span>}
        />
      ) : null}
      {step === 'declare' ? <ConflictDeclaration assessment={a} reference={props.data.reference ?? ''} /> : null}
      {step === 'acceptOrDecline' ? <AcceptOrDecline assessment={a} /> : null}
      {step === 'report' || step === 'revise' ? <EvaluationForm assessment={a} /> : null}
    </div>
  );
}

export default function AssessorCasePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const [{ data, error, fetching }, refetchQuery] = useQuery({
    query: AssessorCaseQueryDoc,
    variables: { id: caseId },
  });
  const refetch = useCallback(() => refetchQuery({ requestPolicy: 'network-only' }), [refetchQuery]);
  const found = data?.node?.__typename === 'Case' ? data.node : null;
  const assessment = found?.assessments.at(-1);
  const visible = found && assessment ? found : null;
  return (
    <SharedCaseFile
      data={visible}
      fetching={fetching || !data}
      error={error}
      refetch={refetch}
      back={{ to: '/assessments', label: t('assessor.back') }}
      tabs={
        visible && assessment
          ? [
              {
                key: 'assessment',
                label: t('assessor.tabs.assessment'),
                children: <AssessmentTab data={visible} assessment={assessment} />,
              },
            ]
          : []
      }
    />
  );
}
