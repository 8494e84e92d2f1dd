/** The overview: subject, origin, parties, chain nodes, the summary and every clock the person may see. */
import { Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Deadline } from '../../components/Deadline.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { graphql } from '../../gql';
import type { CaseOverviewFragment } from '../../gql/graphql.ts';
import { formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from './case-context.ts';

export const CaseOverviewFragmentDoc = graphql(`
  fragment CaseOverview on Case {
    id
    subject
    origin
    summary
    submittedAt
    lastActivityAt
    filer {
      id
      name
      nameZh
    }
    parties {
      role
      organization {
        id
        name
        nameZh
      }
    }
    chainNodes {
      id
      code
      name
      nameZh
    }
    clocks {
      phase
      ownerKind
      startedAt
      dueAt
      workingDaysLeft
      overdue
      provisional
      paused
      stoppedAt
    }
  }
`);

export function OverviewTab(props: { data: CaseOverviewFragment }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { zone } = useCaseFile();
  const c = props.data;
  const zh = i18n.language === 'zh-CN';
  return (
    <div className="tab-body">
      <Descriptions bordered size="small" column={{ xs: 1, lg: 2 }}>
        <Descriptions.Item label={t('case.subject')}>{label('CASE_SUBJECT', c.subject)}</Descriptions.Item>
        <Descriptions.Item label={t('case.origin')}>{label('CASE_ORIGIN', c.origin)}</Descriptions.Item>
        <Descriptions.Item label={t('case.filer')}>{c.filer ? <OrgName org={c.filer} /> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('case.submittedAt')}>
          {c.submittedAt ? formatInstant(c.submittedAt, zone, i18n.language) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.parties')} span={2}>
          {c.parties.map((p) => (
            <Tag key={`${p.role}-${p.organization.id}`}>
              {label('PARTY_ROLE', p.role)}: <OrgName org={p.organization} />
            </Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.chainNodes')} span={2}>
          {c.chainNodes.length === 0
            ? t('case.none')
            : c.chainNodes.map((n) => <Tag key={n.id}>{zh ? (n.nameZh ?? n.name) : n.name}</Tag>)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2} className="section-title">
        {t('case.summary')}
      </Typography.Title>
      <Typography.Paragraph className="case-summary">{c.summary}</Typography.Paragraph>
      <Typography.Title level={2} className="section-title">
        {t('case.clocks')}
      </Typography.Title>
      <Table
        size="small"
        rowKey={(k) => `${k.phase}-${k.startedAt}`}
        pagination={false}
        dataSource={c.clocks}
        columns={[
          { title: t('case.phase'), dataIndex: 'phase', render: (p: string) => label('CLOCK_PHASE', p) },
          {
            title: t('case.started'),
            dataIndex: 'startedAt',
            render: (v: string) => formatInstant(v, zone, i18n.language),
          },
          {
            title: t('case.deadline'),
            key: 'due',
            render: (_: unknown, k) =>
              k.stoppedAt ? (
                <span>{t('case.stoppedAt', { when: formatInstant(k.stoppedAt, zone, i18n.language) })}</span>
              ) : (
                <Deadline clock={k} zone={zone} />
              ),
          },
        ]}
      />
    </div>
  );
}
