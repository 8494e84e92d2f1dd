/**
 * An auditor's first page: is every chain intact? The administrative chain verified at once; a
 * case's trail found by its reference or title, and opened with its own verification.
 */
import { Button, Card, Empty, Form, Input, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { useLabel } from '../../i18n/labels.tsx';
import { Verification } from './Verification.tsx';

const AdministrativeTrailQuery = graphql(`
  query AdministrativeTrail {
    verifyAdministrativeTrail {
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

const AuditCasesQuery = graphql(`
  query AuditCases($text: String) {
    cases(filter: { text: $text }, orderBy: LAST_ACTIVITY, first: 25) {
      totalCount
      nodes {
        id
        reference
        title
        state
      }
    }
  }
`);

export default function AuditPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const [params, setParams] = useSearchParams();
  const text = params.get('text') ?? '';
  const [admin, reverify] = useQuery({ query: AdministrativeTrailQuery, requestPolicy: 'network-only' });
  const [found] = useQuery({ query: AuditCasesQuery, variables: { text: text || null } });
  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {t('audit.heading')}
      </Typography.Title>
      <Card
        size="small"
        className="section"
        title={t('audit.adminChain')}
        extra={
          <Button size="small" onClick={() => reverify({ requestPolicy: 'network-only' })} loading={admin.fetching}>
            {t('audit.verifyAgain')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('audit.adminChainHint')}</Typography.Paragraph>
        <Verification answer={admin.data?.verifyAdministrativeTrail} error={admin.error} testId="admin-verification" />
      </Card>
      <Card size="small" title={t('audit.caseTrails')}>
        <Form
          name="audit-search"
          layout="inline"
          initialValues={{ text }}
          onFinish={(v: { text?: string }) => setParams(v.text ? { text: v.text } : {})}
          className="section"
        >
          <Form.Item name="text" label={t('queue.search')}>
            <Input placeholder={t('queue.searchPlaceholder')} allowClear />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('audit.find')}
          </Button>
        </Form>
        <ErrorAlert error={found.error} />
        {found.data && found.data.cases.nodes.length === 0 ? (
          <Empty description={t('queue.emptyFiltered')} />
        ) : (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            loading={found.fetching}
            dataSource={found.data?.cases.nodes ?? []}
            data-testid="audit-cases"
            columns={[
              {
                title: t('liaison.case'),
                key: 'case',
                render: (_: unknown, c) => (
                  <Link to={`/audit/${encodeURIComponent(c.id)}`}>
                    {c.reference ?? t('firm.draft')} · {c.title}
                  </Link>
                ),
              },
              {
                title: t('queue.state'),
                key: 'state',
                render: (_: unknown, c) => <Tag>{label('CASE_STATE', c.state)}</Tag>,
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
