/** What waits on a lead reviewer: decisions proposed for approval, and cases without a case officer. */
import { Card, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Deadline } from '../../components/Deadline.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import type { WaitingCaseFragment } from '../../gql/graphql.ts';
import { defaultZone } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';

graphql(`
  fragment WaitingCase on Case {
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
  }
`);

const ApprovalsQuery = graphql(`
  query Approvals {
    proposed: cases(filter: { states: [DECISION_PROPOSED] }, orderBy: NEXT_DUE_AT, first: 50) {
      totalCount
      nodes {
        ...WaitingCase
      }
    }
    unassigned: cases(filter: { unassigned: true, states: [SUBMITTED, SCREENING, REVIEW, IN_DEPTH] }, orderBy: NEXT_DUE_AT, first: 50) {
      totalCount
      nodes {
        ...WaitingCase
      }
    }
  }
`);

function WaitingList(props: {
  title: string;
  empty: string;
  cases: readonly WaitingCaseFragment[] | undefined;
  testId: string;
}) {
  const label = useLabel();
  return (
    <Card title={props.title} size="small" className="section" data-testid={props.testId}>
      {props.cases && props.cases.length === 0 ? (
        <Empty description={props.empty} />
      ) : (
        <List
          dataSource={props.cases ?? []}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Link to={`/cases/${encodeURIComponent(c.id)}?tab=decision`}>
                    {c.reference} · {c.title}
                  </Link>
                }
                description={
                  <span>
                    <Tag>{label('CASE_STATE', c.state)}</Tag>
                    {c.currentClock ? (
                      <Deadline clock={c.currentClock} zone={c.regime.timeZone ?? defaultZone} />
                    ) : null}
                  </span>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export default function ApprovalsPage() {
  const { t } = useTranslation();
  const [{ data, error, fetching }, refetch] = useQuery({ query: ApprovalsQuery });
  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {t('approvals.heading')}
      </Typography.Title>
      <ErrorAlert error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {!data && fetching ? (
        <Skeleton active />
      ) : (
        <>
          <WaitingList
            testId="waiting-approval"
            title={t('approvals.proposed', { count: data?.proposed.totalCount ?? 0 })}
            empty={t('approvals.noneProposed')}
            cases={data?.proposed.nodes}
          />
          <WaitingList
            testId="waiting-team"
            title={t('approvals.unassigned', { count: data?.unassigned.totalCount ?? 0 })}
            empty={t('approvals.noneUnassigned')}
            cases={data?.unassigned.nodes}
          />
        </>
      )}
    </div>
  );
}
