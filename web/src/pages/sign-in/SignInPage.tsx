/**
 * Sign-in: e-mail and password, then the one-time code when the account has a second factor.
 * Lockout, the rate limit and wrong codes are told in words; the page is its own chunk.
 */
import { LockOutlined, MailOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/SessionContext.tsx';
import { SessionError } from '../../auth/session.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

interface Credentials {
  email: string;
  password: string;
  totpCode?: string;
}

export default function SignInPage() {
  const { t } = useTranslation();
  const { session, state } = useSession();
  const [form] = Form.useForm<Credentials>();
  const [needsCode, setNeedsCode] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Credentials) => {
    setBusy(true);
    setProblem(null);
    try {
      await session.signIn({
        email: values.email,
        password: values.password,
        ...(values.totpCode ? { totpCode: values.totpCode } : {}),
      });
    } catch (error) {
      if (!(error instanceof SessionError)) throw error;
      if (error.code === 'TOTP_REQUIRED') {
        setNeedsCode(true);
        setProblem(null);
      } else if (error.code === 'RATE_LIMITED') {
        const minutes = Math.ceil(Number(error.details.retryAfterSeconds ?? 60) / 60);
        setProblem(t('signIn.rateLimited', { count: minutes }));
      } else if (error.code === 'VALIDATION') {
        setProblem(t('signIn.invalidInput'));
      } else {
        setProblem(t(`signIn.errors.${error.code}`, { defaultValue: t('signIn.errors.unknown') }));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <div className="sign-in-language">
        <LanguageSwitch />
      </div>
      <Card className="sign-in-card">
        <Typography.Title level={1} className="sign-in-title">
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.intro')}</Typography.Paragraph>
        {state.status === 'signed-out' && state.reason === 'expired' ? (
          <Alert type="info" showIcon title={t('signIn.expired')} className="sign-in-notice" />
        ) : null}
        {problem ? <Alert type="error" showIcon role="alert" title={problem} className="sign-in-notice" /> : null}
        <Form name="signIn" form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="email"
            label={t('fields.email')}
            rules={[{ required: true, type: 'email', message: t('signIn.emailRequired') }]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('fields.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {needsCode ? (
            <Form.Item
              name="totpCode"
              label={t('fields.totpCode')}
              extra={t('signIn.totpHint')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('signIn.totpRequired') }]}
            >
              <Input
                prefix={<SafetyOutlined />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
              />
            </Form.Item>
          ) : null}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
