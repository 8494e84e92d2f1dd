/**
 * Runs one mutation of an open case and reads its result union: the payload refreshes the case and
 * says so; a stale version opens the "who changed it" dialog; any other typed error is returned for
 * the form to show next to its fields. Nothing fails silently.
 */
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnyVariables, type CombinedError, type TypedDocumentNode, useMutation } from 'urql';
import { type TypedApiError, typedErrorOf } from '../../errors/describe.ts';
import { useCaseFile } from './case-context.ts';

export interface CaseMutationState {
  readonly fetching: boolean;
  readonly typed: TypedApiError | null;
  readonly error: CombinedError | null;
}

export function useCaseMutation<Data extends Record<string, unknown>, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  field: keyof Data & string,
) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const file = useCaseFile();
  const [{ fetching }, execute] = useMutation<Data, Variables>(document);
  const [typed, setTyped] = useState<TypedApiError | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);

  const run = useCallback(
    async (variables: Variables): Promise<boolean> => {
      setTyped(null);
      setError(null);
      const result = await execute(variables);
      if (result.error) {
        setError(result.error);
        return false;
      }
      const answer = typedErrorOf(result.data?.[field] as { __typename?: string } | undefined);
      if (answer?.__typename === 'StaleVersion') {
        file.stale();
        return false;
      }
      if (answer) {
        setTyped(answer);
        return false;
      }
      void message.success(t('case.saved'));
      file.refetch();
      return true;
    },
    [execute, field, file, message, t],
  );

  return { run, state: { fetching, typed, error } satisfies CaseMutationState };
}
