/**
 * Second-factor enrolment for a person whose role requires one and who has none: the secret to add
 * to an authenticator app, a code to confirm it, then a new sign-in with the code.
 */
import { Alert, Button, Card, Form, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useSession } from '../../auth/SessionContext.tsx';
import { typedErrorOf } from '../../errors/describe.ts';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';
import { graphql } from '../../gql';

const Begin = graphql(`
  mutation BeginTotpEnrolment {
    beginTotpEnrolment {
      __typename
      ... on TotpEnrolment {
        secret
        otpauthUri
      }
      ...MutationError
    }
  }
`);

const Confirm = graphql(`
  mutation ConfirmTotpEnrolment($code: String!) {
    confirmTotpEnrolment(code: $code) {
      __typename
      ... on SecondFactorEnabled {
        enabledAt
      }
      ...MutationError
    }
  }
`);

export default function EnrolmentPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [begun, begin] = useMutation(Begin);
  const [confirmed, confirm] = useMutation(Confirm);
  const [done, setDone] = useState(false);
  const enrolment =
    begun.data?.beginTotpEnrolment.__typename === 'TotpEnrolment' ? begun.data.beginTotpEnrolment : null;
  const confirmError = typedErrorOf(confirmed.data?.confirmTotpEnrolment);

  return (
    <main className="sign-in">
      <Card className="sign-in-card">
        <Typography.Title level={1} className="sign-in-title">
          {t('enrol.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('enrol.intro')}</Typography.Paragraph>
        <Steps
          size="small"
          current={done ? 2 : enrolment ? 1 : 0}
          items={[
            { title: t('enrol.stepSecret') },
            { title: t('enrol.stepConfirm') },
            { title: t('enrol.stepSignIn') },
          ]}
        />
        <ErrorAlert
          error={begun.error ?? confirmed.error}
          typed={typedErrorOf(begun.data?.beginTotpEnrolment) ?? confirmError}
        />
        {done ? (
          <>
            <Alert type="success" showIcon title={t('enrol.done')} />
            <Button type="primary" block onClick={() => void session.signOut()}>
              {t('enrol.signInAgain')}
            </Button>
          </>
        ) : enrolment ? (
          <Form
            name="enrol"
            layout="vertical"
            onFinish={async ({ code }: { code: string }) => {
              const result = await confirm({ code });
              if (result.data?.confirmTotpEnrolment.__typename === 'SecondFactorEnabled') setDone(true);
            }}
          >
            <Typography.Paragraph>{t('enrol.addSecret')}</Typography.Paragraph>
            <Typography.Paragraph copyable code data-testid="totp-secret">
              {enrolment.secret}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" copyable={{ text: enrolment.otpauthUri }}>
              {t('enrol.uri')}
            </Typography.Paragraph>
            <Form.Item
              name="code"
              label={t('fields.totpCode')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('signIn.totpRequired') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={confirmed.fetching}>
              {t('enrol.confirm')}
            </Button>
          </Form>
        ) : (
          <Button type="primary" block loading={begun.fetching} onClick={() => void begin({})}>
            {t('enrol.begin')}
          </Button>
        )}
        <Button type="link" onClick={() => void session.signOut()}>
          {t('header.signOut')}
        </Button>
      </Card>
    </main>
  );
}
