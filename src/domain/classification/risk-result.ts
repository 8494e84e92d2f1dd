/**
 * The risk result stored with a case (`cases.risk_explanation`): the policy's assessment, exactly
 * what it read, and what the officer confirmed. It is the decision basis: reassessment reads it and
 * compares, and only a new classification replaces it.
 */
import type { RiskAssessment, RiskInput } from '../../../policies/risk-policy.ts';
import type { RiskGrade, Strategy, SubStrategy } from '../../../vocabulary/terms.ts';

export interface ConfirmedRisk {
  readonly grade: RiskGrade;
  readonly strategy: Strategy;
  readonly subStrategy: SubStrategy | null;
}

export interface StoredRiskResult {
  readonly assessment: RiskAssessment;
  readonly input: RiskInput;
  /** When the policy ran (the knowledge base as it stood then). */
  readonly assessedAt: string;
  readonly confirmed: ConfirmedRisk;
  /** Whether the officer's grade or strategy differs from the policy's (the reason is on the case). */
  readonly overridden: boolean;
}

/** The stored result, or null for a case graded before the policy existed (or never). */
export function readStoredRiskResult(json: unknown): StoredRiskResult | null {
  if (typeof json !== 'object' || json === null) return null;
  const candidate = json as Partial<StoredRiskResult>;
  if (!candidate.assessment || !candidate.input || !candidate.confirmed) return null;
  return candidate as StoredRiskResult;
}
