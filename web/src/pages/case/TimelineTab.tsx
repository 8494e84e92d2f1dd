/** The timeline: every audited change of the case the person may see, newest first. */
import { Empty, Skeleton, Timeline, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from './case-context.ts';

const TimelineQuery = graphql(`
  query CaseTimeline($id: ID!) {
    node(id: $id) {
      ... on Case {
        id
        version
        timeline(first: 100) {
          nodes {
            sequence
            occurredAt
            action
            actorKind
            actorId
            resultingState
            reason
          }
        }
      }
    }
  }
`);

export function TimelineTab(props: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { zone, version } = useCaseFile();
  const [{ data, error, fetching }, refetch] = useQuery({ query: TimelineQuery, variables: { id: props.caseId } });
  // The case moved on: its timeline has a new entry.
  useEffect(() => {
    if (data?.node && 'version' in data.node && data.node.version !== version)
      refetch({ requestPolicy: 'network-only' });
  }, [version, data, refetch]);
  // Newest first, as the API gives it.
  const entries = data?.node && 'timeline' in data.node ? data.node.timeline.nodes : null;
  if (error) return <ErrorAlert error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!entries) return fetching ? <Skeleton active /> : null;
  if (entries.length === 0) return <Empty description={t('case.timelineEmpty')} />;
  return (
    <div className="tab-body">
      <Timeline
        items={entries.map((e) => ({
          key: e.sequence,
          content: (
            <div className="timeline-entry">
              <Typography.Text strong>{e.action}</Typography.Text>{' '}
              {e.resultingState ? <span>→ {label('CASE_STATE', e.resultingState)}</span> : null}
              <div className="muted">{formatInstant(e.occurredAt, zone, i18n.language)}</div>
              {e.reason ? <div>{e.reason}</div> : null}
            </div>
          ),
        }))}
      />
    </div>
  );
}
