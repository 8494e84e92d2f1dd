/**
 * Classification of a case (design §3, issue 7 §5): the officer enters the taxonomy facts — security
 * type, key dimension, capabilities, maturity — and the risk policy (policies/risk-policy.ts) grades
 * the case on its chain nodes and proposes the strategy. The officer confirms the proposal, or
 * overrides the grade or strategy with a reason. The result, what the policy read and its version
 * are stored with the case as the decision basis; the regime's threshold then decides whether the
 * case needs in-depth review (workflows/guards.ts `reviewMayConcludeWithoutInDepth`).
 *
 * Not a workflow transition: the state stays, the version moves, and the change is audited on the
 * case's chain with what it was before (an override is a second entry carrying its own reason).
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases } from '../../../db/schema/cases.ts';
import { assessRisk, currentRiskPolicy } from '../../../policies/risk-policy.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import {
  type CaseState,
  capabilities,
  keyDimensionSecurityType,
  keyDimensions,
  riskGrades,
  securityTypes,
  strategies,
  subStrategies,
  subStrategyStrategy,
  technologyMaturities,
} from '../../../vocabulary/terms.ts';
import type { Tx } from '../../database/database.ts';
import { loadCaseFor } from '../access/authorize.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import {
  type FieldError,
  ForbiddenError,
  InvalidTransitionError,
  StaleVersionError,
  ValidationError,
} from '../errors.ts';
import { parseInput } from '../validation.ts';
import { loadRiskInput } from './risk-input.ts';
import type { ConfirmedRisk, StoredRiskResult } from './risk-result.ts';

const reasonText = z.string().trim().min(1).max(10_000);

export const ZClassifyCase = z.object({
  caseId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  securityType: z.enum(securityTypes),
  keyDimension: z.enum(keyDimensions),
  capabilities: z.array(z.enum(capabilities)).min(1).max(capabilities.length),
  maturity: z.enum(technologyMaturities),
  /** Omitted: the policy's proposal is confirmed. Given and different: an override. */
  strategy: z.enum(strategies).optional(),
  subStrategy: z.enum(subStrategies).optional(),
  riskGrade: z.enum(riskGrades).optional(),
  /** Required exactly when the grade, strategy or sub-strategy differs from the policy's. */
  overrideReason: reasonText.optional(),
  reason: reasonText,
});
export type TClassifyCase = z.input<typeof ZClassifyCase>;

/** Classification is screening and review work: before that there is nothing to classify, after it the grade is settled. */
const classifiableStates: readonly CaseState[] = ['SCREENING', 'REVIEW', 'IN_DEPTH'];
const classifyingRoles = ['CASE_OFFICER', 'LEAD_REVIEWER'] as const;

export interface ClassifyOptions {
  /** The deployment's home country, against which foreign share is measured (HOME_COUNTRY). */
  readonly homeCountry: string;
}

