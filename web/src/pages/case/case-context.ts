/** What every tab of an open case file shares: the case's version, a refetch, the stale-version answer. */
import { createContext, useContext } from 'react';

export interface CaseFileContextValue {
  readonly caseId: string;
  readonly version: number;
  readonly zone: string;
  /** Reads the case again from the server. */
  refetch(): void;
  /** Someone else changed the case: tells who and offers a reload, keeping what was typed. */
  stale(): void;
}

export const CaseFileContext = createContext<CaseFileContextValue | null>(null);

export function useCaseFile(): CaseFileContextValue {
  const value = useContext(CaseFileContext);
  if (!value) throw new Error('useCaseFile outside a case file');
  return value;
}
