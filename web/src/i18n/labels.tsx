/**
 * Domain labels from the API (`taxonomyLabels`), one query for every labelled enum the console
 * shows, cached for the session: the client keeps no copy of the terms.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';

graphql(`
  fragment Label on TaxonomyLabel {
    value
    labelEn
    labelZh
    description
    belongsTo
  }
`);

const CaseLabelsQuery = graphql(`
  query LabelsOfTheCase {
    SECURITY_TYPE: taxonomyLabels(taxonomy: SECURITY_TYPE) { ...Label }
    KEY_DIMENSION: taxonomyLabels(taxonomy: KEY_DIMENSION) { ...Label }
    CAPABILITY: taxonomyLabels(taxonomy: CAPABILITY) { ...Label }
    TECHNOLOGY_MATURITY: taxonomyLabels(taxonomy: TECHNOLOGY_MATURITY) { ...Label }
    STRATEGY: taxonomyLabels(taxonomy: STRATEGY) { ...Label }
    SUB_STRATEGY: taxonomyLabels(taxonomy: SUB_STRATEGY) { ...Label }
    RISK_GRADE: taxonomyLabels(taxonomy: RISK_GRADE) { ...Label }
    RISK_FACTOR: taxonomyLabels(taxonomy: RISK_FACTOR) { ...Label }
    CASE_STATE: taxonomyLabels(taxonomy: CASE_STATE) { ...Label }
    CASE_SUBJECT: taxonomyLabels(taxonomy: CASE_SUBJECT) { ...Label }
    CASE_ORIGIN: taxonomyLabels(taxonomy: CASE_ORIGIN) { ...Label }
    DECISION_OUTCOME: taxonomyLabels(taxonomy: DECISION_OUTCOME) { ...Label }
  }
`);

// The API allows 20 aliases per operation: the process vocabulary comes in a second query.
const ProcessLabelsQuery = graphql(`
  query LabelsOfTheProcess {
    CASE_EVENT: taxonomyLabels(taxonomy: CASE_EVENT) { ...Label }
    CLOCK_PHASE: taxonomyLabels(taxonomy: CLOCK_PHASE) { ...Label }
    ROLE: taxonomyLabels(taxonomy: ROLE) { ...Label }
    CLEARANCE_LEVEL: taxonomyLabels(taxonomy: CLEARANCE_LEVEL) { ...Label }
    PARTY_ROLE: taxonomyLabels(taxonomy: PARTY_ROLE) { ...Label }
    CONSULTATION_STATE: taxonomyLabels(taxonomy: CONSULTATION_STATE) { ...Label }
    CONSULTATION_OPINION: taxonomyLabels(taxonomy: CONSULTATION_OPINION) { ...Label }
    DECISION_STATE: taxonomyLabels(taxonomy: DECISION_STATE) { ...Label }
    ORGANIZATION_KIND: taxonomyLabels(taxonomy: ORGANIZATION_KIND) { ...Label }
    ASSESSMENT_STATE: taxonomyLabels(taxonomy: ASSESSMENT_STATE) { ...Label }
    INFORMATION_REQUEST_STATE: taxonomyLabels(taxonomy: INFORMATION_REQUEST_STATE) { ...Label }
    REPRESENTATION_REQUEST_STATE: taxonomyLabels(taxonomy: REPRESENTATION_REQUEST_STATE) { ...Label }
    CONDITION_STATE: taxonomyLabels(taxonomy: CONDITION_STATE) { ...Label }
    APPEAL_STATE: taxonomyLabels(taxonomy: APPEAL_STATE) { ...Label }
  }
`);

type LabelRow = { value: string; labelEn: string; labelZh: string; description: string; belongsTo?: string | null };
export type LabelledEnum =
  | 'SECURITY_TYPE'
  | 'KEY_DIMENSION'
  | 'CAPABILITY'
  | 'TECHNOLOGY_MATURITY'
  | 'STRATEGY'
  | 'SUB_STRATEGY'
  | 'RISK_GRADE'
  | 'RISK_FACTOR'
  | 'CASE_STATE'
  | 'CASE_SUBJECT'
  | 'CASE_ORIGIN'
  | 'DECISION_OUTCOME'
  | 'CASE_EVENT'
  | 'CLOCK_PHASE'
  | 'ROLE'
  | 'CLEARANCE_LEVEL'
  | 'PARTY_ROLE'
  | 'CONSULTATION_STATE'
  | 'CONSULTATION_OPINION'
  | 'DECISION_STATE'
  | 'ORGANIZATION_KIND'
  | 'ASSESSMENT_STATE'
  | 'INFORMATION_REQUEST_STATE'
  | 'REPRESENTATION_REQUEST_STATE'
  | 'CONDITION_STATE'
  | 'APPEAL_STATE';

type Table = Partial<Record<LabelledEnum, readonly LabelRow[]>>;
const LabelsContext = createContext<Table>({});

export function LabelsProvider(props: { children: ReactNode }) {
  // Labels change only with a deployment: fetched once per session.
  const [taxonomy] = useQuery({ query: CaseLabelsQuery, requestPolicy: 'cache-first' });
  const [process] = useQuery({ query: ProcessLabelsQuery, requestPolicy: 'cache-first' });
  const table = useMemo<Table>(() => ({ ...taxonomy.data, ...process.data }), [taxonomy.data, process.data]);
  return <LabelsContext.Provider value={table}>{props.children}</LabelsContext.Provider>;
}

export interface Labeller {
  /** The label of a value in the person's language; the raw value until the labels arrive. */
  (taxonomy: LabelledEnum, value: string | null | undefined): string;
  /** Every value of an enum with its label, in the API's order, for a select. */
  options(taxonomy: LabelledEnum, belongsTo?: string | null): { value: string; label: string; title: string }[];
  description(taxonomy: LabelledEnum, value: string | null | undefined): string;
}

export function useLabel(): Labeller {
  const table = useContext(LabelsContext);
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const find = useCallback(
    (taxonomy: LabelledEnum, value: string | null | undefined) => table[taxonomy]?.find((r) => r.value === value),
    [table],
  );
  return useMemo(() => {
    const label = ((taxonomy, value) => {
      if (!value) return '';
      const row = find(taxonomy, value);
      return row ? (zh ? row.labelZh : row.labelEn) : value;
    }) as Labeller;
    label.options = (taxonomy, belongsTo) =>
      (table[taxonomy] ?? [])
        .filter((r) => belongsTo === undefined || r.belongsTo === belongsTo)
        .map((r) => ({ value: r.value, label: zh ? r.labelZh : r.labelEn, title: r.description }));
    label.description = (taxonomy, value) => find(taxonomy, value)?.description ?? '';
    return label;
  }, [table, zh, find]);
}