/** @throws NotFound, Forbidden, InvalidTransition (wrong state), StaleVersion, Validation (naming the field). */
export async function classifyCase(tx: Tx, actor: Actor, input: TClassifyCase, now: Date, options: ClassifyOptions) {
  const data = parseInput(ZClassifyCase, input);
  const current = await loadCaseFor(tx, actor, 'update', data.caseId, { lock: true });
  // `update` on a case is also the firm's right on its own draft: classification is the office's alone.
  if (actor.kind !== 'SYSTEM' && !actor.roles.some((r) => (classifyingRoles as readonly string[]).includes(r))) {
    throw new ForbiddenError('only a case officer or lead reviewer classifies a case');
  }
  if (current.version !== data.expectedVersion) throw new StaleVersionError(current.version);
  // The database refuses these too (CHECKs on cases); here they come back naming the field.
  if (keyDimensionSecurityType[data.keyDimension] !== data.securityType) {
    throw ValidationError.single(
      'keyDimension',
      `${data.keyDimension} is a dimension of ${keyDimensionSecurityType[data.keyDimension]}, not ${data.securityType}`,
    );
  }
  if (!classifiableStates.includes(current.state)) {
    throw new InvalidTransitionError(current.state, 'CLASSIFY', [], `a case in ${current.state} cannot be classified`);
  }

  const facts = {
    securityType: data.securityType,
    keyDimension: data.keyDimension,
    capabilities: [...new Set(data.capabilities)],
    maturity: data.maturity,
  };
  const policyInput = await loadRiskInput(
    tx,
    current.id,
    { ...facts, subject: current.subject },
    options.homeCountry,
    now,
  );
  const assessment = assessRisk(policyInput, currentRiskPolicy);
  const { proposal } = assessment;
  const strategy = data.strategy ?? proposal.strategy;
  const confirmed: ConfirmedRisk = {
    grade: data.riskGrade ?? assessment.grade,
    strategy,
    subStrategy: data.subStrategy ?? (strategy === proposal.strategy ? proposal.subStrategy : null),
  };
  const overridden =
    confirmed.grade !== assessment.grade ||
    confirmed.strategy !== proposal.strategy ||
    confirmed.subStrategy !== proposal.subStrategy;

  const fieldErrors: FieldError[] = [];
  if (confirmed.subStrategy && subStrategyStrategy[confirmed.subStrategy] !== confirmed.strategy) {
    fieldErrors.push({
      field: 'subStrategy',
      message: `${confirmed.subStrategy} belongs to ${subStrategyStrategy[confirmed.subStrategy]}, not ${confirmed.strategy}`,
    });
  }
  if (overridden && !data.overrideReason) {
    fieldErrors.push({
      field: 'overrideReason',
      message:
        `the policy proposes ${assessment.grade} and ${proposal.strategy}/${proposal.subStrategy}; ` +
        'give a reason to record anything else',
    });
  }
  if (!overridden && data.overrideReason) {
    fieldErrors.push({ field: 'overrideReason', message: 'nothing is overridden: the entries match the policy' });
  }
  if (fieldErrors.length > 0) throw new ValidationError(fieldErrors);

  const stored: StoredRiskResult = {
    assessment,
    input: policyInput,
    assessedAt: now.toISOString(),
    confirmed,
    overridden,
  };
  const [updated] = await tx
    .update(cases)
    .set({
      ...facts,
      strategy: confirmed.strategy,
      subStrategy: confirmed.subStrategy,
      riskGrade: confirmed.grade,
      riskScore: assessment.score,
      riskExplanation: stored,
      riskPolicyVersion: assessment.policyVersion,
      riskOverrideReason: overridden ? data.overrideReason! : null,
      classificationReason: data.reason,
      version: current.version + 1,
      lastActivityAt: now,
      updatedAt: now,
    })
    .where(and(eq(cases.id, current.id), eq(cases.version, current.version)))
    .returning();
  if (!updated) throw new StaleVersionError(current.version);

  const policy = {
    version: assessment.policyVersion,
    score: assessment.score,
    grade: assessment.grade,
    strategy: proposal.strategy,
    subStrategy: proposal.subStrategy,
  };
  await appendAuditEntry(tx, actor, {
    chain: caseChain(current.id),
    caseId: current.id,
    action: 'case.classify',
    entityKind: 'Case',
    entityId: current.id,
    before: {
      securityType: current.securityType,
      keyDimension: current.keyDimension,
      capabilities: current.capabilities,
      maturity: current.maturity,
      strategy: current.strategy,
      subStrategy: current.subStrategy,
      riskGrade: current.riskGrade,
      riskScore: current.riskScore,
      riskPolicyVersion: current.riskPolicyVersion,
      riskOverrideReason: current.riskOverrideReason,
      version: current.version,
    },
    after: {
      ...facts,
      strategy: confirmed.strategy,
      subStrategy: confirmed.subStrategy,
      riskGrade: confirmed.grade,
      riskScore: assessment.score,
      policy,
      overridden,
      version: updated.version,
    },
    reason: data.reason,
    occurredAt: now,
  });
  if (overridden) {
    await appendAuditEntry(tx, actor, {
      chain: caseChain(current.id),
      caseId: current.id,
      action: 'case.risk_override',
      entityKind: 'Case',
      entityId: current.id,
      before: policy,
      after: confirmed,
      reason: data.overrideReason!,
      occurredAt: now,
    });
  }
  return updated;
}
