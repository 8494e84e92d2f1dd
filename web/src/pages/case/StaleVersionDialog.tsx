/**
 * Someone else changed the case since it was read: who, what and when (from the timeline), and a
 * reload that keeps every form's typed values (the forms stay mounted; only the case is re-read).
 */
import { Modal, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatInstant } from '../../i18n/format.ts';
import { useCaseFile } from './case-context.ts';

const LastChangeQuery = graphql(`
  query LastChange($id: ID!) {
    node(id: $id) {
      ... on Case {
        id
        version
        timeline(first: 1) {
          nodes {
            action
            occurredAt
            actorId
          }
        }
      }
    }
  }
`);

const PersonQuery = graphql(`
  query PersonName($id: ID!) {
    node(id: $id) {
      ... on Person {
        id
        displayName
      }
    }
  }
`);

export function StaleVersionDialog(props: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const file = useCaseFile();
  const [last] = useQuery({
    query: LastChangeQuery,
    variables: { id: file.caseId },
    pause: !props.open,
    requestPolicy: 'network-only',
  });
  // The timeline is newest first: its first entry is the change that made the case stale.
  const entry = last.data?.node && 'timeline' in last.data.node ? last.data.node.timeline.nodes[0] : undefined;
  const [person] = useQuery({
    query: PersonQuery,
    variables: { id: entry?.actorId ?? '' },
    pause: !props.open || !entry?.actorId,
  });
  const who =
    person.data?.node && 'displayName' in person.data.node ? person.data.node.displayName : t('stale.someoneElse');

  return (
    <Modal
      open={props.open}
      title={t('stale.title')}
      okText={t('stale.reload')}
      cancelText={t('stale.keepEditing')}
      onOk={() => {
        file.refetch();
        props.onClose();
      }}
      onCancel={props.onClose}
    >
      {!entry ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <Typography.Paragraph data-testid="stale-who">
          {t('stale.text', {
            who,
            action: entry.action,
            when: formatInstant(entry.occurredAt, file.zone, i18n.language),
          })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">{t('stale.kept')}</Typography.Paragraph>
    </Modal>
  );
}
