/**
 * Classification of a case (design §3): the officer enters the taxonomy facts — security type, key
 * dimension, capabilities, maturity — and, until the risk policy exists, the strategy and the risk
 * grade and score, with a reason. Not a workflow transition: the state stays, the version moves, and
 * the change is audited on the case's chain with what it was before.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases } from '../../../db/schema/cases.ts';
import type { Tx } from '../../db/database.ts';
import { loadCaseFor } from '../access/authorize.ts';
import type { Actor } from '../actor.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { ForbiddenError, InvalidTransitionError, StaleVersionError, ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';
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
} from '../vocabulary.ts';

export const ZClassifyCase = z.object({
  caseId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  securityType: z.enum(securityTypes),
  keyDimension: z.enum(keyDimensions),
  capabilities: z.array(z.enum(capabilities)).min(1).max(capabilities.length),
  maturity: z.enum(technologyMaturities),
  strategy: z.enum(strategies),
  subStrategy: z.enum(subStrategies).optional(),
  riskGrade: z.enum(riskGrades),
  riskScore: z.number().min(0).max(100),
  reason: z.string().trim().min(1).max(10_000),
});
export type TClassifyCase = z.input<typeof ZClassifyCase>;

/** Classification is screening and review work: before that there is nothing to classify, after it the grade is settled. */
const classifiableStates: readonly CaseState[] = ['SCREENING', 'REVIEW', 'IN_DEPTH'];
const classifyingRoles = ['CASE_OFFICER', 'LEAD_REVIEWER'] as const;

/** @throws NotFound, Forbidden, InvalidTransition (wrong state), StaleVersion, Validation (naming the field). */
export async function classifyCase(tx: Tx, actor: Actor, input: TClassifyCase, now: Date) {
  const data = parseInput(ZClassifyCase, input);
  const current = await loadCaseFor(tx, actor, 'update', data.caseId, { lock: true });
  // `update` on a case is also the firm's right on its own draft: classification is the office's alone.
  if (actor.kind !== 'SYSTEM' && !actor.roles.some((r) => (classifyingRoles as readonly string[]).includes(r))) {
    throw new ForbiddenError('only a case officer or lead reviewer classifies a case');
  }
  // The database refuses these too (CHECKs on cases); here they come back naming the field.
  const fieldErrors = [];
  if (keyDimensionSecurityType[data.keyDimension] !== data.securityType) {
    fieldErrors.push({
      field: 'keyDimension',
      message: `${data.keyDimension} is a dimension of ${keyDimensionSecurityType[data.keyDimension]}, not ${data.securityType}`,
    });
  }
  if (data.subStrategy && subStrategyStrategy[data.subStrategy] !== data.strategy) {
    fieldErrors.push({
      field: 'subStrategy',
      message: `${data.subStrategy} belongs to ${subStrategyStrategy[data.subStrategy]}, not ${data.strategy}`,
    });
  }
  if (fieldErrors.length > 0) throw new ValidationError(fieldErrors);
  if (!classifiableStates.includes(current.state)) {
    throw new InvalidTransitionError(current.state, 'CLASSIFY', [], `a case in ${current.state} cannot be classified`);
  }
  if (current.version !== data.expectedVersion) throw new StaleVersionError(current.version);

  const facts = {
    securityType: data.securityType,
    keyDimension: data.keyDimension,
    capabilities: [...new Set(data.capabilities)],
    maturity: data.maturity,
    strategy: data.strategy,
    subStrategy: data.subStrategy ?? null,
    riskGrade: data.riskGrade,
    riskScore: data.riskScore,
  };
  const [updated] = await tx
    .update(cases)
    .set({
      ...facts,
      classificationReason: data.reason,
      version: current.version + 1,
      lastActivityAt: now,
      updatedAt: now,
    })
    .where(and(eq(cases.id, current.id), eq(cases.version, current.version)))
    .returning();
  if (!updated) throw new StaleVersionError(current.version);
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
      version: current.version,
    },
    after: { ...facts, version: updated.version },
    reason: data.reason,
    occurredAt: now,
  });
  return updated;
}
