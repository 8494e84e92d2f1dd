/** Information requests: ask a party; the answer when it comes; the paused phase clock shown. */
import { Alert, Button, Card, Empty, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WorkItemDeadline } from '../../components/Deadline.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { type CaseInformationRequestsFragment, RequestInformationDocument } from '../../gql/graphql.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from './case-context.ts';
import { useCaseMutation } from './use-case-mutation.ts';

export const CaseInformationRequestsFragmentDoc = graphql(`
  fragment CaseInformationRequests on Case {
    id
    state
    parties {
      role
      organization {
        id
        name
        nameZh
      }
    }
    currentClock {
      paused
    }
    clocks {
      phase
      dueAt
      workingDaysLeft
      overdue
      provisional
      paused
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
      addressedTo {
        id
        name
        nameZh
      }
    }
  }
`);

graphql(`
  mutation RequestInformation($input: RequestInformationInput!) {
    requestInformation(input: $input) {
      __typename
      ...MutationError
    }
  }
`);

export function InformationRequestsTab(props: { data: CaseInformationRequestsFragment }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const file = useCaseFile();
  const c = props.data;
  const { run, state } = useCaseMutation(RequestInformationDocument, 'requestInformation');
  const [form] = Form.useForm<{ addressedToOrganizationId: string; questions: string }>();
  const zh = i18n.language === 'zh-CN';
  const open = ['SCREENING', 'REVIEW', 'IN_DEPTH'].includes(c.state);
  const parties = [...new Map(c.parties.map((p) => [p.organization.id, p.organization])).values()];

  return (
    <div className="tab-body">
      {c.currentClock?.paused ? (
        <Alert type="info" showIcon title={t('information.paused')} className="section" data-testid="clock-paused" />
      ) : null}
      {c.informationRequests.length === 0 ? (
        <Empty description={t('information.none')} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          className="section"
          dataSource={c.informationRequests}
          columns={[
            {
              title: t('information.addressedTo'),
              key: 'to',
              render: (_: unknown, r) => <OrgName org={r.addressedTo} />,
            },
            {
              title: t('information.state'),
              dataIndex: 'state',
              render: (s: string) => <Tag>{label('INFORMATION_REQUEST_STATE', s)}</Tag>,
            },
            { title: t('information.questions'), dataIndex: 'questions' },
            {
              title: t('information.due'),
              key: 'due',
              render: (_: unknown, r) =>
                r.dueAt && r.state === 'OPEN' ? (
                  <WorkItemDeadline dueAt={r.dueAt} phase="INFORMATION_REQUEST" clocks={c.clocks} zone={file.zone} />
                ) : null,
            },
            {
              title: t('information.pauses'),
              dataIndex: 'pausesPhaseClock',
              render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
            },
            {
              title: t('information.answer'),
              dataIndex: 'answer',
              render: (a: string | null) =>
                a ?? <Typography.Text type="secondary">{t('information.awaiting')}</Typography.Text>,
            },
          ]}
        />
      )}
      {open ? (
        <Card size="small" title={t('information.request')}>
          <Form
            name="inform"
            form={form}
            layout="vertical"
            onFinish={async (values) => {
              const done = await run({
                input: {
                  caseId: file.caseId,
                  expectedVersion: file.version,
                  addressedToOrganizationId: values.addressedToOrganizationId,
                  questions: values.questions,
                },
              });
              if (done) form.resetFields();
            }}
          >
            <Form.Item
              name="addressedToOrganizationId"
              label={t('information.addressedTo')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select options={parties.map((o) => ({ value: o.id, label: zh ? (o.nameZh ?? o.name) : o.name }))} />
            </Form.Item>
            <Form.Item
              name="questions"
              label={t('information.questions')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <ErrorAlert typed={state.typed} error={state.error} />
            <Button type="primary" htmlType="submit" loading={state.fetching}>
              {t('information.send')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
