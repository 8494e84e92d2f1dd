/**
 * The decision: the proposals and decisions of the case with their conditions; the officer drafts
 * one (outcome, strategy, conditions, internal reasons, the notice text for the parties). Approval
 * by a second person and sending back are in the action bar, from `availableActions`.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { OrgName } from '../../components/OrgName.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import {
  type CaseDecisionsFragment,
  ConfirmConditionMetDocument,
  type DecisionOutcome,
  ProposeDecisionDocument,
  RequestRepresentationsDocument,
  type Strategy,
  type SubStrategy,
} from '../../gql/graphql.ts';
import { formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { ComplianceReports } from '../shared/ComplianceReports.tsx';
import { useCaseFile } from './case-context.ts';
import { useCaseMutation } from './use-case-mutation.ts';

export const CaseDecisionsFragmentDoc = graphql(`
  fragment CaseDecisions on Case {
    id
    strategy
    subStrategy
    parties {
      role
      organization {
        id
        name
        nameZh
      }
    }
    decisions {
      id
      state
      outcome
      strategy
      subStrategy
      reasons
      noticeText
      openWorkReason
      sentBackReason
      proposedAt
      approvedAt
      conditions {
        id
        description
        ownerOrganizationId
        state
        dueOn
        version
        complianceReports {
          id
          body
          submittedAt
          submittedBy {
            id
            displayName
          }
        }
      }
      representationRequests {
        id
        addressedToOrganizationId
        state
        representation
        requestedAt
        submittedAt
      }
    }
  }
`);

graphql(`
  mutation RequestRepresentations($decisionId: ID!) {
    requestRepresentations(decisionId: $decisionId) {
      __typename
      ...MutationError
    }
  }
  mutation ConfirmConditionMet($input: ConditionRulingInput!) {
    confirmConditionMet(input: $input) {
      __typename
      ...MutationError
    }
  }
`);

graphql(`
  mutation ProposeDecision($input: ProposeDecisionInput!) {
    proposeDecision(input: $input) {
      __typename
      ...MutationError
    }
  }
`);

interface ProposalForm {
  outcome: DecisionOutcome;
  strategy?: Strategy;
  subStrategy?: SubStrategy;
  reasons: string;
  noticeText: string;
  reason?: string;
  conditions?: { description: string; ownerOrganizationId: string; dueOn?: Dayjs }[];
}

const stateColours: Record<string, string> = {
  PROPOSED: 'gold',
  APPROVED: 'green',
  SENT_BACK: 'default',
  SET_ASIDE: 'red',
  SUPERSEDED: 'default',
};

export function DecisionTab(props: { data: CaseDecisionsFragment; canPropose: boolean }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const file = useCaseFile();
  const c = props.data;
  const [form] = Form.useForm<ProposalForm>();
  const outcome = Form.useWatch('outcome', form);
  const strategy = Form.useWatch('strategy', form);
  const { run, state } = useCaseMutation(ProposeDecisionDocument, 'proposeDecision');
  const hear = useCaseMutation(RequestRepresentationsDocument, 'requestRepresentations');
  const confirmMet = useCaseMutation(ConfirmConditionMetDocument, 'confirmConditionMet');
  const zh = i18n.language === 'zh-CN';
  const parties = [...new Map(c.parties.map((p) => [p.organization.id, p.organization])).values()];
  const partyName = (id: string) => {
    const org = parties.find((p) => p.id === id);
    return org ? (zh ? (org.nameZh ?? org.name) : org.name) : id;
  };

  return (
    <div className="tab-body">
      {c.decisions.length === 0 ? (
        <Empty description={t('decision.none')} />
      ) : (
        <List
          className="section"
          dataSource={c.decisions}
          renderItem={(d) => (
            <List.Item>
              <Card size="small" className="decision-card" data-testid="decision">
                <Space wrap>
                  <Tag color={stateColours[d.state]}>{label('DECISION_STATE', d.state)}</Tag>
                  <Typography.Text strong>{label('DECISION_OUTCOME', d.outcome)}</Typography.Text>
                  {d.strategy ? <Tag>{label('STRATEGY', d.strategy)}</Tag> : null}
                  {d.subStrategy ? <Tag>{label('SUB_STRATEGY', d.subStrategy)}</Tag> : null}
                </Space>
                <Descriptions size="small" column={1} className="section">
                  <Descriptions.Item label={t('decision.proposedAt')}>
                    {formatInstant(d.proposedAt, file.zone, i18n.language)}
                  </Descriptions.Item>
                  {d.approvedAt ? (
                    <Descriptions.Item label={t('decision.approvedAt')}>
                      {formatInstant(d.approvedAt, file.zone, i18n.language)}
                    </Descriptions.Item>
                  ) : null}
                  {d.reasons ? <Descriptions.Item label={t('decision.reasons')}>{d.reasons}</Descriptions.Item> : null}
                  <Descriptions.Item label={t('decision.noticeText')}>{d.noticeText}</Descriptions.Item>
                  {d.openWorkReason ? (
                    <Descriptions.Item label={t('decision.openWorkReason')}>{d.openWorkReason}</Descriptions.Item>
                  ) : null}
                  {d.sentBackReason ? (
                    <Descriptions.Item label={t('decision.sentBackReason')}>{d.sentBackReason}</Descriptions.Item>
                  ) : null}
                  {d.conditions.length > 0 ? (
                    <Descriptions.Item label={t('decision.conditions')}>
                      <ul className="plain-list">
                        {d.conditions.map((k) => (
                          <li key={k.id}>
                            {k.description} — {partyName(k.ownerOrganizationId)}
                            {k.dueOn ? `, ${t('decision.dueOn', { day: k.dueOn })}` : ''} ({k.state}){' '}
                            {d.state === 'APPROVED' && k.state === 'OPEN' ? (
                              <Button
                                size="small"
                                loading={confirmMet.state.fetching}
                                onClick={() =>
                                  void confirmMet.run({ input: { conditionId: k.id, expectedVersion: k.version } })
                                }
                              >
                                {t('decision.confirmMet')}
                              </Button>
                            ) : null}
                            {d.state === 'APPROVED' ? (
                              <ComplianceReports reports={k.complianceReports} zone={file.zone} />
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </Descriptions.Item>
                  ) : null}
                </Descriptions>
                {d.representationRequests.length > 0 ? (
                  <Descriptions size="small" column={1} title={t('decision.representations')}>
                    {d.representationRequests.map((r) => (
                      <Descriptions.Item key={r.id} label={partyName(r.addressedToOrganizationId)}>
                        {r.representation ?? t('decision.representationAwaited', { state: r.state })}
                      </Descriptions.Item>
                    ))}
                  </Descriptions>
                ) : null}
                {d.state === 'PROPOSED' ? (
                  <>
                    <Typography.Paragraph type="secondary">{t('decision.approveHint')}</Typography.Paragraph>
                    {d.representationRequests.length === 0 ? (
                      <Button loading={hear.state.fetching} onClick={() => void hear.run({ decisionId: d.id })}>
                        {t('decision.requestRepresentations')}
                      </Button>
                    ) : null}
                  </>
                ) : null}
              </Card>
            </List.Item>
          )}
        />
      )}
      <ErrorAlert
        typed={hear.state.typed ?? confirmMet.state.typed}
        error={hear.state.error ?? confirmMet.state.error}
      />
      {props.canPropose ? (
        <Card size="small" title={t('decision.propose')}>
          <Form<ProposalForm>
            name="propose"
            form={form}
            layout="vertical"
            initialValues={{ strategy: c.strategy ?? undefined, subStrategy: c.subStrategy ?? undefined }}
            onFinish={async (values) => {
              await run({
                input: {
                  caseId: file.caseId,
                  expectedVersion: file.version,
                  outcome: values.outcome,
                  reasons: values.reasons,
                  noticeText: values.noticeText,
                  ...(values.strategy ? { strategy: values.strategy } : {}),
                  ...(values.subStrategy ? { subStrategy: values.subStrategy } : {}),
                  ...(values.reason ? { reason: values.reason } : {}),
                  ...(values.outcome === 'CLEARED_WITH_CONDITIONS'
                    ? {
                        conditions: (values.conditions ?? []).map((k) => ({
                          description: k.description,
                          ownerOrganizationId: k.ownerOrganizationId,
                          ...(k.dueOn ? { dueOn: k.dueOn.format('YYYY-MM-DD') } : {}),
                        })),
                      }
                    : {}),
                },
              });
            }}
          >
            <Form.Item
              name="outcome"
              label={t('fields.outcome')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select options={label.options('DECISION_OUTCOME')} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="strategy" label={t('fields.strategy')}>
                <Select
                  allowClear
                  className="filter-select"
                  options={label.options('STRATEGY')}
                  onChange={() => form.setFieldValue('subStrategy', undefined)}
                />
              </Form.Item>
              <Form.Item name="subStrategy" label={t('fields.subStrategy')}>
                <Select
                  allowClear
                  className="filter-select"
                  options={label.options('SUB_STRATEGY', strategy ?? undefined)}
                />
              </Form.Item>
            </Space>
            {outcome === 'CLEARED_WITH_CONDITIONS' ? (
              <Form.List name="conditions">
                {(fields, { add, remove }) => (
                  <fieldset className="conditions">
                    <legend>{t('decision.conditions')}</legend>
                    {fields.map((field) => (
                      <Space key={field.key} align="baseline" wrap>
                        <Form.Item
                          name={[field.name, 'description']}
                          label={t('fields.conditionDescription')}
                          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
                        >
                          <Input className="condition-text" />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'ownerOrganizationId']}
                          label={t('fields.conditionOwner')}
                          rules={[{ required: true, message: t('form.required') }]}
                        >
                          <Select
                            className="filter-select"
                            options={parties.map((o) => ({ value: o.id, label: zh ? (o.nameZh ?? o.name) : o.name }))}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'dueOn']} label={t('fields.conditionDueOn')}>
                          <DatePicker />
                        </Form.Item>
                        <Button
                          type="text"
                          icon={<MinusCircleOutlined />}
                          aria-label={t('decision.removeCondition')}
                          onClick={() => remove(field.name)}
                        />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                      {t('decision.addCondition')}
                    </Button>
                  </fieldset>
                )}
              </Form.List>
            ) : null}
            <Form.Item
              name="reasons"
              label={t('fields.reasons')}
              extra={t('decision.reasonsHint')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item
              name="noticeText"
              label={t('fields.noticeText')}
              extra={t('decision.noticeHint')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item name="reason" label={t('fields.openWorkReason')} extra={t('decision.openWorkHint')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <ErrorAlert typed={state.typed} error={state.error} />
            <Button type="primary" htmlType="submit" loading={state.fetching}>
              {t('decision.submit')}
            </Button>
          </Form>
        </Card>
      ) : null}
      {parties.length === 0 ? null : (
        <Typography.Paragraph type="secondary" className="section">
          {t('decision.parties')}:{' '}
          {parties.map((p, i) => (
            <span key={p.id}>
              {i > 0 ? ', ' : ''}
              <OrgName org={p} />
            </span>
          ))}
        </Typography.Paragraph>
      )}
    </div>
  );
}
