/**
 * A consulted case as the department's liaison sees it: the department's consultation (the
 * question, the deadline, the opinion form), the other departments' opinions once given, and the
 * shared file (overview, documents).
 */
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Select, Table, Tag } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { WorkItemDeadline } from '../../components/Deadline.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { type LiaisonCaseQuery, RespondToConsultationDocument } from '../../gql/graphql.ts';
import { formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from '../case/case-context.ts';
import { useCaseMutation } from '../case/use-case-mutation.ts';
import { SharedCaseFile } from '../shared/SharedCaseFile.tsx';

const LiaisonCaseQueryDoc = graphql(`
  query LiaisonCase($id: ID!) {
    viewer {
      organization {
        id
      }
    }
    node(id: $id) {
      __typename
      ... on Case {
        ...SharedCase
        clocks {
          phase
          dueAt
          workingDaysLeft
          overdue
          provisional
          paused
        }
        consultations {
          id
          round
          state
          question
          opinion
          rationale
          requestedAt
          respondedAt
          dueAt
          version
          department {
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
  mutation RespondToConsultation($input: RespondToConsultationInput!) {
    respondToConsultation(input: $input) {
      __typename
      ...MutationError
    }
  }
`);

type FoundCase = Extract<NonNullable<LiaisonCaseQuery['node']>, { __typename: 'Case' }>;
type Consultation = FoundCase['consultations'][number];

const opinionColours: Record<string, string> = {
  CONCUR: 'green',
  CONCUR_WITH_CONDITIONS: 'gold',
  OBJECT: 'red',
  NO_VIEW: 'default',
};

function OpinionForm(props: { consultation: Consultation }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { run, state } = useCaseMutation(RespondToConsultationDocument, 'respondToConsultation');
  const [form] = Form.useForm<{ opinion: string; rationale: string }>();
  return (
    <Form
      name="opinion"
      form={form}
      layout="vertical"
      onFinish={async (values) => {
        await run({
          input: {
            consultationId: props.consultation.id,
            expectedVersion: props.consultation.version,
            opinion: values.opinion as never,
            rationale: values.rationale,
          },
        });
      }}
    >
      <Form.Item name="opinion" label={t('fields.opinion')} rules={[{ required: true, message: t('form.required') }]}>
        <Select options={label.options('CONSULTATION_OPINION')} />
      </Form.Item>
      <Form.Item
        name="rationale"
        label={t('fields.rationale')}
        extra={t('liaison.rationaleHint')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={5} />
      </Form.Item>
      <ErrorAlert typed={state.typed} error={state.error} />
      <Button type="primary" htmlType="submit" loading={state.fetching}>
        {t('liaison.submitOpinion')}
      </Button>
    </Form>
  );
}

function OwnConsultation(props: { data: FoundCase; consultation: Consultation }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { zone } = useCaseFile();
  const x = props.consultation;
  return (
    <div className="tab-body">
      <Descriptions bordered size="small" column={1} className="section">
        <Descriptions.Item label={t('consultations.question')}>
          <span className="question">{x.question}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('consultations.round')}>{x.round}</Descriptions.Item>
        <Descriptions.Item label={t('liaison.askedOn')}>
          {formatInstant(x.requestedAt, zone, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('consultations.state')}>
          <span data-testid="own-consultation-state">{label('CONSULTATION_STATE', x.state)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('consultations.due')}>
          {x.dueAt && x.state !== 'RESPONDED' ? (
            <WorkItemDeadline dueAt={x.dueAt} phase="CONSULTATION" clocks={props.data.clocks} zone={zone} />
          ) : x.respondedAt ? (
            t('consultations.answeredAt', { when: formatInstant(x.respondedAt, zone, i18n.language) })
          ) : (
            '—'
          )}
        </Descriptions.Item>
        {x.opinion ? (
          <Descriptions.Item label={t('consultations.opinion')}>
            <Tag color={opinionColours[x.opinion]}>{label('CONSULTATION_OPINION', x.opinion)}</Tag>
            <div>{x.rationale}</div>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {x.state !== 'RESPONDED' ? (
        <Card size="small" title={t('liaison.giveOpinion')}>
          {x.state === 'OVERDUE' ? (
            <Alert type="warning" showIcon className="section" title={t('liaison.overdueHint')} />
          ) : null}
          <OpinionForm consultation={x} />
        </Card>
      ) : null}
    </div>
  );
}

function OtherOpinions(props: { others: readonly Consultation[]; answeredOwn: boolean }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { zone } = useCaseFile();
  const given = props.others.filter((x) => x.opinion);
  return (
    <div className="tab-body" data-testid="other-opinions">
      {!props.answeredOwn ? <Alert type="info" showIcon className="section" title={t('liaison.othersHint')} /> : null}
      {given.length === 0 ? (
        <Empty description={t('liaison.noOthers')} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={given}
          columns={[
            {
              title: t('consultations.department'),
              key: 'dept',
              render: (_: unknown, x) => <OrgName org={x.department} />,
            },
            {
              title: t('consultations.opinion'),
              key: 'opinion',
              render: (_: unknown, x) => (
                <div>
                  <Tag color={opinionColours[x.opinion ?? '']}>{label('CONSULTATION_OPINION', x.opinion)}</Tag>
                  <div>{x.rationale}</div>
                </div>
              ),
            },
            {
              title: t('liaison.answeredOn'),
              key: 'when',
              render: (_: unknown, x) => (x.respondedAt ? formatInstant(x.respondedAt, zone, i18n.language) : null),
            },
          ]}
        />
      )}
    </div>
  );
}

export default function LiaisonCasePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const [{ data, error, fetching }, refetchQuery] = useQuery({ query: LiaisonCaseQueryDoc, variables: { id: caseId } });
  const refetch = useCallback(() => refetchQuery({ requestPolicy: 'network-only' }), [refetchQuery]);
  const found = data?.node?.__typename === 'Case' ? data.node : null;
  const ownId = data?.viewer?.organization?.id;
  // The latest round of the department's own consultation is the one to answer.
  const own = found?.consultations.filter((x) => x.department.id === ownId).at(-1);
  const others = found?.consultations.filter((x) => x.department.id !== ownId) ?? [];
  // A case whose consultation is not the department's is not a liaison's to open.
  const visible = found && own ? found : null;

  return (
    <SharedCaseFile
      data={visible}
      fetching={fetching || !data}
      error={error}
      refetch={refetch}
      back={{ to: '/consultations', label: t('liaison.back') }}
      tabs={
        visible && own
          ? [
              {
                key: 'consultation',
                label: t('liaison.tabs.consultation'),
                children: <OwnConsultation data={visible} consultation={own} />,
              },
              {
                key: 'opinions',
                label: t('liaison.tabs.opinions'),
                children: <OtherOpinions others={others} answeredOwn={own.state === 'RESPONDED'} />,
              },
            ]
          : []
      }
    />
  );
}
