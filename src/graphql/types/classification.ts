/** Classification of a case (design §3) in the API: the officer enters the taxonomy facts and, for now, the grade. */
import { classifyCase } from '../../domain/classification/classify-case.ts';
import { runIdempotent } from '../../domain/idempotency/run-idempotent.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { idempotencyKeyField } from '../mutation.ts';
import {
  CapabilityEnum,
  KeyDimensionEnum,
  RiskGradeEnum,
  SecurityTypeEnum,
  StrategyEnum,
  SubStrategyEnum,
  TechnologyMaturityEnum,
} from './enums.ts';
import { mutationErrorTypes } from './errors.ts';

const ClassifyCaseInput = builder.inputType('ClassifyCaseInput', {
  description:
    'The taxonomy facts of a case and, until the risk policy proposes them, the strategy and the risk grade, with a reason.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the case (in SCREENING, REVIEW or IN_DEPTH).' }),
    expectedVersion: t.int({
      required: true,
      description: 'The case version you read; a newer one answers StaleVersion.',
    }),
    securityType: t.field({ type: SecurityTypeEnum, required: true, description: 'The security type.' }),
    keyDimension: t.field({
      type: KeyDimensionEnum,
      required: true,
      description: 'The key dimension; it must be one of the security type’s dimensions.',
    }),
    capabilities: t.field({
      type: [CapabilityEnum],
      required: true,
      description: 'The chain capabilities the case threatens (at least one).',
    }),
    maturity: t.field({ type: TechnologyMaturityEnum, required: true, description: 'Maturity of the technology.' }),
    strategy: t.field({ type: StrategyEnum, required: true, description: 'The governance strategy.' }),
    subStrategy: t.field({
      type: SubStrategyEnum,
      required: false,
      description: 'A sub-strategy; it must belong to the strategy.',
    }),
    riskGrade: t.field({ type: RiskGradeEnum, required: true, description: 'The risk grade the officer records.' }),
    riskScore: t.float({ required: true, description: 'The risk score, 0 to 100.' }),
    reason: t.string({ required: true, description: 'Why the case is classified so; recorded in the audit trail.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

const CaseClassifiedRef = builder.objectRef<{ caseId: string }>('CaseClassified').implement({
  description: 'The case was classified and graded.',
  fields: (t) => ({
    case: t.drizzleField({
      type: 'cases',
      description: 'The case after classification (its version moved on).',
      resolve: async (query, payload, _args, ctx) =>
        (await ctx.db.query.cases.findFirst(query({ where: { id: payload.caseId } })))!,
    }),
  }),
});

builder.mutationField('classifyCase', (t) =>
  t.field({
    type: CaseClassifiedRef,
    description: 'The officer or lead reviewer classifies the case and records its risk grade, with a reason.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: ClassifyCaseInput, required: true, description: 'The classification.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.db.transaction(async (tx) => {
        const request = {
          caseId: decodeId(input.caseId, 'Case', 'caseId'),
          expectedVersion: input.expectedVersion,
          securityType: input.securityType,
          keyDimension: input.keyDimension,
          capabilities: input.capabilities,
          maturity: input.maturity,
          strategy: input.strategy,
          subStrategy: input.subStrategy ?? undefined,
          riskGrade: input.riskGrade,
          riskScore: input.riskScore,
          reason: input.reason,
        };
        return runIdempotent(
          tx,
          ctx.actor!,
          { key: input.idempotencyKey, operation: 'classifyCase', input: request },
          async () => ({ caseId: (await classifyCase(tx, ctx.actor!, request, ctx.now)).id }),
          ctx.now,
        );
      }),
  }),
);
