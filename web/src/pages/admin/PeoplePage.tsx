/**
 * An administrator's first page: who has which roles and clearance. Invite a person (the activation
 * token shown once), change roles and clearance with a reason, issue a password reset (the token
 * shown once), deactivate. No case content anywhere.
 */
import { Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { OrgName } from '../../components/OrgName.tsx';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import {
  DeactivatePersonDocument,
  InvitePersonDocument,
  type PeopleQuery,
  RequestPasswordResetDocument,
  SetPersonAccessDocument,
} from '../../gql/graphql.ts';
import { useLabel } from '../../i18n/labels.tsx';
import { OneTimeSecret } from './OneTimeSecret.tsx';
import { useAdminMutation } from './use-admin-mutation.ts';

const PeopleQueryDoc = graphql(`
  query People {
    people(first: 100) {
      totalCount
      nodes {
        id
        displayName
        email
        status
        clearance
        roles
        version
        organization {
          id
          name
          nameZh
        }
      }
    }
    organizations(first: 50) {
      nodes {
        id
        name
        nameZh
      }
    }
  }
`);

graphql(`
  mutation InvitePerson($input: InvitePersonInput!) {
    invitePerson(input: $input) {
      __typename
      ...MutationError
      ... on Invitation {
        activationToken
        activationExpiresAt
      }
    }
  }
`);
graphql(`
  mutation SetPersonAccess($input: SetPersonAccessInput!) {
    setPersonAccess(input: $input) {
      __typename
      ...MutationError
    }
  }
`);
graphql(`
  mutation RequestPasswordReset($input: PersonActionInput!) {
    requestPasswordReset(input: $input) {
      __typename
      ...MutationError
      ... on PasswordResetIssued {
        resetToken
        resetExpiresAt
      }
    }
  }
`);
graphql(`
  mutation DeactivatePerson($input: PersonActionInput!) {
    deactivatePerson(input: $input) {
      __typename
      ...MutationError
    }
  }
`);

type Person = PeopleQuery['people']['nodes'][number];

export default function PeoplePage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [{ data, error, fetching }, refetch] = useQuery({ query: PeopleQueryDoc });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<Person | null>(null);
  const [deactivating, setDeactivating] = useState<Person | null>(null);
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const invite = useAdminMutation(InvitePersonDocument, 'invitePerson', reload);
  const access = useAdminMutation(SetPersonAccessDocument, 'setPersonAccess', reload);
  const resetPassword = useAdminMutation(RequestPasswordResetDocument, 'requestPasswordReset');
  const deactivate = useAdminMutation(DeactivatePersonDocument, 'deactivatePerson', reload);
  const [inviteForm] = Form.useForm();
  const [accessForm] = Form.useForm();
  const [deactivateForm] = Form.useForm();
  const zh = i18n.language === 'zh-CN';
  const orgOptions = (data?.organizations.nodes ?? []).map((o) => ({
    value: o.id,
    label: zh ? (o.nameZh ?? o.name) : o.name,
  }));

  return (
    <div className="page">
      <Space className="page-head" wrap>
        <Typography.Title level={1} className="page-title">
          {t('admin.people')}
        </Typography.Title>
        <Button type="primary" onClick={() => setInviting(true)}>
          {t('admin.invite')}
        </Button>
      </Space>
      <OneTimeSecret title={secret?.title ?? ''} secret={secret?.value ?? null} />
      <ErrorAlert error={error} onRetry={reload} />
      <ErrorAlert typed={resetPassword.state.typed} error={resetPassword.state.error} />
      <Table
        size="small"
        rowKey="id"
        loading={fetching && !data}
        pagination={false}
        dataSource={data?.people.nodes ?? []}
        data-testid="people"
        columns={[
          { title: t('admin.name'), dataIndex: 'displayName' },
          { title: t('fields.email'), dataIndex: 'email' },
          { title: t('admin.organization'), key: 'org', render: (_: unknown, p) => <OrgName org={p.organization} /> },
          {
            title: t('admin.roles'),
            key: 'roles',
            render: (_: unknown, p) => (p.roles ?? []).map((r) => <Tag key={r}>{label('ROLE', r)}</Tag>),
          },
          {
            title: t('admin.clearance'),
            key: 'clearance',
            render: (_: unknown, p) => label('CLEARANCE_LEVEL', p.clearance),
          },
          {
            title: t('admin.status'),
            key: 'status',
            render: (_: unknown, p) => (
              <Tag color={p.status === 'ACTIVE' ? 'green' : p.status === 'INVITED' ? 'blue' : 'default'}>
                {t(`admin.statuses.${p.status}`)}
              </Tag>
            ),
          },
          {
            title: t('admin.actions'),
            key: 'actions',
            render: (_: unknown, p) =>
              p.status === 'DEACTIVATED' ? null : (
                <Space wrap size="small">
                  <Button
                    size="small"
                    aria-label={t('admin.editAccessOf', { name: p.displayName })}
                    onClick={() => {
                      access.reset();
                      accessForm.setFieldsValue({ roles: p.roles ?? [], clearance: p.clearance, reason: '' });
                      setEditing(p);
                    }}
                  >
                    {t('admin.editAccess')}
                  </Button>
                  <Button
                    size="small"
                    disabled={p.status !== 'ACTIVE'}
                    aria-label={t('admin.resetOf', { name: p.displayName })}
                    onClick={async () => {
                      const answer = await resetPassword.run({ input: { personId: p.id } });
                      if (answer?.__typename === 'PasswordResetIssued') {
                        setSecret({ title: t('admin.resetIssued', { name: p.displayName }), value: answer.resetToken });
                      }
                    }}
                  >
                    {t('admin.reset')}
                  </Button>
                  <Button
                    size="small"
                    aria-label={t('admin.deactivateOf', { name: p.displayName })}
                    onClick={() => {
                      deactivate.reset();
                      deactivateForm.resetFields();
                      setDeactivating(p);
                    }}
                  >
                    {t('admin.deactivate')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={inviting}
        title={t('admin.invite')}
        okText={t('admin.sendInvitation')}
        cancelText={t('common.cancel')}
        confirmLoading={invite.state.fetching}
        onCancel={() => setInviting(false)}
        onOk={async () => {
          const v = await inviteForm.validateFields();
          const answer = await invite.run({ input: v });
          if (answer?.__typename === 'Invitation') {
            setSecret({ title: t('admin.invited', { name: v.displayName }), value: answer.activationToken });
            inviteForm.resetFields();
            setInviting(false);
          }
        }}
      >
        <Form form={inviteForm} layout="vertical" name="invite">
          <Form.Item
            name="organizationId"
            label={t('admin.organization')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select options={orgOptions} />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('admin.name')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('fields.email')}
            rules={[{ required: true, type: 'email', message: t('form.required') }]}
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
          <ErrorAlert typed={invite.state.typed} error={invite.state.error} />
        </Form>
      </Modal>
      <Modal
        open={editing !== null}
        title={t('admin.editAccessOf', { name: editing?.displayName ?? '' })}
        okText={t('admin.save')}
        cancelText={t('common.cancel')}
        confirmLoading={access.state.fetching}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          if (!editing) return;
          const v = await accessForm.validateFields();
          const done = await access.run({ input: { personId: editing.id, expectedVersion: editing.version, ...v } });
          if (done) setEditing(null);
        }}
      >
        <Form form={accessForm} layout="vertical" name="access">
          <Form.Item
            name="roles"
            label={t('admin.roles')}
            rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}
          >
            <Select mode="multiple" options={label.options('ROLE')} />
          </Form.Item>
          <Form.Item
            name="clearance"
            label={t('admin.clearance')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select options={label.options('CLEARANCE_LEVEL')} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('fields.reason')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          <ErrorAlert typed={access.state.typed} error={access.state.error} />
        </Form>
      </Modal>
      <Modal
        open={deactivating !== null}
        title={t('admin.deactivateOf', { name: deactivating?.displayName ?? '' })}
        okText={t('admin.deactivate')}
        cancelText={t('common.cancel')}
        confirmLoading={deactivate.state.fetching}
        onCancel={() => setDeactivating(null)}
        onOk={async () => {
          if (!deactivating) return;
          const v = await deactivateForm.validateFields();
          const done = await deactivate.run({
            input: { personId: deactivating.id, expectedVersion: deactivating.version, reason: v.reason },
          });
          if (done) setDeactivating(null);
        }}
      >
        <Typography.Paragraph>{t('admin.deactivateHint')}</Typography.Paragraph>
        <Form form={deactivateForm} layout="vertical" name="deactivate">
          <Form.Item
            name="reason"
            label={t('fields.reason')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          <ErrorAlert typed={deactivate.state.typed} error={deactivate.state.error} />
        </Form>
      </Modal>
    </div>
  );
}
