/** Documents: the ones the person may see; upload with a classification and progress; download. */
import { DownloadOutlined, HistoryOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Progress,
  Select,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DocumentRequestError, downloadDocument, uploadDocument } from '../../api/documents.ts';
import { useSession } from '../../auth/SessionContext.tsx';
import { fieldLabel } from '../../errors/describe.ts';
import { graphql } from '../../gql';
import type { CaseDocumentsFragment } from '../../gql/graphql.ts';
import { formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from './case-context.ts';

export const CaseDocumentsFragmentDoc = graphql(`
  fragment CaseDocuments on Case {
    id
    documents {
      id
      title
      fileName
      mediaType
      sizeBytes
      classification
      uploadedAt
      downloadPath
      uploadedBy {
        id
        displayName
      }
      readLog {
        readAt
        reader {
          id
          displayName
        }
      }
    }
  }
`);

const sizeOf = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1048576
      ? `${(bytes / 1024).toFixed(1)} kB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

type DocumentRead = NonNullable<CaseDocumentsFragment['documents'][number]['readLog']>[number];

/** Who downloaded a logged document and when, newest first. */
function ReadLog(props: { reads: readonly DocumentRead[]; zone: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="read-log">
      <Typography.Text strong>{t('documents.readLog')}</Typography.Text>
      {props.reads.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('documents.readLogEmpty')}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={[...props.reads]}
          renderItem={(read) => (
            <List.Item>
              {t('documents.readBy', {
                who: read.reader?.displayName ?? t('documents.readByService'),
                when: formatInstant(read.readAt, props.zone, i18n.language),
              })}
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

export function DocumentsTab(props: { data: CaseDocumentsFragment }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const file = useCaseFile();
  const { session } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; classification: string; file: { originFileObj?: File }[] }>();
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const describe = (error: unknown) =>
    error instanceof DocumentRequestError
      ? error.code === 'NETWORK'
        ? t('errors.network')
        : `${error.field ? `${fieldLabel(t, error.field)}: ` : ''}${error.message}`
      : t('errors.server');

  return (
    <div className="tab-body">
      {props.data.documents.length === 0 ? (
        <Empty description={t('documents.none')} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          className="section"
          dataSource={props.data.documents}
          // The read log, for those entitled to it (auditors): the API answers null to everyone else.
          expandable={{
            rowExpandable: (d) => d.readLog != null,
            expandedRowRender: (d) => <ReadLog reads={d.readLog ?? []} zone={file.zone} />,
            expandIcon: ({ expanded, onExpand, record, expandable }) =>
              expandable ? (
                <Button
                  size="small"
                  type="text"
                  icon={<HistoryOutlined />}
                  aria-expanded={expanded}
                  aria-label={`${t('documents.readLog')}: ${record.title}`}
                  onClick={(event) => onExpand(record, event)}
                />
              ) : null,
          }}
          columns={[
            { title: t('documents.title'), dataIndex: 'title' },
            { title: t('documents.fileName'), dataIndex: 'fileName' },
            {
              title: t('documents.classification'),
              dataIndex: 'classification',
              render: (c: string) => <Tag>{label('CLEARANCE_LEVEL', c)}</Tag>,
            },
            { title: t('documents.size'), dataIndex: 'sizeBytes', render: sizeOf },
            {
              title: t('documents.uploaded'),
              key: 'uploaded',
              render: (_: unknown, d) =>
                `${d.uploadedBy.displayName}, ${formatInstant(d.uploadedAt, file.zone, i18n.language)}`,
            },
            {
              title: t('documents.download'),
              key: 'download',
              render: (_: unknown, d) => (
                <Button
                  icon={<DownloadOutlined />}
                  aria-label={`${t('documents.download')} ${d.title}`}
                  onClick={() =>
                    void downloadDocument(session, d.downloadPath, d.fileName).catch((e) => message.error(describe(e)))
                  }
                />
              ),
            },
          ]}
        />
      )}
      <Card size="small" title={t('documents.upload')}>
        <Form
          name="upload"
          form={form}
          layout="vertical"
          initialValues={{ classification: 'CONFIDENTIAL' }}
          onFinish={async (values) => {
            const chosen = values.file?.[0]?.originFileObj;
            if (!chosen) return;
            setProblem(null);
            setProgress(0);
            try {
              await uploadDocument(
                session,
                { caseId: file.caseId, file: chosen, title: values.title, classification: values.classification },
                setProgress,
              );
              void message.success(t('documents.uploadedOk'));
              form.resetFields();
              file.refetch();
            } catch (error) {
              setProblem(describe(error));
            } finally {
              setProgress(null);
            }
          }}
        >
          <Form.Item
            name="title"
            label={t('documents.title')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="classification"
            label={t('documents.classification')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select options={label.options('CLEARANCE_LEVEL')} />
          </Form.Item>
          <Form.Item
            name="file"
            label={t('documents.file')}
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList.slice(-1)}
            rules={[{ required: true, message: t('documents.fileRequired') }]}
          >
            <Upload beforeUpload={() => false} maxCount={1}>
              <Button icon={<UploadOutlined />}>{t('documents.choose')}</Button>
            </Upload>
          </Form.Item>
          {progress !== null ? <Progress percent={progress} aria-label={t('documents.progress')} /> : null}
          {problem ? (
            <Alert type="error" showIcon role="alert" title={t('documents.refused')} description={problem} />
          ) : null}
          <Button type="primary" htmlType="submit" loading={progress !== null}>
            {t('documents.send')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
