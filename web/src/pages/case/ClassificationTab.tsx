/**
 * Classification: the officer's facts (security type, key dimension, threatened capabilities,
 * maturity), pre-filled from the API's suggestion; the risk policy's result with each factor's
 * points and explanation; an override of the grade or strategy, which needs a reason.
 */
import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Form,
  Input,
  Progress,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import type {
  Capability,
  CaseClassificationFragment,
  KeyDimension,
  RiskGrade,
  SecurityType,
  Strategy,
  SubStrategy,
  TechnologyMaturity,
} from '../../gql/graphql.ts';
import { ClassifyCaseDocument } from '../../gql/graphql.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { useCaseFile } from './case-context.ts';
import { useCaseMutation } from './use-case-mutation.ts';

export const CaseClassificationFragmentDoc = graphql(`
  fragment CaseClassification on Case {
    id
    state
    securityType
    keyDimension
    capabilities
    maturity
    strategy
    subStrategy
    riskGrade
    riskScore
    riskOverrideReason
    riskPolicyVersion
    suggestedClassification {
      securityType
      keyDimension
      capabilities
      maturity
      explanation
    }
    riskExplanation {
      assessedAt
      confirmedGrade
      confirmedStrategy
      confirmedSubStrategy
      overridden
      assessment {
        policyVersion
        score
        grade
        capped
        gradeExplanation
        factors {
          factor
          value
          points
          maxPoints
          explanation
        }
        proposal {
          strategy
          subStrategy
          explanation
          committeeSubStrategy
          disagreesWithCommittee
        }
      }
    }
  }
`);

graphql(`
  mutation ClassifyCase($input: ClassifyCaseInput!) {
    classifyCase(input: $input) {
      __typename
      ...MutationError
    }
  }
`);

interface ClassificationForm {
  securityType: SecurityType;
  keyDimension: KeyDimension;
  capabilities: Capability[];
  maturity: TechnologyMaturity;
  reason: string;
  riskGrade?: RiskGrade;
  strategy?: Strategy;
  subStrategy?: SubStrategy;
  overrideReason?: string;
}

const gradeColours: Record<string, string> = { LOW: 'green', MEDIUM: 'gold', HIGH: 'volcano', CRITICAL: 'red' };
const classifiable = new Set(['SCREENING', 'REVIEW', 'IN_DEPTH']);

