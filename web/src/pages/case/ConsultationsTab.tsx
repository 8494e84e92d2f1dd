/** Consultations: request opinions from member departments (each with its deadline); opinions as they arrive. */
import { Button, Card, Empty, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { WorkItemDeadline } from '../../components/Deadline.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { type CaseConsultationsFragment, RequestConsultationsDocument } from '../../gql/graphql.ts';
import { formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from './case-context.ts';
import { useCaseMutation } from './use-case-mutation.ts';

export const CaseConsultationsFragmentDoc = graphql(`
  fragment CaseConsultations on Case {
    id
    state
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
      department {
        id
        name
        nameZh
      }
    }
  }
`);

graphql(`
  mutation RequestConsultations($input: RequestConsultationsInput!) {
    requestConsultations(input: $input) {
      __typename
      ...MutationError
    }
  }
`);

const DepartmentsQuery = graphql(`
  query Departments {
    organizations(kind: DEPARTMENT, first: 100) {
      nodes {
        id
        code
        name
        nameZh
      }
    }
  }
`);

const opinionColours: Record<string, string> = {
  CONCUR: 'green',
  CONCUR_WITH_CONDITIONS: 'gold',
  OBJECT: 'red',
  NO_VIEW: 'default',
};

export function ConsultationsTab(props: { data: CaseConsultationsFragment }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const file = useCaseFile();
  const c = props.data;
  const [departments] = useQuery({ query: DepartmentsQuery, requestPolicy: 'cache-first' });
  const { run, state } = useCaseMutation(RequestConsultationsDocument, 'requestConsultations');
  const [form] = Form.useForm<{ departmentIds: string[]; question: string }>();
  const zh = i18n.language === 'zh-CN';
  const open = c.state === 'REVIEW' || c.state === 'IN_DEPTH';

  return (
    <div className="tab-body">
      {c.consultations.length === 0 ? (
        <Empty description={t('consultations.none')} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.consultations}
          className="section"
          columns={[
            {
              title: t('consultations.department'),
              key: 'dept',
              render: (_: unknown, x) => <OrgName org={x.department} />,
            },
            { title: t('consultations.round'), dataIndex: 'round', width: 70 },
            {
              title: t('consultations.state'),
              dataIndex: 'state',
              render: (s: string) => label('CONSULTATION_STATE', s),
            },
            {
              title: t('consultations.due'),
              key: 'due',
              render: (_: unknown, x) =>
                x.dueAt && x.state === 'REQUESTED' ? (
                  <WorkItemDeadline dueAt={x.dueAt} phase="CONSULTATION" clocks={c.clocks} zone={file.zone} />
                ) : x.respondedAt ? (
                  t('consultations.answeredAt', { when: formatInstant(x.respondedAt, file.zone, i18n.language) })
                ) : null,
            },
            {
              title: t('consultations.opinion'),
              key: 'opinion',
              render: (_: unknown, x) =>
                x.opinion ? (
                  <div>
                    <Tag color={opinionColours[x.opinion]}>{label('CONSULTATION_OPINION', x.opinion)}</Tag>
                    <div>{x.rationale}</div>
                  </div>
                ) : (
                  <Typography.Text type="secondary">{t('consultations.awaiting')}</Typography.Text>
                ),
            },
          ]}
          expandable={{ expandedRowRender: (x) => <p className="question">{x.question}</p> }}
        />
      )}
      {open ? (
        <Card size="small" title={t('consultations.request')}>
          <Form
            name="consult"
            form={form}
            layout="vertical"
            onFinish={async (values) => {
              const done = await run({
                input: {
                  caseId: file.caseId,
                  expectedVersion: file.version,
                  departmentIds: values.departmentIds,
                  question: values.question,
                },
              });
              if (done) form.resetFields();
            }}
          >
            <Form.Item
              name="departmentIds"
              label={t('consultations.departments')}
              rules={[{ required: true, type: 'array', min: 1, message: t('consultations.departmentsRequired') }]}
            >
              <Select
                mode="multiple"
                options={(departments.data?.organizations.nodes ?? []).map((d) => ({
                  value: d.id,
                  label: zh ? (d.nameZh ?? d.name) : d.name,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="question"
              label={t('consultations.question')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <ErrorAlert typed={state.typed} error={state.error} />
            <Button type="primary" htmlType="submit" loading={state.fetching}>
              {t('consultations.send')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
