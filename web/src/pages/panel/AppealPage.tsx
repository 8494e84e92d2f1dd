/**
 * An appeal before the panel: the grounds, the decision appealed (with its internal reasons, which
 * the panel may read), admission or dismissal with reasons by a panel of at least two, then the
 * ruling — upheld, varied (with the new decision and its conditions) or remitted.
 */
import { Button, Card, DatePicker, Descriptions, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../app/viewer.ts';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import {
  AdmitAppealDocument,
  type AppealCaseQuery,
  DecideAppealDocument,
  DismissAppealDocument,
} from '../../gql/graphql.ts';
import { formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from '../case/case-context.ts';
import { useCaseMutation } from '../case/use-case-mutation.ts';
import { SharedCaseFile } from '../shared/SharedCaseFile.tsx';

const AppealCaseQueryDoc = graphql(`
  query AppealCase($id: ID!) {
    node(id: $id) {
      __typename
      ... on Case {
        ...SharedCase
        appeal {
          id
          state
          grounds
          filedAt
          admittedAt
          decidedAt
          panelReasons
          decision {
            id
            outcome
            reasons
            noticeText
            approvedAt
            conditions {
              id
              description
              state
            }
          }
        }
      }
    }
    panel: people(first: 50) {
      nodes {
        id
        displayName
        roles
      }
    }
  }
`);

graphql(`
  mutation AdmitAppeal($input: AppealRulingInput!) {
    admitAppeal(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation DismissAppeal($input: AppealRulingInput!) {
    dismissAppeal(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation DecideAppeal($input: DecideAppealInput!) {
    decideAppeal(input: $input) {
      __typename
      ...MutationError
    }
  }
`);

type FoundCase = Extract<NonNullable<AppealCaseQuery['node']>, { __typename: 'Case' }>;
type Member = AppealCaseQuery['panel']['nodes'][number];

function Admissibility(props: { data: FoundCase; members: readonly Member[] }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const file = useCaseFile();
  const admit = useCaseMutation(AdmitAppealDocument, 'admitAppeal');
  const dismiss = useCaseMutation(DismissAppealDocument, 'dismissAppeal');
  const [form] = Form.useForm<{ panelMemberIds: string[]; reason: string }>();
  // The ruling member sits on the panel: seated as soon as the console knows who they are.
  useEffect(() => {
    if (viewer.personId && !(form.getFieldValue('panelMemberIds') ?? []).length) {
      form.setFieldValue('panelMemberIds', [viewer.personId]);
    }
  }, [viewer.personId, form]);
  const send = async (which: 'admit' | 'dismiss') => {
    const values = await form.validateFields();
    const input = { caseId: file.caseId, expectedVersion: file.version, ...values };
    await (which === 'admit' ? admit.run({ input }) : dismiss.run({ input }));
  };
  return (
    <Card size="small" className="section" title={t('panel.admissibility')}>
      <Form
        name="admissibility"
        form={form}
        layout="vertical"
        initialValues={{ panelMemberIds: viewer.personId ? [viewer.personId] : [] }}
      >
        <Form.Item
          name="panelMemberIds"
          label={t('panel.members')}
          extra={t('panel.membersHint')}
          rules={[{ required: true, type: 'array', min: 2, message: t('panel.membersRequired') }]}
        >
          <Select mode="multiple" options={props.members.map((m) => ({ value: m.id, label: m.displayName }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('panel.reasons')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <ErrorAlert typed={admit.state.typed ?? dismiss.state.typed} error={admit.state.error ?? dismiss.state.error} />
        <Space>
          <Button type="primary" loading={admit.state.fetching} onClick={() => void send('admit').catch(() => {})}>
            {t('panel.admit')}
          </Button>
          <Button loading={dismiss.state.fetching} onClick={() => void send('dismiss').catch(() => {})}>
            {t('panel.dismiss')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

interface RulingValues {
  outcome: 'UPHELD' | 'VARIED' | 'REMITTED';
  reasons: string;
  variedOutcome?: string;
  variedReasons?: string;
  noticeText?: string;
  conditions?: { description: string; ownerOrganizationId: string; dueOn?: Dayjs }[];
}

function Ruling(props: { data: FoundCase }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const label = useLabel();
  const file = useCaseFile();
  const decide = useCaseMutation(DecideAppealDocument, 'decideAppeal');
  const [form] = Form.useForm<RulingValues>();
  const [outcome, setOutcome] = useState<RulingValues['outcome'] | undefined>();
  const parties = props.data.parties;
  return (
    <Card size="small" className="section" title={t('panel.ruling')}>
      <Form
        name="ruling"
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void decide.run({
            input: {
              caseId: file.caseId,
              expectedVersion: file.version,
              outcome: v.outcome,
              reasons: v.reasons,
              ...(v.outcome === 'VARIED'
                ? {
                    variedDecision: {
                      outcome: v.variedOutcome as never,
                      reasons: v.variedReasons ?? '',
                      noticeText: v.noticeText ?? '',
                      conditions: (v.conditions ?? []).map((k) => ({
                        description: k.description,
                        ownerOrganizationId: k.ownerOrganizationId,
                        ...(k.dueOn ? { dueOn: k.dueOn.format('YYYY-MM-DD') } : {}),
                      })),
                    },
                  }
                : {}),
            },
          })
        }
      >
        <Form.Item name="outcome" label={t('panel.outcome')} rules={[{ required: true, message: t('form.required') }]}>
          <Radio.Group onChange={(e) => setOutcome(e.target.value)}>
            <Space direction="vertical">
              {(['UPHELD', 'VARIED', 'REMITTED'] as const).map((o) => (
                <Radio key={o} value={o}>
                  {label('APPEAL_STATE', o)} — {label.description('APPEAL_STATE', o)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reasons"
          label={t('panel.reasons')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        {outcome === 'VARIED' ? (
          <fieldset className="varied">
            <legend>{t('panel.variedDecision')}</legend>
            <Form.Item
              name="variedOutcome"
              label={t('fields.outcome')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select options={label.options('DECISION_OUTCOME').filter((o) => o.value !== 'NO_ACTION')} />
            </Form.Item>
            <Form.Item
              name="variedReasons"
              label={t('fields.reasons')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item
              name="noticeText"
              label={t('fields.noticeText')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.List name="conditions">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <Space key={field.key} align="baseline" wrap>
                      <Form.Item
                        name={[field.name, 'description']}
                        label={t('panel.condition', { n: i + 1 })}
                        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
                      >
                        <Input className="wide-select" />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'ownerOrganizationId']}
                        label={t('panel.conditionOwner', { n: i + 1 })}
                        rules={[{ required: true, message: t('form.required') }]}
                      >
                        <Select
                          className="role-select"
                          options={parties.map((p) => ({
                            value: p.organization.id,
                            label: zh ? (p.organization.nameZh ?? p.organization.name) : p.organization.name,
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'dueOn']} label={t('panel.conditionDue', { n: i + 1 })}>
                        <DatePicker />
                      </Form.Item>
                      <Button onClick={() => remove(field.name)}>{t('filing.removeParty')}</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({})}>{t('decision.addCondition')}</Button>
                </>
              )}
            </Form.List>
          </fieldset>
        ) : null}
        <ErrorAlert typed={decide.state.typed} error={decide.state.error} />
        <Button type="primary" htmlType="submit" loading={decide.state.fetching} className="section-top">
          {t('panel.decide')}
        </Button>
      </Form>
    </Card>
  );
}

function AppealTab(props: { data: FoundCase; members: readonly Member[] }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { zone } = useCaseFile();
  const appeal = props.data.appeal;
  if (!appeal) return null;
  const d = appeal.decision;
  return (
    <div className="tab-body">
      <Descriptions bordered size="small" column={1} className="section">
        <Descriptions.Item label={t('firm.appeal')}>
          <Tag data-testid="appeal-state">{label('APPEAL_STATE', appeal.state)}</Tag>
          {formatInstant(appeal.filedAt, zone, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('firm.grounds')}>
          <span className="question">{appeal.grounds}</span>
        </Descriptions.Item>
        {appeal.panelReasons ? (
          <Descriptions.Item label={t('firm.panelReasons')}>{appeal.panelReasons}</Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Title level={2} className="section-title">
        {t('panel.appealed')}
      </Typography.Title>
      <Descriptions bordered size="small" column={1} className="section">
        <Descriptions.Item label={t('fields.outcome')}>{label('DECISION_OUTCOME', d.outcome)}</Descriptions.Item>
        <Descriptions.Item label={t('fields.reasons')}>{d.reasons ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('fields.noticeText')}>{d.noticeText}</Descriptions.Item>
        <Descriptions.Item label={t('decision.conditions')}>
          {d.conditions.length === 0 ? '—' : d.conditions.map((k) => <div key={k.id}>{k.description}</div>)}
        </Descriptions.Item>
      </Descriptions>
      <Link to={`/cases/${encodeURIComponent(props.data.id)}`}>{t('panel.fullFile')}</Link>
      {appeal.state === 'FILED' ? <Admissibility data={props.data} members={props.members} /> : null}
      {appeal.state === 'ADMITTED' ? <Ruling data={props.data} /> : null}
    </div>
  );
}

export default function AppealPage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const [{ data, error, fetching }, refetchQuery] = useQuery({ query: AppealCaseQueryDoc, variables: { id: caseId } });
  const refetch = useCallback(() => refetchQuery({ requestPolicy: 'network-only' }), [refetchQuery]);
  const found = data?.node?.__typename === 'Case' && data.node.appeal ? data.node : null;
  const members = (data?.panel.nodes ?? []).filter((p) => p.roles?.includes('APPEALS_PANEL'));
  return (
    <SharedCaseFile
      data={found}
      fetching={fetching || !data}
      error={error}
      refetch={refetch}
      back={{ to: '/appeals', label: t('panel.back') }}
      tabs={
        found
          ? [{ key: 'appeal', label: t('panel.tabs.appeal'), children: <AppealTab data={found} members={members} /> }]
          : []
      }
    />
  );
}
