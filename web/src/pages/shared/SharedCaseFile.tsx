/**
 * The case file as an outside party (a department, an institute, a firm) may see it: the header
 * with the reference, state and running clock, the overview and the documents shared with them,
 * and the tabs of their own part. Whatever the API does not let them read is never asked for.
 */
import { Descriptions, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CombinedError } from 'urql';
import { Deadline } from '../../components/Deadline.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import type { SharedCaseFragment } from '../../gql/graphql.ts';
import { defaultZone } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { CaseFileContext, type CaseFileContextValue } from '../case/case-context.ts';
import { DocumentsTab } from '../case/DocumentsTab.tsx';
import { OverviewTab } from '../case/OverviewTab.tsx';
import { StaleVersionDialog } from '../case/StaleVersionDialog.tsx';

export const SharedCaseFragmentDoc = graphql(`
  fragment SharedCase on Case {
    id
    reference
    title
    state
    confidentiality
    version
    regime {
      id
      name
      timeZone
    }
    currentClock {
      phase
      dueAt
      workingDaysLeft
      overdue
      provisional
      paused
      unit
    }
    ...CaseOverview
    ...CaseDocuments
  }
`);

export interface SharedTab {
  readonly key: string;
  readonly label: string;
  readonly children: ReactNode;
}

/** The answer of a page's query: the case, or loading / error / "not found" (what one may not see reads as missing). */
export function SharedCaseFile(props: {
  data: SharedCaseFragment | null;
  fetching: boolean;
  error: CombinedError | undefined;
  refetch: () => void;
  back: { to: string; label: string };
  /** The role's own tabs, first; the overview and the documents follow. */
  tabs: readonly SharedTab[];
  /** Shown under the header, e.g. what is asked of the person now. */
  banner?: ReactNode;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const [params, setParams] = useSearchParams();
  const [staleOpen, setStaleOpen] = useState(false);
  const found = props.data;
  const { refetch } = props;
  const context = useMemo<CaseFileContextValue | null>(
    () =>
      found
        ? {
            caseId: found.id,
            version: found.version,
            zone: found.regime.timeZone ?? defaultZone,
            refetch,
            stale: () => setStaleOpen(true),
          }
        : null,
    [found, refetch],
  );

  if (!found || !context) {
    if (props.error) return <ErrorAlert error={props.error} onRetry={refetch} />;
    if (props.fetching) return <Skeleton active paragraph={{ rows: 8 }} />;
    return (
      <Result
        status="404"
        title={t('case.notFound')}
        subTitle={t('case.notFoundText')}
        extra={<Link to={props.back.to}>{props.back.label}</Link>}
      />
    );
  }

  const items: SharedTab[] = [
    ...props.tabs,
    { key: 'overview', label: t('case.tabs.overview'), children: <OverviewTab data={found} /> },
    { key: 'documents', label: t('case.tabs.documents'), children: <DocumentsTab data={found} /> },
  ];
  const requested = params.get('tab');
  const tab = items.some((i) => i.key === requested) ? (requested as string) : (items[0]?.key ?? 'overview');

  return (
    <CaseFileContext.Provider value={context}>
      <div className="page case-file">
        <Link to={props.back.to} className="back-link">
          ← {props.back.label}
        </Link>
        <header className="case-header">
          <Typography.Text type="secondary" className="case-reference" data-testid="case-reference">
            {found.reference ?? t('case.noReference')}
          </Typography.Text>
          <Typography.Title level={1} className="page-title">
            {found.title}
          </Typography.Title>
          <Space wrap size="small">
            <Tag color="blue" data-testid="case-state">
              {label('CASE_STATE', found.state)}
            </Tag>
            <Tag color={found.confidentiality === 'SECRET' ? 'red' : 'orange'}>
              {t('case.confidentiality')}: {label('CLEARANCE_LEVEL', found.confidentiality)}
            </Tag>
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} className="case-facts">
            <Descriptions.Item label={t('case.runningClock')}>
              {found.currentClock ? (
                <span>
                  {label('CLOCK_PHASE', found.currentClock.phase)}:{' '}
                  <Deadline clock={found.currentClock} zone={context.zone} />
                </span>
              ) : (
                t('case.noClock')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('case.regime')}>
              {found.regime.name} ({found.regime.timeZone})
            </Descriptions.Item>
          </Descriptions>
        </header>
        {props.banner}
        {props.error ? <ErrorAlert error={props.error} onRetry={refetch} /> : null}
        <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key })} items={[...items]} />
        <StaleVersionDialog open={staleOpen} onClose={() => setStaleOpen(false)} />
      </div>
    </CaseFileContext.Provider>
  );
}
