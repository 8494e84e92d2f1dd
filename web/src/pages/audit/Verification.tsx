/** A chain's verification result in words: intact with its length, or the first broken entry and what is wrong. */
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { type TypedApiError, typedErrorOf } from '../../errors/describe.ts';
import { ErrorAlert } from '../../errors/ErrorAlert.tsx';

export interface VerificationAnswer {
  readonly __typename: string;
  readonly valid?: boolean;
  readonly entries?: number;
  readonly firstBrokenSequence?: number | null;
  readonly problem?: string | null;
}

export function Verification(props: {
  answer: VerificationAnswer | undefined;
  error: CombinedError | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const a = props.answer;
  if (props.error) return <ErrorAlert error={props.error} />;
  if (!a) return null;
  if (a.__typename !== 'AuditTrailVerification') {
    return <ErrorAlert typed={typedErrorOf(a) as TypedApiError | null} />;
  }
  return a.valid ? (
    <Alert
      type="success"
      showIcon
      data-testid={props.testId}
      data-valid="true"
      title={t('audit.intact', { count: a.entries ?? 0 })}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      data-testid={props.testId}
      data-valid="false"
      title={t('audit.broken', { sequence: a.firstBrokenSequence ?? '?' })}
      description={a.problem}
    />
  );
}
