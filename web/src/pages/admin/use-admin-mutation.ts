/** Runs an administrative mutation and reads its result union: the payload, or a typed error to show. */
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnyVariables, type CombinedError, type TypedDocumentNode, useMutation } from 'urql';
import { type TypedApiError, typedErrorOf } from '../../errors/describe.ts';

export function useAdminMutation<Data extends Record<string, unknown>, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  field: keyof Data & string,
  onDone?: () => void,
) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [{ fetching }, execute] = useMutation<Data, Variables>(document);
  const [typed, setTyped] = useState<TypedApiError | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const run = useCallback(
    async (variables: Variables): Promise<Data[typeof field] | null> => {
      setTyped(null);
      setError(null);
      const result = await execute(variables);
      if (result.error) {
        setError(result.error);
        return null;
      }
      const payload = result.data?.[field] as Data[typeof field];
      const refused = typedErrorOf(payload as { __typename?: string });
      if (refused) {
        setTyped(refused);
        return null;
      }
      void message.success(t('case.saved'));
      onDone?.();
      return payload;
    },
    [execute, field, message, t, onDone],
  );
  const reset = useCallback(() => {
    setTyped(null);
    setError(null);
  }, []);
  return { run, reset, state: { fetching, typed, error } };
}
