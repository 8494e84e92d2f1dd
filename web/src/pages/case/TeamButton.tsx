/** A lead reviewer assigns (or reassigns) the case officer and the lead reviewer of the case. */
import { TeamOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useViewer } from '../../app/viewer.ts';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';
import { AssignCaseTeamDocument } from '../../gql/graphql.ts';
import { useCaseFile } from './case-context.ts';
import { useCaseMutation } from './use-case-mutation.ts';

graphql(`
  mutation AssignCaseTeam($input: AssignCaseTeamInput!) {
    assignCaseTeam(input: $input) {
      __typename
      ...MutationError
    }
  }
`);

const OfficePeopleQuery = graphql(`
  query OfficePeople {
    people(first: 100) {
      nodes {
        id
        displayName
        roles
      }
    }
  }
`);

export function TeamButton(props: { caseOfficerId?: string | null; leadReviewerId?: string | null }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const [open, setOpen] = useState(false);
  // Staffing is the lead reviewer's (README: lead reviewers assign the case team); the API decides.
  if (!viewer.roles.includes('LEAD_REVIEWER')) return null;
  return (
    <>
      <Button size="small" icon={<TeamOutlined />} onClick={() => setOpen(true)} data-testid="assign-team">
        {t('team.assign')}
      </Button>
      {open ? <TeamDialog {...props} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function TeamDialog(props: { caseOfficerId?: string | null; leadReviewerId?: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const file = useCaseFile();
  const [people] = useQuery({ query: OfficePeopleQuery, requestPolicy: 'cache-first' });
  const { run, state } = useCaseMutation(AssignCaseTeamDocument, 'assignCaseTeam');
  const [form] = Form.useForm<{ caseOfficerId: string; leadReviewerId: string; reason?: string }>();
  const holding = (role: string) =>
    (people.data?.people.nodes ?? [])
      .filter((p) => p.roles?.includes(role as never))
      .map((p) => ({ value: p.id, label: p.displayName }));
  return (
    <Modal
      open
      title={t('team.assign')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={state.fetching}
    >
      <Form
        name="team"
        form={form}
        layout="vertical"
        initialValues={{
          caseOfficerId: props.caseOfficerId ?? undefined,
          leadReviewerId: props.leadReviewerId ?? undefined,
        }}
        onFinish={async (values) => {
          const done = await run({
            input: {
              caseId: file.caseId,
              expectedVersion: file.version,
              ...values,
              ...(values.reason ? {} : { reason: undefined }),
            },
          });
          if (done) props.onClose();
        }}
      >
        <Form.Item
          name="caseOfficerId"
          label={t('team.officer')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={holding('CASE_OFFICER')} />
        </Form.Item>
        <Form.Item
          name="leadReviewerId"
          label={t('team.lead')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={holding('LEAD_REVIEWER')} />
        </Form.Item>
        <Form.Item name="reason" label={t('fields.reason')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <ErrorAlert typed={state.typed} error={state.error} />
    </Modal>
  );
}
