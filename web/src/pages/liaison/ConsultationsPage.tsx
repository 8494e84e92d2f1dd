/** A liaison's first page: what the department must answer, by when; and what it has answered. */
import { Card, Empty, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { WorkItemDeadline } from '../../components/Deadline.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import type { LiaisonConsultationsQuery } from '../../gql/graphql.ts';
import { defaultZone, formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';

const LiaisonConsultationsQueryDoc = graphql(`
  query LiaisonConsultations {
    viewer {
      organization {
        id
      }
    }
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
        }
        consultations {
          id
          round
          state
          dueAt
          respondedAt
          opinion
          department {
            id
          }
        }
      }
    }
  }
`);

type CaseRow = LiaisonConsultationsQuery['cases']['nodes'][number];
interface Row {
  readonly key: string;
  readonly case: CaseRow;
  readonly consultation: CaseRow['consultations'][number];
}

export default function ConsultationsPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: LiaisonConsultationsQueryDoc,
    requestPolicy: 'cache-and-network',
  });
  const ownId = data?.viewer?.organization?.id;
  const rows: Row[] = (data?.cases.nodes ?? []).flatMap((c) =>
    c.consultations.filter((x) => x.department.id === ownId).map((x) => ({ key: x.id, case: c, consultation: x })),
  );
  const open = rows
    .filter((r) => r.consultation.state !== 'RESPONDED')
    .sort((a, b) => (a.consultation.dueAt ?? '').localeCompare(b.consultation.dueAt ?? ''));
  const answered = rows.filter((r) => r.consultation.state === 'RESPONDED');

  const caseLink = (r: Row) => (
    <Link to={`/consultations/${encodeURIComponent(r.case.id)}`}>
      {r.case.reference} · {r.case.title}
    </Link>
  );

  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {t('liaison.heading')}
      </Typography.Title>
      <ErrorAlert error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {!data && fetching ? (
        <Skeleton active />
      ) : (
        <>
          <Card
            size="small"
            className="section"
            title={t('liaison.toAnswer', { count: open.length })}
            data-testid="consultations-open"
          >
            {open.length === 0 ? (
              <Empty description={t('liaison.noneOpen')} />
            ) : (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={open}
                columns={[
                  { title: t('liaison.case'), key: 'case', render: (_: unknown, r) => caseLink(r) },
                  {
                    title: t('queue.state'),
                    key: 'state',
                    render: (_: unknown, r) => <Tag>{label('CASE_STATE', r.case.state)}</Tag>,
                  },
                  { title: t('consultations.round'), key: 'round', render: (_: unknown, r) => r.consultation.round },
                  {
                    title: t('consultations.due'),
                    key: 'due',
                    render: (_: unknown, r) =>
                      r.consultation.dueAt ? (
                        <WorkItemDeadline
                          dueAt={r.consultation.dueAt}
                          phase="CONSULTATION"
                          clocks={r.case.clocks}
                          zone={r.case.regime.timeZone ?? defaultZone}
                        />
                      ) : null,
                  },
                ]}
              />
            )}
          </Card>
          <Card
            size="small"
            className="section"
            title={t('liaison.answered', { count: answered.length })}
            data-testid="consultations-answered"
          >
            {answered.length === 0 ? (
              <Empty description={t('liaison.noneAnswered')} />
            ) : (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={answered}
                columns={[
                  { title: t('liaison.case'), key: 'case', render: (_: unknown, r) => caseLink(r) },
                  {
                    title: t('consultations.opinion'),
                    key: 'opinion',
                    render: (_: unknown, r) => <Tag>{label('CONSULTATION_OPINION', r.consultation.opinion)}</Tag>,
                  },
                  {
                    title: t('liaison.answeredOn'),
                    key: 'when',
                    render: (_: unknown, r) =>
                      r.consultation.respondedAt
                        ? formatInstant(
                            r.consultation.respondedAt,
                            r.case.regime.timeZone ?? defaultZone,
                            i18n.language,
                          )
                        : null,
                  },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
