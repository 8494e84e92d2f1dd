/** An assessor's first page: invitations and assessments, with what they must declare, accept or deliver, by when. */
import { Card, Empty, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { Deadline } from '../../components/Deadline.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import type { AssessorCasesQuery } from '../../gql/graphql.ts';
import { defaultZone } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { assessmentClock, nextStep, waitsOnAssessor } from './assessment-steps.ts';

const AssessorCasesQueryDoc = graphql(`
  query AssessorCases {
    cases(orderBy: NEXT_DUE_AT, first: 100) {
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
        assessments {
          id
          state
          invitedAt
          declaredByYou
        }
      }
    }
  }
`);

type CaseRow = AssessorCasesQuery['cases']['nodes'][number];
interface Row {
  readonly key: string;
  readonly case: CaseRow;
  readonly assessment: CaseRow['assessments'][number];
  readonly step: string;
}

export default function AssessmentsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const location = useLocation();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AssessorCasesQueryDoc,
    requestPolicy: 'cache-and-network',
  });
  const rows: Row[] = (data?.cases.nodes ?? []).flatMap((c) =>
    c.assessments.map((a) => ({ key: a.id, case: c, assessment: a, step: nextStep(a) })),
  );
  const mine = rows.filter((r) => waitsOnAssessor(r.step));
  const others = rows.filter((r) => !waitsOnAssessor(r.step));
  const removed = (location.state as { removed?: string } | null)?.removed;

  const columns = [
    {
      title: t('liaison.case'),
      key: 'case',
      render: (_: unknown, r: Row) => (
        <Link to={`/assessments/${encodeURIComponent(r.case.id)}`}>
          {r.case.reference} · {r.case.title}
        </Link>
      ),
    },
    {
      title: t('assessor.assessmentState'),
      key: 'state',
      render: (_: unknown, r: Row) => <Tag>{label('ASSESSMENT_STATE', r.assessment.state)}</Tag>,
    },
    {
      title: t('assessor.nextStep'),
      key: 'next',
      render: (_: unknown, r: Row) => <span data-testid="next-step">{t(`assessor.next.${r.step}`)}</span>,
    },
    {
      title: t('consultations.due'),
      key: 'due',
      render: (_: unknown, r: Row) => {
        const clock = assessmentClock(r.case.clocks);
        return clock ? <Deadline clock={clock} zone={r.case.regime.timeZone ?? defaultZone} /> : '—';
      },
    },
  ];

  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {t('assessor.heading')}
      </Typography.Title>
      {removed ? (
        <Typography.Paragraph className="section" data-testid="conflict-removed">
          {t('assessor.removed', { reference: removed })}
        </Typography.Paragraph>
      ) : null}
      <ErrorAlert error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {!data && fetching ? (
        <Skeleton active />
      ) : (
        <>
          <Card
            size="small"
            className="section"
            title={t('assessor.waiting', { count: mine.length })}
            data-testid="assessments-mine"
          >
            {mine.length === 0 ? (
              <Empty description={t('assessor.noneWaiting')} />
            ) : (
              <Table size="small" rowKey="key" pagination={false} dataSource={mine} columns={columns} />
            )}
          </Card>
          <Card
            size="small"
            className="section"
            title={t('assessor.others', { count: others.length })}
            data-testid="assessments-others"
          >
            {others.length === 0 ? (
              <Empty description={t('assessor.noneOthers')} />
            ) : (
              <Table size="small" rowKey="key" pagination={false} dataSource={others} columns={columns} />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
