/**
 * Calendars and regimes: each calendar's loaded years (with their source) and the coming years still
 * provisional; loading a year's official schedule from a CSV or JSON file; every regime version with
 * its clock limits.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { ImportCalendarYearDocument } from '../../gql/graphql.ts';
import { defaultZone, formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useAdminMutation } from './use-admin-mutation.ts';

const CalendarsQuery = graphql(`
  query CalendarsAndRegimes {
    calendars(first: 20) {
      nodes {
        id
        code
        name
        timeZone
        years {
          year
          source
          loadedAt
        }
      }
    }
    regimes(first: 50) {
      nodes {
        id
        code
        version
        name
        isDefault
        timeZone
        informationRequestPausesPhaseClock
        clocks {
          phase
          unit
          length
          extensionLength
        }
      }
    }
  }
`);

graphql(`
  mutation ImportCalendarYear($input: ImportCalendarYearInput!) {
    importCalendarYear(input: $input) {
      __typename
      ...MutationError
      ... on CalendarYearLoaded {
        year
        deadlinesChanged
      }
    }
  }
`);

interface ImportValues {
  calendarCode: string;
  year: number;
  source: string;
  file: { originFileObj?: File; name: string }[];
}

export default function CalendarsPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [{ data, error, fetching }, refetch] = useQuery({ query: CalendarsQuery });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const load = useAdminMutation(ImportCalendarYearDocument, 'importCalendarYear', reload);
  const [form] = Form.useForm<ImportValues>();
  const [loaded, setLoaded] = useState<string | null>(null);
  const thisYear = new Date().getFullYear();
  const coming = [thisYear, thisYear + 1, thisYear + 2];
  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {t('admin.calendars')}
      </Typography.Title>
      <ErrorAlert error={error} onRetry={reload} />
      <Table
        size="small"
        rowKey="id"
        loading={fetching && !data}
        pagination={false}
        className="section"
        dataSource={data?.calendars.nodes ?? []}
        data-testid="calendars"
        columns={[
          {
            title: t('admin.calendar'),
            key: 'name',
            render: (_: unknown, c) => `${c.name} (${c.code}, ${c.timeZone})`,
          },
          {
            title: t('admin.loadedYears'),
            key: 'years',
            render: (_: unknown, c) =>
              c.years.map((y) => (
                <div key={y.year}>
                  <Tag color="green">{y.year}</Tag> {y.source} · {formatInstant(y.loadedAt, defaultZone, i18n.language)}
                </div>
              )),
          },
          {
            title: t('admin.provisionalYears'),
            key: 'provisional',
            render: (_: unknown, c) =>
              coming
                .filter((y) => !c.years.some((l) => l.year === y))
                .map((y) => (
                  <Tag key={y} color="purple" data-testid={`provisional-${c.code}-${y}`}>
                    {y}
                  </Tag>
                )),
          },
        ]}
      />
      <Card size="small" className="section" title={t('admin.loadYear')}>
        <Typography.Paragraph type="secondary">{t('admin.loadYearHint')}</Typography.Paragraph>
        {loaded ? <Typography.Paragraph data-testid="year-loaded">{loaded}</Typography.Paragraph> : null}
        <Form
          form={form}
          layout="vertical"
          name="load-year"
          onFinish={async (v) => {
            const file = v.file?.[0]?.originFileObj;
            if (!file) return;
            const content = await file.text();
            const answer = await load.run({
              input: {
                calendarCode: v.calendarCode,
                year: v.year,
                source: v.source,
                format: file.name.toLowerCase().endsWith('.json') ? 'JSON' : 'CSV',
                content,
              },
            });
            if (answer?.__typename === 'CalendarYearLoaded') {
              setLoaded(t('admin.yearLoaded', { year: answer.year, count: answer.deadlinesChanged }));
              form.resetFields();
            }
          }}
        >
          <Form.Item
            name="calendarCode"
            label={t('admin.calendar')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              options={(data?.calendars.nodes ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
            />
          </Form.Item>
          <Form.Item name="year" label={t('admin.year')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item
            name="source"
            label={t('admin.source')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="file"
            label={t('documents.file')}
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList.slice(-1)}
            rules={[{ required: true, message: t('documents.fileRequired') }]}
          >
            <Upload beforeUpload={() => false} maxCount={1} accept=".csv,.json">
              <Button icon={<UploadOutlined aria-hidden />}>{t('documents.choose')}</Button>
            </Upload>
          </Form.Item>
          <ErrorAlert typed={load.state.typed} error={load.state.error} />
          <Button type="primary" htmlType="submit" loading={load.state.fetching}>
            {t('admin.load')}
          </Button>
        </Form>
      </Card>
      <Typography.Title level={2} className="section-title">
        {t('admin.regimes')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={data?.regimes.nodes ?? []}
        data-testid="regimes"
        columns={[
          {
            title: t('admin.regime'),
            key: 'name',
            render: (_: unknown, r) => (
              <span>
                {r.name} ({r.code} v{r.version}) {r.isDefault ? <Tag color="blue">{t('admin.default')}</Tag> : null}
              </span>
            ),
          },
          { title: t('case.regime'), dataIndex: 'timeZone' },
          {
            title: t('admin.limits'),
            key: 'clocks',
            render: (_: unknown, r) =>
              r.clocks.map((k) => (
                <Tag key={k.phase}>
                  {label('CLOCK_PHASE', k.phase)}:{' '}
                  {t(k.unit === 'WORKING_DAYS' ? 'admin.workingDays' : 'admin.calendarDays', { count: k.length })}
                  {k.extensionLength ? ` (+${k.extensionLength})` : ''}
                </Tag>
              )),
          },
          {
            title: t('admin.pauses'),
            key: 'pause',
            render: (_: unknown, r) => (r.informationRequestPausesPhaseClock ? t('common.yes') : t('common.no')),
          },
        ]}
      />
    </div>
  );
}
