/**
 * The queue (officers and lead reviewers; auditors and the panel read it): every case the person
 * may see, sorted by the next deadline unless they choose activity, filtered by everything the API
 * offers, a page at a time by cursor. The whole view lives in the URL.
 */
import { Button, Card, Empty, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { DueDay, WorkingDaysLeft } from '../../components/Deadline.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import type { QueueRowFragment } from '../../gql/graphql.ts';
import { defaultZone } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { formOf, type QueueFilterForm, readQueueView, writeQueueView } from './queue-filter.ts';

export const pageSize = 25;

graphql(`
  fragment QueueRow on Case {
    id
    reference
    title
    state
    subject
    securityType
    riskGrade
    overdue
    parties {
      role
      organization {
        id
        name
        nameZh
      }
    }
    currentClock {
      phase
      dueAt
      workingDaysLeft
      overdue
      provisional
      paused
    }
    regime {
      id
      timeZone
    }
    caseOfficer {
      id
      displayName
    }
  }
`);

const QueueQuery = graphql(`
  query Queue($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String, $last: Int, $before: String) {
    cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...QueueRow
      }
    }
  }
`);

const FilterOptionsQuery = graphql(`
  query QueueFilterOptions {
    departments: organizations(kind: DEPARTMENT, first: 100) {
      nodes {
        id
        name
        nameZh
      }
    }
    firms: organizations(kind: FIRM, first: 100) {
      nodes {
        id
        name
        nameZh
      }
    }
    people(first: 100) {
      nodes {
        id
        displayName
        roles
      }
    }
  }
`);

const gradeColours: Record<string, string> = { LOW: 'green', MEDIUM: 'gold', HIGH: 'volcano', CRITICAL: 'red' };

export default function QueuePage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readQueueView(params), [params]);
  const [form] = Form.useForm<QueueFilterForm>();
  const backwards = view.before !== null;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: QueueQuery,
    variables: {
      filter: view.filter,
      orderBy: view.orderBy,
      ...(backwards ? { last: pageSize, before: view.before } : { first: pageSize, after: view.after }),
    },
  });
  const [options] = useQuery({ query: FilterOptionsQuery, requestPolicy: 'cache-first' });

  useEffect(() => {
    form.setFieldsValue(formOf(view));
  }, [form, view]);

  const zh = i18n.language === 'zh-CN';
  const orgOptions = (nodes: readonly { id: string; name: string; nameZh?: string | null }[] | undefined) =>
    (nodes ?? []).map((o) => ({ value: o.id, label: zh ? (o.nameZh ?? o.name) : o.name }));
  const officers = (options.data?.people.nodes ?? [])
    .filter((p) => p.roles?.includes('CASE_OFFICER') || p.roles?.includes('LEAD_REVIEWER'))
    .map((p) => ({ value: p.id, label: p.displayName }));

  const apply = (values: QueueFilterForm) => setParams(writeQueueView(values));
  const page = (cursor: { after?: string | null; before?: string | null }) => {
    const next = new URLSearchParams(params);
    next.delete('after');
    next.delete('before');
    if (cursor.after) next.set('after', cursor.after);
    if (cursor.before) next.set('before', cursor.before);
    setParams(next);
  };

  const columns: ColumnsType<QueueRowFragment> = [
    {
      title: t('queue.reference'),
      dataIndex: 'reference',
      render: (_: unknown, c) => (
        <Link to={`/cases/${encodeURIComponent(c.id)}`} className="case-link">
          {c.reference ?? t('case.noReference')}
        </Link>
      ),
      width: 150,
    },
    { title: t('queue.title'), dataIndex: 'title', ellipsis: true, width: 240 },
    { title: t('queue.state'), dataIndex: 'state', render: (s: string) => <Tag>{label('CASE_STATE', s)}</Tag> },
    { title: t('queue.subject'), dataIndex: 'subject', render: (s: string) => label('CASE_SUBJECT', s) },
    {
      title: t('queue.parties'),
      key: 'parties',
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          {c.parties.map((p) => (
            <span key={`${p.role}-${p.organization.id}`}>
              <OrgName org={p.organization} />
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: t('queue.securityType'),
      dataIndex: 'securityType',
      render: (s: string | null) => label('SECURITY_TYPE', s),
    },
    {
      title: t('queue.grade'),
      dataIndex: 'riskGrade',
      render: (g: string | null) => (g ? <Tag color={gradeColours[g]}>{label('RISK_GRADE', g)}</Tag> : null),
    },
    {
      title: t('queue.phase'),
      key: 'phase',
      render: (_: unknown, c) => (c.currentClock ? label('CLOCK_PHASE', c.currentClock.phase) : null),
    },
    {
      title: t('queue.due'),
      key: 'due',
      render: (_: unknown, c) =>
        c.currentClock ? <DueDay dueAt={c.currentClock.dueAt} zone={c.regime.timeZone ?? defaultZone} /> : null,
    },
    {
      title: t('queue.left'),
      key: 'left',
      render: (_: unknown, c) => (c.currentClock ? <WorkingDaysLeft clock={c.currentClock} /> : null),
    },
    {
      title: t('queue.officer'),
      key: 'officer',
      render: (_: unknown, c) => c.caseOfficer?.displayName ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
  ];

  const connection = data?.cases;
  const filtered = params.toString().replace(/(^|&)(after|before|order)=[^&]*/g, '') !== '';

  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {t('queue.heading')}
      </Typography.Title>
      <Card size="small" className="queue-filters">
        <Form name="queue" form={form} layout="inline" onFinish={apply} aria-label={t('queue.filters')}>
          <Form.Item name="text" label={t('queue.search')}>
            <Input allowClear placeholder={t('queue.searchPlaceholder')} />
          </Form.Item>
          <Form.Item name="states" label={t('queue.state')}>
            <Select mode="multiple" allowClear options={label.options('CASE_STATE')} className="filter-select" />
          </Form.Item>
          <Form.Item name="securityTypes" label={t('queue.securityType')}>
            <Select mode="multiple" allowClear options={label.options('SECURITY_TYPE')} className="filter-select" />
          </Form.Item>
          <Form.Item name="keyDimensions" label={t('queue.dimension')}>
            <Select mode="multiple" allowClear options={label.options('KEY_DIMENSION')} className="filter-select" />
          </Form.Item>
          <Form.Item name="strategies" label={t('queue.strategy')}>
            <Select mode="multiple" allowClear options={label.options('STRATEGY')} className="filter-select" />
          </Form.Item>
          <Form.Item name="consultedDepartmentId" label={t('queue.department')}>
            <Select allowClear options={orgOptions(options.data?.departments.nodes)} className="filter-select" />
          </Form.Item>
          <Form.Item name="partyOrganizationId" label={t('queue.party')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={orgOptions(options.data?.firms.nodes)}
              className="filter-select"
            />
          </Form.Item>
          <Form.Item name="assigneeId" label={t('queue.assignee')}>
            <Select allowClear options={officers} className="filter-select" />
          </Form.Item>
          <Form.Item name="overdue" label={t('queue.overdue')}>
            <Select
              className="filter-select-small"
              options={[
                { value: 'any', label: t('queue.overdueAny') },
                { value: 'yes', label: t('queue.overdueOnly') },
                { value: 'no', label: t('queue.overdueNot') },
              ]}
            />
          </Form.Item>
          <Form.Item name="dueWithinWorkingDays" label={t('queue.dueWithin')}>
            <InputNumber min={0} max={365} suffix={t('queue.workingDays')} />
          </Form.Item>
          <Form.Item name="orderBy" label={t('queue.sort')}>
            <Select
              className="filter-select-small"
              options={[
                { value: 'NEXT_DUE_AT', label: t('queue.sortDue') },
                { value: 'LAST_ACTIVITY', label: t('queue.sortActivity') },
              ]}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('queue.apply')}
            </Button>
            <Button onClick={() => setParams(new URLSearchParams())}>{t('queue.clear')}</Button>
          </Space>
        </Form>
      </Card>
      <ErrorAlert error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      <Table<QueueRowFragment>
        className="queue-table"
        rowKey="id"
        size="middle"
        loading={fetching && !connection}
        columns={columns}
        dataSource={connection?.nodes ?? []}
        pagination={false}
        scroll={{ x: 1400 }}
        rowClassName={(c) => (c.overdue ? 'row-overdue' : '')}
        locale={{
          emptyText: (
            <Empty description={filtered ? t('queue.emptyFiltered') : t('queue.empty')}>
              {filtered ? <Button onClick={() => setParams(new URLSearchParams())}>{t('queue.clear')}</Button> : null}
            </Empty>
          ),
        }}
      />
      {connection ? (
        <nav className="pager" aria-label={t('queue.pages')}>
          <Typography.Text data-testid="queue-total">
            {t('queue.total', { count: connection.totalCount })}
          </Typography.Text>
          <Space>
            <Button
              disabled={!(connection.pageInfo.hasPreviousPage || (view.after !== null && !backwards))}
              onClick={() => page({ before: connection.pageInfo.startCursor })}
            >
              {t('queue.previous')}
            </Button>
            <Button
              disabled={!(connection.pageInfo.hasNextPage || backwards)}
              onClick={() => page({ after: connection.pageInfo.endCursor })}
            >
              {t('queue.next')}
            </Button>
          </Space>
        </nav>
      ) : null}
    </div>
  );
}
