/** Service accounts of department systems: create one (its token shown once), revoke one. */
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { OrgName } from '../../components/OrgName.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { CreateServiceAccountDocument, RevokeServiceAccountDocument } from '../../gql/graphql.ts';
import { defaultZone, formatInstant } from '../../i18n/format.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { OneTimeSecret } from './OneTimeSecret.tsx';
import { useAdminMutation } from './use-admin-mutation.ts';

const ServiceAccountsQuery = graphql(`
  query ServiceAccounts {
    serviceAccounts(first: 100) {
      nodes {
        id
        name
        roles
        clearance
        createdAt
        lastUsedAt
        revokedAt
        organization {
          id
          name
          nameZh
        }
      }
    }
    organizations(kind: DEPARTMENT, first: 50) {
      nodes {
        id
        name
        nameZh
      }
    }
  }
`);

graphql(`
  mutation CreateServiceAccount($input: CreateServiceAccountInput!) {
    createServiceAccount(input: $input) {
      __typename
      ...MutationError
      ... on ServiceAccountCreated {
        token
      }
    }
  }
`);
graphql(`
  mutation RevokeServiceAccount($id: ID!, $reason: String) {
    revokeServiceAccount(serviceAccountId: $id, reason: $reason) {
      __typename
      ...MutationError
    }
  }
`);

export default function ServiceAccountsPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [{ data, error, fetching }, refetch] = useQuery({ query: ServiceAccountsQuery });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const create = useAdminMutation(CreateServiceAccountDocument, 'createServiceAccount', reload);
  const revoke = useAdminMutation(RevokeServiceAccountDocument, 'revokeServiceAccount', reload);
  const [creating, setCreating] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [form] = Form.useForm();
  const zh = i18n.language === 'zh-CN';
  const when = (iso: string | null | undefined) => (iso ? formatInstant(iso, defaultZone, i18n.language) : '—');
  return (
    <div className="page">
      <Space className="page-head" wrap>
        <Typography.Title level={1} className="page-title">
          {t('admin.serviceAccounts')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('admin.createAccount')}
        </Button>
      </Space>
      <OneTimeSecret title={t('admin.tokenIssued')} secret={token} />
      <ErrorAlert error={error} onRetry={reload} />
      <ErrorAlert typed={revoke.state.typed} error={revoke.state.error} />
      <Table
        size="small"
        rowKey="id"
        loading={fetching && !data}
        pagination={false}
        dataSource={data?.serviceAccounts.nodes ?? []}
        data-testid="service-accounts"
        columns={[
          { title: t('admin.name'), dataIndex: 'name' },
          { title: t('admin.organization'), key: 'org', render: (_: unknown, a) => <OrgName org={a.organization} /> },
          {
            title: t('admin.roles'),
            key: 'roles',
            render: (_: unknown, a) => a.roles.map((r) => <Tag key={r}>{label('ROLE', r)}</Tag>),
          },
          { title: t('admin.lastUsed'), key: 'used', render: (_: unknown, a) => when(a.lastUsedAt) },
          {
            title: t('admin.status'),
            key: 'status',
            render: (_: unknown, a) =>
              a.revokedAt ? (
                <Tag>{t('admin.revokedAt', { when: when(a.revokedAt) })}</Tag>
              ) : (
                <Popconfirm
                  title={t('admin.revokeConfirm', { name: a.name })}
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                  onConfirm={() => void revoke.run({ id: a.id, reason: null })}
                >
                  <Button size="small">{t('admin.revoke')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('admin.createAccount')}
        okText={t('admin.create')}
        cancelText={t('common.cancel')}
        confirmLoading={create.state.fetching}
        onCancel={() => setCreating(false)}
        onOk={async () => {
          const v = await form.validateFields();
          const answer = await create.run({ input: v });
          if (answer?.__typename === 'ServiceAccountCreated') {
            setToken(answer.token);
            form.resetFields();
            setCreating(false);
          }
        }}
      >
        <Form form={form} layout="vertical" name="service-account">
          <Form.Item
            name="organizationId"
            label={t('admin.organization')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              options={(data?.organizations.nodes ?? []).map((o) => ({
                value: o.id,
                label: zh ? (o.nameZh ?? o.name) : o.name,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('admin.name')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="roles"
            label={t('admin.roles')}
            rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}
          >
            <Select mode="multiple" options={label.options('ROLE')} />
          </Form.Item>
          <Form.Item name="clearance" label={t('admin.clearance')}>
            <Select options={label.options('CLEARANCE_LEVEL')} />
          </Form.Item>
          <ErrorAlert typed={create.state.typed} error={create.state.error} />
        </Form>
      </Modal>
    </div>
  );
}
