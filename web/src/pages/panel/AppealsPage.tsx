/** The appeals panel's first page: appeals waiting for admission or a ruling, with the panel's deadline. */
import { Card, Empty, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Deadline } from '../../components/Deadline.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { defaultZone } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';

const AppealsQuery = graphql(`
  query AppealsWaiting {
    cases(filter: { states: [APPEALED] }, orderBy: NEXT_DUE_AT, first: 100) {
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
        currentClock {
          phase
          dueAt
          workingDaysLeft
          overdue
          provisional
          paused
        }
        appeal {
          id
          state
          filedAt
        }
      }
    }
  }
`);

export default function AppealsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const [{ data, error, fetching }, refetch] = useQuery({ query: AppealsQuery, requestPolicy: 'cache-and-network' });
  const rows = data?.cases.nodes ?? [];
  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {t('panel.heading')}
      </Typography.Title>
      <ErrorAlert error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {!data && fetching ? (
        <Skeleton active />
      ) : (
        <Card size="small" title={t('panel.waiting', { count: rows.length })} data-testid="appeals-waiting">
          {rows.length === 0 ? (
            <Empty description={t('panel.none')} />
          ) : (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={rows}
              columns={[
                {
                  title: t('liaison.case'),
                  key: 'case',
                  render: (_: unknown, c) => (
                    <Link to={`/appeals/${encodeURIComponent(c.id)}`}>
                      {c.reference} · {c.title}
                    </Link>
                  ),
                },
                {
                  title: t('firm.appeal'),
                  key: 'state',
                  render: (_: unknown, c) => (c.appeal ? <Tag>{label('APPEAL_STATE', c.appeal.state)}</Tag> : null),
                },
                {
                  title: t('panel.needs'),
                  key: 'needs',
                  render: (_: unknown, c) =>
                    c.appeal?.state === 'FILED' ? t('panel.needsAdmission') : t('panel.needsRuling'),
                },
                {
                  title: t('firm.byWhen'),
                  key: 'due',
                  render: (_: unknown, c) =>
                    c.currentClock ? <Deadline clock={c.currentClock} zone={c.regime.timeZone ?? defaultZone} /> : '—',
                },
              ]}
            />
          )}
        </Card>
      )}
    </div>
  );
}
