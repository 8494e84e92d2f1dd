/**
 * The case file: a header with the reference, state, confidentiality and the running clock; the
 * action bar from `availableActions`; tabs for every part of the case. One query for the page (each
 * tab declares its fragment), refreshed live when anyone changes the case.
 */
import { Alert, App, Descriptions, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { useViewer } from '../../app/viewer.ts';
import { Deadline } from '../../components/Deadline.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { defaultZone } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { ActionBar, actionsFromApi } from './ActionBar.tsx';
import { AssessmentsTab } from './AssessmentsTab.tsx';
import { ClassificationTab } from './ClassificationTab.tsx';
import { ConsultationsTab } from './ConsultationsTab.tsx';
import { CaseFileContext, type CaseFileContextValue } from './case-context.ts';
import { DecisionTab } from './DecisionTab.tsx';
import { DocumentsTab } from './DocumentsTab.tsx';
import { InformationRequestsTab } from './InformationRequestsTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { StaleVersionDialog } from './StaleVersionDialog.tsx';
import { TeamButton } from './TeamButton.tsx';
import { TimelineTab } from './TimelineTab.tsx';

const CaseFileQuery = graphql(`
  query CaseFile($id: ID!) {
    node(id: $id) {
      __typename
      ... on Case {
        id
        reference
        title
        state
        confidentiality
        version
        overdue
        ...CaseActions
        regime {
          id
          code
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
        caseOfficer {
          id
          displayName
        }
        leadReviewer {
          id
          displayName
        }
        ...CaseOverview
        ...CaseClassification
        ...CaseConsultations
        ...CaseAssessments
        ...CaseInformationRequests
        ...CaseDocuments
        ...CaseDecisions
      }
    }
  }
`);

const CaseEventsSubscription = graphql(`
  subscription CaseEvents($caseId: ID!) {
    caseEvents(caseId: $caseId) {
      sequence
      action
      actorId
      occurredAt
    }
  }
`);

const tabs = [
  'overview',
  'classification',
  'consultations',
  'assessments',
  'information',
  'documents',
  'decision',
  'timeline',
] as const;
type TabKey = (typeof tabs)[number];

export default function CaseFilePage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { notification } = App.useApp();
  const viewer = useViewer();
  const { caseId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (tabs as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'overview';
  const [{ data, error, fetching }, refetch] = useQuery({ query: CaseFileQuery, variables: { id: caseId } });
  const [staleOpen, setStaleOpen] = useState(false);
  const [live] = useSubscription({ query: CaseEventsSubscription, variables: { caseId } });
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);

  // Someone (or something) changed the case: read it again; tell the person when it was not them.
  useEffect(() => {
    const event = live.data?.caseEvents;
    if (!event) return;
    reload();
    if (event.actorId !== viewer.personId) {
      notification.info({
        title: t('case.changedLive'),
        description: event.action,
        placement: 'bottomRight',
        key: 'case-live',
      });
    }
  }, [live.data, reload, viewer.personId, notification, t]);

  const found = data?.node?.__typename === 'Case' ? data.node : null;
  const context = useMemo<CaseFileContextValue | null>(
    () =>
      found
        ? {
            caseId: found.id,
            version: found.version,
            zone: found.regime.timeZone ?? defaultZone,
            refetch: reload,
            stale: () => setStaleOpen(true),
          }
        : null,
    [found, reload],
  );

  if (!found || !context) {
    if (error) return <ErrorAlert error={error} onRetry={reload} />;
    if (fetching || !data) return <Skeleton active paragraph={{ rows: 8 }} />;
    return (
      <Result
        status="404"
        title={t('case.notFound')}
        subTitle={t('case.notFoundText')}
        extra={<Link to="/queue">{t('case.backToQueue')}</Link>}
      />
    );
  }

  const open = (key: string) => setParams({ tab: key });
  const items = [
    { key: 'overview', label: t('case.tabs.overview'), children: <OverviewTab data={found} /> },
    { key: 'classification', label: t('case.tabs.classification'), children: <ClassificationTab data={found} /> },
    { key: 'consultations', label: t('case.tabs.consultations'), children: <ConsultationsTab data={found} /> },
    { key: 'assessments', label: t('case.tabs.assessments'), children: <AssessmentsTab data={found} /> },
    { key: 'information', label: t('case.tabs.information'), children: <InformationRequestsTab data={found} /> },
    { key: 'documents', label: t('case.tabs.documents'), children: <DocumentsTab data={found} /> },
    {
      key: 'decision',
      label: t('case.tabs.decision'),
      children: (
        <DecisionTab
          data={found}
          canPropose={found.availableActions.some((a) => a.event === 'PROPOSE_DECISION' && a.possible)}
        />
      ),
    },
    { key: 'timeline', label: t('case.tabs.timeline'), children: <TimelineTab caseId={found.id} /> },
  ];

  return (
    <CaseFileContext.Provider value={context}>
      <div className="page case-file">
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
            {found.overdue ? <Tag color="red">{t('case.overdue')}</Tag> : null}
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} className="case-facts">
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
            <Descriptions.Item label={t('case.team')}>
              <span data-testid="case-team">
                {found.caseOfficer?.displayName ?? t('case.unassigned')} /{' '}
                {found.leadReviewer?.displayName ?? t('case.unassigned')}
              </span>{' '}
              <TeamButton caseOfficerId={found.caseOfficer?.id} leadReviewerId={found.leadReviewer?.id} />
            </Descriptions.Item>
            <Descriptions.Item label={t('case.regime')}>
              {found.regime.name} ({found.regime.timeZone})
            </Descriptions.Item>
          </Descriptions>
        </header>
        <ActionBar actions={actionsFromApi(found.availableActions)} onOpenTab={open} />
        {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
        {live.error ? <Alert type="warning" showIcon title={t('case.liveLost')} /> : null}
        <Tabs activeKey={tab} onChange={open} items={items} destroyOnHidden={false} />
        <StaleVersionDialog open={staleOpen} onClose={() => setStaleOpen(false)} />
      </div>
    </CaseFileContext.Provider>
  );
}
