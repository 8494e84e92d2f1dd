/** The one error presenter: any failure, worded in the person's language, with a retry where it may help. */
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { describeCombinedError, describeTypedError, type TypedApiError } from './describe.ts';

export function ErrorAlert(props: {
  error?: CombinedError | null | undefined;
  typed?: TypedApiError | null | undefined;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  const described = props.typed
    ? describeTypedError(t, props.typed)
    : props.error
      ? describeCombinedError(t, props.error)
      : null;
  if (!described) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={described.title}
      description={
        described.details.length > 0 ? (
          <ul className="error-details">
            {described.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        described.retryable && props.onRetry ? (
          <Button size="small" onClick={props.onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