export function ClassificationTab(props: { data: CaseClassificationFragment }) {
  const { t } = useTranslation();
  const label = useLabel();
  const file = useCaseFile();
  const c = props.data;
  const [form] = Form.useForm<ClassificationForm>();
  const { run, state } = useCaseMutation(ClassifyCaseDocument, 'classifyCase');
  const securityType = Form.useWatch('securityType', form);
  const strategy = Form.useWatch('strategy', form);
  const initial = useMemo(() => {
    const facts = c.securityType ? c : c.suggestedClassification;
    return {
      securityType: facts?.securityType ?? undefined,
      keyDimension: facts?.keyDimension ?? undefined,
      capabilities: facts?.capabilities ?? [],
      maturity: facts?.maturity ?? undefined,
    };
  }, [c]);
  const result = c.riskExplanation;
  const editable = classifiable.has(c.state);

  return (
    <div className="tab-body classification">
      {c.suggestedClassification && !c.securityType ? (
        <Alert
          type="info"
          showIcon
          title={t('classification.suggested')}
          description={c.suggestedClassification.explanation}
          className="section"
        />
      ) : null}
      {result ? (
        <Card size="small" title={t('classification.result')} className="section" data-testid="risk-result">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('classification.score')}>
              {result.assessment.score.toFixed(1)}
            </Descriptions.Item>
            <Descriptions.Item label={t('classification.policyGrade')}>
              <Tag color={gradeColours[result.assessment.grade]}>{label('RISK_GRADE', result.assessment.grade)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('classification.confirmedGrade')}>
              <Tag color={gradeColours[result.confirmedGrade]}>{label('RISK_GRADE', result.confirmedGrade)}</Tag>
              {result.overridden ? <Tag color="purple">{t('classification.overridden')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('classification.proposal')} span={3}>
              {label('STRATEGY', result.assessment.proposal.strategy)} /{' '}
              {label('SUB_STRATEGY', result.assessment.proposal.subStrategy)} — {result.assessment.proposal.explanation}
            </Descriptions.Item>
            {result.assessment.proposal.committeeSubStrategy ? (
              <Descriptions.Item label={t('classification.committeeClass')} span={3}>
                {label('SUB_STRATEGY', result.assessment.proposal.committeeSubStrategy)}{' '}
                {result.assessment.proposal.disagreesWithCommittee ? (
                  <Tag color="orange" data-testid="committee-disagrees">
                    {t('classification.committeeDisagrees')}
                  </Tag>
                ) : null}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('classification.gradeExplanation')} span={3}>
              {result.assessment.gradeExplanation}
            </Descriptions.Item>
            {c.riskOverrideReason ? (
              <Descriptions.Item label={t('fields.overrideReason')} span={3}>
                {c.riskOverrideReason}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Table
            size="small"
            rowKey="factor"
            pagination={false}
            dataSource={result.assessment.factors}
            columns={[
              {
                title: t('classification.factor'),
                dataIndex: 'factor',
                render: (f: string) => label('RISK_FACTOR', f),
              },
              {
                title: t('classification.points'),
                key: 'points',
                width: 220,
                render: (_: unknown, f) => (
                  <Progress
                    percent={f.maxPoints > 0 ? Math.round((f.points / f.maxPoints) * 100) : 0}
                    format={() => `${f.points.toFixed(1)} / ${f.maxPoints}`}
                    size="small"
                    status="normal"
                    aria-label={`${label('RISK_FACTOR', f.factor)} ${f.points.toFixed(1)} / ${f.maxPoints}`}
                  />
                ),
              },
              { title: t('classification.explanation'), dataIndex: 'explanation' },
            ]}
          />
        </Card>
      ) : null}
      {editable ? (
        <Card size="small" title={c.securityType ? t('classification.reclassify') : t('classification.classify')}>
          <Form<ClassificationForm>
            name="classify"
            form={form}
            layout="vertical"
            initialValues={initial}
            onFinish={async (values) => {
              await run({
                input: {
                  caseId: file.caseId,
                  expectedVersion: file.version,
                  securityType: values.securityType,
                  keyDimension: values.keyDimension,
                  capabilities: values.capabilities,
                  maturity: values.maturity,
                  reason: values.reason,
                  ...(values.riskGrade ? { riskGrade: values.riskGrade } : {}),
                  ...(values.strategy ? { strategy: values.strategy } : {}),
                  ...(values.subStrategy ? { subStrategy: values.subStrategy } : {}),
                  ...(values.overrideReason ? { overrideReason: values.overrideReason } : {}),
                },
              });
            }}
          >
            <Form.Item
              name="securityType"
              label={t('fields.securityType')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                options={label.options('SECURITY_TYPE')}
                onChange={() => form.setFieldValue('keyDimension', undefined)}
              />
            </Form.Item>
            <Form.Item
              name="keyDimension"
              label={t('fields.keyDimension')}
              extra={t('classification.dimensionHint')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select options={label.options('KEY_DIMENSION', securityType ?? undefined)} />
            </Form.Item>
            <Form.Item
              name="capabilities"
              label={t('fields.capabilities')}
              rules={[{ required: true, type: 'array', min: 1, message: t('classification.capabilitiesRequired') }]}
            >
              <Select mode="multiple" options={label.options('CAPABILITY')} />
            </Form.Item>
            <Form.Item
              name="maturity"
              label={t('fields.maturity')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select options={label.options('TECHNOLOGY_MATURITY')} />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('fields.reason')}
              rules={[{ required: true, whitespace: true, message: t('case.reasonRequired') }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            <Collapse
              size="small"
              className="section"
              items={[
                {
                  key: 'override',
                  label: t('classification.override'),
                  children: (
                    <>
                      <Typography.Paragraph type="secondary">{t('classification.overrideHint')}</Typography.Paragraph>
                      <Form.Item name="riskGrade" label={t('fields.riskGrade')}>
                        <Select allowClear options={label.options('RISK_GRADE')} />
                      </Form.Item>
                      <Form.Item name="strategy" label={t('fields.strategy')}>
                        <Select
                          allowClear
                          options={label.options('STRATEGY')}
                          onChange={() => form.setFieldValue('subStrategy', undefined)}
                        />
                      </Form.Item>
                      <Form.Item name="subStrategy" label={t('fields.subStrategy')}>
                        <Select allowClear options={label.options('SUB_STRATEGY', strategy ?? undefined)} />
                      </Form.Item>
                      <Form.Item name="overrideReason" label={t('fields.overrideReason')}>
                        <Input.TextArea rows={2} />
                      </Form.Item>
                    </>
                  ),
                },
              ]}
            />
            <ErrorAlert typed={state.typed} error={state.error} />
            <Button type="primary" htmlType="submit" loading={state.fetching} className="section">
              {c.securityType ? t('classification.reclassify') : t('classification.classify')}
            </Button>
          </Form>
        </Card>
      ) : !result ? (
        <Alert type="info" showIcon title={t('classification.notYet')} />
      ) : null}
    </div>
  );
}
