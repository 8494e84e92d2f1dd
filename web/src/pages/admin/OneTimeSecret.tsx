/** A token shown once (activation, password reset, service account): copy it now, it is not shown again. */
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function OneTimeSecret(props: { title: string; secret: string | null; expiresAt?: string | null }) {
  const { t } = useTranslation();
  if (!props.secret) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="section"
      title={props.title}
      description={
        <div>
          <Typography.Paragraph copyable={{ text: props.secret }} data-testid="one-time-secret">
            <code>{props.secret}</code>
          </Typography.Paragraph>
          <Typography.Text>{t('admin.shownOnce')}</Typography.Text>
        </div>
      }
    />
  );
}
