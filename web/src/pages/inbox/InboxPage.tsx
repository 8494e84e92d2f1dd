/** The inbox: notices about cases, newest first, unread marked; live over SSE (the header's count too). */

import { Badge, Button, Empty, List, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { MarkAllNotificationsReadDocument, MarkNotificationReadDocument } from '../../gql/graphql.ts';
import { defaultZone, formatInstant } from '../../i18n/format.ts';

const InboxQuery = graphql(`
  query Inbox($after: String, $unreadOnly: Boolean) {
    viewer {
      notifications(first: 20, after: $after, unreadOnly: $unreadOnly) {
        unreadCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          kind
          title
          caseId
          createdAt
          read
        }
      }
    }
  }
`);

const MarkRead = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      __typename
      ... on NotificationRead {
        unreadCount
        notification {
          id
          read
        }
      }
    }
  }
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead {
      __typename
    }
  }
`);
void MarkRead;

const InboxLive = graphql(`
  subscription InboxLive {
    inbox {
      id
    }
  }
`);

export default function InboxPage() {
  const { t, i18n } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({ query: InboxQuery, variables: { unreadOnly } });
  const [, markRead] = useMutation(MarkNotificationReadDocument);
  const [markedAll, markAll] = useMutation(MarkAllNotificationsReadDocument);
  const [live] = useSubscription({ query: InboxLive });
  useEffect(() => {
    if (live.data) refetch({ requestPolicy: 'network-only' });
  }, [live.data, refetch]);
  const inbox = data?.viewer?.notifications;

  return (
    <div className="page">
      <Space className="page-title-row" wrap>
        <Typography.Title level={1} className="page-title">
          {t('inbox.heading')}
        </Typography.Title>
        <Badge count={inbox?.unreadCount ?? 0} aria-hidden />
      </Space>
      <Space className="section">
        <Button onClick={() => setUnreadOnly(!unreadOnly)} aria-pressed={unreadOnly}>
          {unreadOnly ? t('inbox.showAll') : t('inbox.unreadOnly')}
        </Button>
        <Button
          disabled={!inbox?.unreadCount}
          loading={markedAll.fetching}
          onClick={() => void markAll({}).then(() => refetch({ requestPolicy: 'network-only' }))}
        >
          {t('inbox.markAll')}
        </Button>
      </Space>
      <ErrorAlert error={error ?? markedAll.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {!inbox && fetching ? (
        <Skeleton active />
      ) : inbox && inbox.nodes.length === 0 ? (
        <Empty description={t('inbox.empty')} />
      ) : (
        <List
          dataSource={inbox?.nodes ?? []}
          renderItem={(n) => (
            <List.Item
              className={n.read ? 'notice-read' : 'notice-unread'}
              actions={
                n.read
                  ? []
                  : [
                      <Button key="read" size="small" onClick={() => void markRead({ id: n.id })}>
                        {t('inbox.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space>
                    {n.read ? null : <Badge status="processing" aria-label={t('inbox.unread')} />}
                    {n.caseId ? (
                      <Link to={`/cases/${encodeURIComponent(n.caseId)}`} onClick={() => void markRead({ id: n.id })}>
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </Space>
                }
                description={formatInstant(n.createdAt, defaultZone, i18n.language)}
              />
            </List.Item>
          )}
        />
      )}
      {inbox?.pageInfo.hasNextPage ? (
        <Typography.Paragraph type="secondary">{t('inbox.more')}</Typography.Paragraph>
      ) : null}
    </div>
  );
}
