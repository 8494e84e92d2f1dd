/**
 * A firm's new filing, step by step: what it is about (title, subject), who takes part (parties),
 * where in the chain (nodes picked from the chain tree), the summary; saved as a confidential draft
 * that only the firm sees. Documents, the completeness check and submission follow on the draft.
 */
import { Button, Card, Form, Input, Select, Space, Steps, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { type TypedApiError, typedErrorOf } from '../../errors/describe.ts';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { CreateFilingDocument } from '../../gql/graphql.ts';
import { useLabel } from '../../i18n/labels.tsx';

const FilingChoicesQuery = graphql(`
  query FilingChoices {
    viewer {
      organization {
        id
        name
        nameZh
      }
    }
    organizations(kind: FIRM, first: 50) {
      nodes {
        id
        name
        nameZh
      }
    }
  }
`);

// The chain tree in a query of its own: with the firms it would pass the API's query-cost limit.
const ChainTreeQuery = graphql(`
  query ChainTree {
    industryChains {
      id
      code
      name
      nameZh
      nodes(first: 200) {
        nodes {
          id
          name
          nameZh
          depth
          parent {
            id
          }
        }
      }
    }
  }
`);

graphql(`
  mutation CreateFiling($input: CreateFilingInput!) {
    createFiling(input: $input) {
      __typename
      ...MutationError
      ... on CaseChanged {
        case {
          id
        }
      }
    }
  }
`);

interface FilingValues {
  title: string;
  subject: string;
  parties: { organizationId: string; role: string }[];
  nodeIds: string[];
  summary: string;
}

interface TreeNode {
  value: string;
  title: string;
  selectable?: boolean;
  children: TreeNode[];
}

const steps = ['what', 'parties', 'nodes', 'summary'] as const;
const fieldsOfStep: Record<(typeof steps)[number], (keyof FilingValues)[]> = {
  what: ['title', 'subject'],
  parties: ['parties'],
  nodes: ['nodeIds'],
  summary: ['summary'],
};

export default function FilingWizard() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const [{ data, error }, refetch] = useQuery({ query: FilingChoicesQuery, requestPolicy: 'cache-first' });
  const [chains] = useQuery({ query: ChainTreeQuery, requestPolicy: 'cache-first' });
  const [{ fetching }, create] = useMutation(CreateFilingDocument);
  const [typed, setTyped] = useState<TypedApiError | null>(null);
  const [current, setCurrent] = useState(0);
  const [form] = Form.useForm<FilingValues>();
  const zh = i18n.language === 'zh-CN';
  const name = (o: { name: string; nameZh?: string | null }) => (zh ? (o.nameZh ?? o.name) : o.name);
  const own = data?.viewer?.organization;

  // The chain tree: each chain a heading, its nodes under their parents.
  const tree: TreeNode[] = (chains.data?.industryChains ?? []).map((chain) => {
    const byParent = new Map<string | null, typeof chain.nodes.nodes>();
    for (const n of chain.nodes.nodes) {
      const key = n.parent?.id ?? null;
      byParent.set(key, [...(byParent.get(key) ?? []), n]);
    }
    const build = (parent: string | null): TreeNode[] =>
      (byParent.get(parent) ?? []).map((n) => ({ value: n.id, title: name(n), children: build(n.id) }));
    return { value: `chain:${chain.id}`, title: name(chain), selectable: false, children: build(null) };
  });

  const next = async () => {
    await form.validateFields(fieldsOfStep[steps[current]!]);
    setCurrent((s) => s + 1);
  };

  const save = async () => {
    await form.validateFields();
    const values = form.getFieldsValue(true) as FilingValues;
    if (!own) return;
    setTyped(null);
    const result = await create({
      input: {
        filerOrganizationId: own.id,
        title: values.title,
        summary: values.summary,
        subject: values.subject as never,
        parties: (values.parties ?? []).map((p) => ({ organizationId: p.organizationId, role: p.role as never })),
        nodeIds: values.nodeIds ?? [],
      },
    });
    const answer = result.data?.createFiling;
    if (answer?.__typename === 'CaseChanged') {
      navigate(`/my-cases/${encodeURIComponent(answer.case.id)}`);
      return;
    }
    setTyped(typedErrorOf(answer));
  };

  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {t('filing.heading')}
      </Typography.Title>
      <Typography.Paragraph>{t('filing.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      <ErrorAlert error={chains.error} />
      <Steps current={current} className="section" items={steps.map((s) => ({ title: t(`filing.steps.${s}`) }))} />
      <Card size="small">
        <Form name="filing" form={form} layout="vertical" initialValues={{ parties: [], nodeIds: [] }} preserve>
          <div hidden={steps[current] !== 'what'}>
            <Form.Item
              name="title"
              label={t('fields.title')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="subject"
              label={t('case.subject')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select options={label.options('CASE_SUBJECT')} />
            </Form.Item>
          </div>
          <div hidden={steps[current] !== 'parties'}>
            <Typography.Paragraph>{t('filing.partiesIntro', { firm: own ? name(own) : '' })}</Typography.Paragraph>
            <Form.List name="parties">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <Space key={field.key} align="baseline" wrap>
                      <Form.Item
                        name={[field.name, 'organizationId']}
                        label={t('filing.partyOrganization', { n: index + 1 })}
                        rules={[{ required: true, message: t('form.required') }]}
                      >
                        <Select
                          className="wide-select"
                          showSearch={{ optionFilterProp: 'label' }}
                          options={(data?.organizations.nodes ?? []).map((o) => ({ value: o.id, label: name(o) }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'role']}
                        label={t('filing.partyRole', { n: index + 1 })}
                        rules={[{ required: true, message: t('form.required') }]}
                      >
                        <Select className="role-select" options={label.options('PARTY_ROLE')} />
                      </Form.Item>
                      <Button onClick={() => remove(field.name)}>{t('filing.removeParty')}</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({})}>{t('filing.addParty')}</Button>
                </>
              )}
            </Form.List>
          </div>
          <div hidden={steps[current] !== 'nodes'}>
            <Form.Item
              name="nodeIds"
              label={t('case.chainNodes')}
              extra={t('filing.nodesHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('filing.nodesRequired') }]}
            >
              <TreeSelect
                multiple
                treeData={tree}
                treeDefaultExpandAll
                showSearch={{ treeNodeFilterProp: 'title' }}
                className="wide-select"
              />
            </Form.Item>
          </div>
          <div hidden={steps[current] !== 'summary'}>
            <Form.Item
              name="summary"
              label={t('case.summary')}
              extra={t('filing.summaryHint')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input.TextArea rows={6} />
            </Form.Item>
          </div>
          <ErrorAlert typed={typed} />
          <Space>
            {current > 0 ? <Button onClick={() => setCurrent((s) => s - 1)}>{t('filing.back')}</Button> : null}
            {current < steps.length - 1 ? (
              <Button type="primary" onClick={() => void next().catch(() => {})}>
                {t('filing.next')}
              </Button>
            ) : (
              <Button type="primary" loading={fetching} onClick={() => void save().catch(() => {})}>
                {t('filing.saveDraft')}
              </Button>
            )}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
