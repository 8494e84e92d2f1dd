/**
 * Reassessment (issue 7 §5): the current policy runs again on the case's stored facts and the
 * knowledge base as it stands now, and the result is compared with the stored one. Nothing is
 * written: the stored result stays the decision basis until the officer classifies again.
 * Also the classification suggested for a case from its subject and listed technologies.
 */
import { abilityOf } from '../../../policies/ability.ts';
import { canReadField } from '../../../policies/field-access.ts';
import {
  assessRisk,
  compareAssessments,
  currentRiskPolicy,
  type RiskAssessment,
  type RiskDifference,
  type RiskInput,
  suggestClassification,
} from '../../../policies/risk-policy.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Queryable } from '../../database/database.ts';
import { loadCaseFor } from '../access/authorize.ts';
import { ForbiddenError } from '../errors.ts';
import { loadCaseKnowledge, loadRiskInput } from './risk-input.ts';
import { readStoredRiskResult, type StoredRiskResult } from './risk-result.ts';

export interface RiskReassessment {
  readonly stored: StoredRiskResult;
  readonly current: RiskAssessment;
  readonly input: RiskInput;
  readonly assessedAt: Date;
  readonly difference: RiskDifference;
}

/** Loads a case whose risk fields the actor may read (parties may not: design §2). */
async function loadCaseForRisk(q: Queryable, actor: Actor, caseId: string, field: string) {
  const row = await loadCaseFor(q, actor, 'read', caseId);
  if (!canReadField(abilityOf(actor), 'Case', row, field)) {
    throw new ForbiddenError('the risk assessment of a case is the office’s');
  }
  return row;
}

/**
 * Null when the case has no stored policy result (not classified yet, or graded before the policy).
 * @throws NotFound, Forbidden
 */
export async function reassessCaseRisk(
  q: Queryable,
  actor: Actor,
  caseId: string,
  options: { homeCountry: string },
  now: Date,
): Promise<RiskReassessment | null> {
  const row = await loadCaseForRisk(q, actor, caseId, 'riskReassessment');
  const stored = readStoredRiskResult(row.riskExplanation);
  if (!stored) return null;
  // The facts are the officer's, as stored; the knowledge base and the policy version are today's.
  const input = await loadRiskInput(q, row.id, stored.input.facts, options.homeCountry, now);
  const current = assessRisk(input, currentRiskPolicy);
  return { stored, current, input, assessedAt: now, difference: compareAssessments(stored.assessment, current) };
}

/**
 * The classification suggested from the case's subject and the key technologies on its nodes.
 * @throws NotFound, Forbidden
 */
export async function suggestCaseClassification(q: Queryable, actor: Actor, caseId: string) {
  const row = await loadCaseForRisk(q, actor, caseId, 'suggestedClassification');
  const { technologies } = await loadCaseKnowledge(q, row.id);
  return suggestClassification(row.subject, technologies, currentRiskPolicy);
}
