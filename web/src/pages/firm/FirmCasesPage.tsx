/** A firm's first page: its cases, each with what happens next, by when, and what is asked of it. */
import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { Deadline } from '../../components/Deadline.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import type { FirmCasesQuery } from '../../gql/graphql.ts';
import { defaultZone } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { clockForState, nextKey, runningClock } from './firm-steps.ts';

const FirmCasesQueryDoc = graphql(`
  query FirmCases {
    viewer {
      organization {
        id
      }
    }
    cases(orderBy: LAST_ACTIVITY, first: 100) {
      totalCount
      nodes {
        id
        reference
        title
        state
        regime {
          id
          timeZone
        }
        clocks {
          phase
          dueAt
          workingDaysLeft
          overdue
          provisional
          paused
          stoppedAt
        }
        informationRequests {
          id
          state
        }
        representationRequests {
          id
          state
          addressedToOrganizationId
        }
      }
    }
  }
`);

type CaseRow = FirmCasesQuery['cases']['nodes'][number];

export default function FirmCasesPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: FirmCasesQueryDoc,
    requestPolicy: 'cache-and-network',
  });
  const ownId = data?.viewer?.organization?.id;
  const asked = (c: CaseRow) =>
    c.informationRequests.filter((r) => r.state === 'OPEN').length +
    c.representationRequests.filter((r) => r.state === 'OPEN' && r.addressedToOrganizationId === ownId).length;

  return (
    <div className="page">
      <Space className="page-head" wrap>
        <Typography.Title level={1} className="page-title">
          {t('firm.heading')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/my-cases/new')}>
          {t('firm.newFiling')}
        </Button>
      </Space>
      <ErrorAlert error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {!data && fetching ? (
        <Skeleton active />
      ) : data && data.cases.nodes.length === 0 ? (
        <Empty description={t('firm.none')} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data?.cases.nodes ?? []}
          data-testid="firm-cases"
          columns={[
            {
              title: t('liaison.case'),
              key: 'case',
              render: (_: unknown, c) => (
                <Link to={`/my-cases/${encodeURIComponent(c.id)}`}>
                  {c.reference ?? t('firm.draft')} · {c.title}
                </Link>
              ),
            },
            {
              title: t('queue.state'),
              key: 'state',
              render: (_: unknown, c) => <Tag>{label('CASE_STATE', c.state)}</Tag>,
            },
            {
              title: t('firm.whatNext'),
              key: 'next',
              render: (_: unknown, c) => (
                <span>
                  {t(nextKey(c.state))}{' '}
                  {asked(c) > 0 ? (
                    <Badge
                      count={t('firm.askedOfYou', { count: asked(c) })}
                      style={{ backgroundColor: '#b45309' }}
                      data-testid="asked-of-you"
                    />
                  ) : null}
                </span>
              ),
            },
            {
              title: t('firm.byWhen'),
              key: 'due',
              render: (_: unknown, c) => {
                const clock = runningClock(c.clocks, clockForState[c.state]);
                return clock ? <Deadline clock={clock} zone={c.regime.timeZone ?? defaultZone} /> : '—';
              },
            },
          ]}
        />
      )}
    </div>
  );
}
