/**
 * A case's audit trail for an auditor: the chain's verification (intact, or the first broken entry),
 * then every entry — who, when, what, the state it left, the reason, before and after — with the
 * broken one marked. Read-only; the office's case file is a link away.
 */
import { Result, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { defaultZone, formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { Verification } from './Verification.tsx';

const CaseTrailQuery = graphql(`
  query CaseTrail($id: ID!, $after: String) {
    node(id: $id) {
      __typename
      ... on Case {
        id
        reference
        title
        state
        regime {
          id
          timeZone
        }
        timeline(first: 100, after: $after) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            sequence
            occurredAt
            action
            entityKind
            actorKind
            actorId
            resultingState
            reason
            before
            after
          }
        }
      }
    }
    verifyAuditTrail(caseId: $id) {
      __typename
      ... on AuditTrailVerification {
        valid
        entries
        firstBrokenSequence
        problem
      }
      ... on Error {
        message
      }
    }
  }
`);

const ActorsQuery = graphql(`
  query TrailActors($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Person {
        id
        displayName
      }
    }
  }
`);

export default function CaseTrailPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { caseId = '' } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: CaseTrailQuery,
    variables: { id: caseId },
    requestPolicy: 'network-only',
  });
  const found = data?.node?.__typename === 'Case' ? data.node : null;
  const actorIds = [...new Set((found?.timeline.nodes ?? []).map((e) => e.actorId).filter((id): id is string => !!id))];
  const [actors] = useQuery({ query: ActorsQuery, variables: { ids: actorIds }, pause: actorIds.length === 0 });
  const names = new Map(
    (actors.data?.nodes ?? []).flatMap((n) => (n && 'displayName' in n ? [[n.id, n.displayName] as const] : [])),
  );
  const verification = data?.verifyAuditTrail;
  const broken =
    verification?.__typename === 'AuditTrailVerification' ? (verification.firstBrokenSequence ?? null) : null;

  if (!found) {
    if (error) return <ErrorAlert error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
    if (fetching || !data) return <Skeleton active paragraph={{ rows: 8 }} />;
    return (
      <Result
        status="404"
        title={t('case.notFound')}
        subTitle={t('case.notFoundText')}
        extra={<Link to="/audit">{t('audit.back')}</Link>}
      />
    );
  }
  const zone = found.regime.timeZone ?? defaultZone;
  return (
    <div className="page">
      <Link to="/audit" className="back-link">
        ← {t('audit.back')}
      </Link>
      <Typography.Text type="secondary" className="case-reference" data-testid="case-reference">
        {found.reference ?? t('case.noReference')}
      </Typography.Text>
      <Typography.Title level={1} className="page-title">
        {found.title}
      </Typography.Title>
      <Tag color="blue">{label('CASE_STATE', found.state)}</Tag>{' '}
      <Link to={`/cases/${encodeURIComponent(found.id)}`}>{t('panel.fullFile')}</Link>
      <div className="section section-top">
        <Verification answer={verification} error={undefined} testId="case-verification" />
      </div>
      <Table
        size="small"
        rowKey="sequence"
        pagination={false}
        dataSource={found.timeline.nodes}
        data-testid="audit-trail"
        rowClassName={(e) => (e.sequence === broken ? 'audit-broken' : '')}
        expandable={{
          rowExpandable: (e) => Boolean(e.before || e.after),
          expandedRowRender: (e) => (
            <div className="audit-json">
              {e.before ? (
                <div>
                  <strong>{t('audit.before')}</strong> <code>{e.before}</code>
                </div>
              ) : null}
              {e.after ? (
                <div>
                  <strong>{t('audit.after')}</strong> <code>{e.after}</code>
                </div>
              ) : null}
            </div>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'sequence', width: 60 },
          {
            title: t('audit.when'),
            dataIndex: 'occurredAt',
            render: (v: string) => formatInstant(v, zone, i18n.language),
          },
          { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <code>{v}</code> },
          {
            title: t('audit.actor'),
            key: 'actor',
            render: (_: unknown, e) =>
              e.actorId ? (names.get(e.actorId) ?? e.actorId) : e.actorKind === 'SYSTEM' ? t('audit.system') : '—',
          },
          {
            title: t('audit.state'),
            dataIndex: 'resultingState',
            render: (v: string | null) => (v ? label('CASE_STATE', v) : ''),
          },
          { title: t('fields.reason'), dataIndex: 'reason' },
        ]}
      />
      {found.timeline.pageInfo.hasNextPage ? (
        <Typography.Paragraph type="secondary" className="section-top">
          {t('audit.more')}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
