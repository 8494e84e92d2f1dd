/**
 * Classification of a case (design §3) and the risk policy's result in the API (issue 7 §4–5): the
 * officer enters the taxonomy facts, the policy grades the case and proposes a strategy, the officer
 * confirms or overrides with a reason. The Case fields added here are the office's: parties read
 * them as null (policies/ability.ts `caseFieldsHiddenFromParties`).
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import type {
  NodeAssessment,
  RiskAssessment,
  RiskDifference,
  RiskFactor,
  RiskNodeChange,
  StrategyProposal,
  SuggestedClassification,
} from '../../../policies/risk-policy.ts';
import { riskFactorLabels } from '../../../vocabulary/labels.ts';
import { riskFactors } from '../../../vocabulary/terms.ts';
import { classifyCase } from '../../domain/classification/classify-case.ts';
import { reassessCaseRisk, suggestCaseClassification } from '../../domain/classification/reassess-risk.ts';
import { readStoredRiskResult, type StoredRiskResult } from '../../domain/classification/risk-result.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { idempotencyKeyField, runMutation } from '../mutation.ts';
import { CaseRef } from './case.ts';
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

export const RiskFactorEnum = builder.enumType('RiskFactor', {
  description:
    'A factor the risk policy scores (policies/README.md); `taxonomyLabels(taxonomy: RISK_FACTOR)` labels it.',
  values: Object.fromEntries(riskFactors.map((f) => [f, { description: riskFactorLabels[f].description }])),
});

const RiskFactorRef = builder.objectRef<RiskFactor>('RiskFactorContribution').implement({
  description: 'One factor’s contribution to the score, with a sentence of explanation.',
  fields: (t) => ({
    factor: t.expose('factor', { type: RiskFactorEnum, description: 'The factor.' }),
    value: t.exposeFloat('value', { description: 'Its normalised value, 0–1.' }),
    points: t.exposeFloat('points', { description: 'Points it adds to the score.' }),
    maxPoints: t.exposeFloat('maxPoints', { description: 'The most it can add (its weight in the policy version).' }),
    explanation: t.exposeString('explanation', { description: 'Why, in one sentence (English).' }),
  }),
});

const NodeRiskRef = builder.objectRef<NodeAssessment>('NodeRiskAssessment').implement({
  description: 'How one of the case’s chain nodes grades; the case takes its riskiest node.',
  fields: (t) => ({
    nodeId: t.id({
      description: 'Global ID of the chain node.',
      resolve: (n) => encodeGlobalID('ChainNode', n.nodeId),
    }),
    nodeName: t.exposeString('nodeName', { description: 'Name of the node when assessed.' }),
    score: t.exposeFloat('score', { description: 'The node’s score, 0–100.' }),
    grade: t.expose('grade', { type: RiskGradeEnum, description: 'The node’s grade, after the cap.' }),
    capped: t.exposeBoolean('capped', {
      description: 'Whether the capability gate held the grade at MEDIUM (foreign dependency is never enough alone).',
    }),
    capabilityExposure: t.exposeFloat('capabilityExposure', {
      description: 'Generality × strategic value × scarcity (mature), or the emerging-technology measure, 0–1.',
    }),
    technology: t.exposeString('technology', {
      nullable: true,
      description: 'The listed key technology that drives the exposure; null when none is listed.',
    }),
    maturity: t.expose('maturity', { type: TechnologyMaturityEnum, description: 'Maturity the node was judged by.' }),
    generality: t.exposeInt('generality', { description: 'Generality used, 1–5.' }),
    strategicValue: t.exposeInt('strategicValue', { description: 'Strategic value used, 1–5.' }),
    supplierScarcity: t.exposeFloat('supplierScarcity', { description: 'Scarcity of suppliers, 0–1.' }),
    effectiveSuppliers: t.exposeFloat('effectiveSuppliers', {
      nullable: true,
      description: 'Supplier count, or fewer when supply is concentrated (10,000 / HHI); null without supply data.',
    }),
    foreignShare: t.exposeFloat('foreignShare', {
      nullable: true,
      description: 'Percent of supply from abroad; null without supply data.',
    }),
    factors: t.field({
      type: [RiskFactorRef],
      description: 'The node’s factor contributions.',
      resolve: (n) => [...n.factors],
    }),
  }),
});

const StrategyProposalRef = builder.objectRef<StrategyProposal>('StrategyProposal').implement({
  description: 'The governance strategy the policy proposes from the paper’s table.',
  fields: (t) => ({
    strategy: t.expose('strategy', { type: StrategyEnum, description: 'The strategy (follows the security type).' }),
    subStrategy: t.expose('subStrategy', { type: SubStrategyEnum, description: 'The sub-strategy.' }),
    explanation: t.exposeString('explanation', { description: 'Why, in one sentence (English).' }),
    committeeSubStrategy: t.field({
      type: SubStrategyEnum,
      nullable: true,
      description:
        'For a capability deficit: the industry committee’s class for the lead key technology on the case’s nodes, ' +
        'shown beside the sub-strategy the policy derives from the facts (null: none listed).',
      resolve: (proposal) => proposal.committeeSubStrategy ?? null,
    }),
    disagreesWithCommittee: t.boolean({
      description: 'Whether the committee’s class differs from the proposed sub-strategy: a reviewer should look.',
      resolve: (proposal) => proposal.disagreesWithCommittee ?? false,
    }),
  }),
});

const RiskAssessmentRef = builder.objectRef<RiskAssessment>('RiskAssessment').implement({
  description: 'One run of the risk policy: score, grade, the factors behind them and the proposed strategy.',
  fields: (t) => ({
    policyVersion: t.exposeString('policyVersion', { description: 'The policy version that ran.' }),
    score: t.exposeFloat('score', { description: 'Score 0–100: the sum of the riskiest node’s factor points.' }),
    grade: t.expose('grade', { type: RiskGradeEnum, description: 'The policy’s grade.' }),
    capped: t.exposeBoolean('capped', {
      description: 'Whether the grade was held at MEDIUM because no capability exposure reaches the gate.',
    }),
    gradeExplanation: t.exposeString('gradeExplanation', { description: 'How the grade follows, in one sentence.' }),
    factors: t.field({
      type: [RiskFactorRef],
      description: 'Each factor’s contribution for the riskiest node.',
      resolve: (a) => [...a.factors],
    }),
    drivingNodeId: t.id({
      nullable: true,
      description: 'Global ID of the riskiest node; null when the case names no node.',
      resolve: (a) => (a.drivingNodeId ? encodeGlobalID('ChainNode', a.drivingNodeId) : null),
    }),
    nodes: t.field({
      type: [NodeRiskRef],
      description: 'Every node of the case, as assessed.',
      resolve: (a) => [...a.nodes],
    }),
    proposal: t.field({ type: StrategyProposalRef, description: 'The proposed strategy.', resolve: (a) => a.proposal }),
  }),
});

const RiskResultRef = builder.objectRef<StoredRiskResult>('RiskResult').implement({
  description: 'The risk result stored with the case at classification: the decision basis.',
  fields: (t) => ({
    assessment: t.field({
      type: RiskAssessmentRef,
      description: 'What the policy said.',
      resolve: (r) => r.assessment,
    }),
    assessedAt: t.field({
      type: 'DateTime',
      description: 'When the policy ran (the knowledge base as it stood then).',
      resolve: (r) => new Date(r.assessedAt),
    }),
    confirmedGrade: t.field({
      type: RiskGradeEnum,
      description: 'The grade the officer confirmed or set.',
      resolve: (r) => r.confirmed.grade,
    }),
    confirmedStrategy: t.field({
      type: StrategyEnum,
      description: 'The strategy the officer confirmed or set.',
      resolve: (r) => r.confirmed.strategy,
    }),
    confirmedSubStrategy: t.field({
      type: SubStrategyEnum,
      nullable: true,
      description: 'The sub-strategy the officer confirmed or set.',
      resolve: (r) => r.confirmed.subStrategy,
    }),
    overridden: t.exposeBoolean('overridden', {
      description:
        'Whether the officer’s grade or strategy differs from the policy’s (Case.riskOverrideReason says why).',
    }),
  }),
});

const FactorChangeRef = builder.objectRef<RiskDifference['factors'][number]>('RiskFactorChange').implement({
  description: 'A factor whose points moved.',
  fields: (t) => ({
    factor: t.expose('factor', { type: RiskFactorEnum, description: 'The factor.' }),
    before: t.exposeFloat('before', { description: 'Points in the stored result.' }),
    after: t.exposeFloat('after', { description: 'Points now.' }),
  }),
});

const NodeChangeRef = builder.objectRef<RiskNodeChange>('RiskNodeChange').implement({
  description: 'A measure of a node that moved (or a node added to or gone from the case).',
  fields: (t) => ({
    nodeId: t.id({ description: 'Global ID of the node.', resolve: (c) => encodeGlobalID('ChainNode', c.nodeId) }),
    nodeName: t.exposeString('nodeName', { description: 'Name of the node.' }),
    measure: t.exposeString('measure', {
      description:
        'grade, score, capabilityExposure, supplierScarcity, effectiveSuppliers, foreignShare, technology, generality, ' +
        'strategicValue, or node (added or gone).',
    }),
    before: t.exposeString('before', { nullable: true, description: 'In the stored result.' }),
    after: t.exposeString('after', { nullable: true, description: 'Now.' }),
  }),
});

const RiskReassessmentRef = builder
  .objectRef<NonNullable<Awaited<ReturnType<typeof reassessCaseRisk>>>>('RiskReassessment')
  .implement({
    description:
      'The current policy run again on the stored facts and today’s knowledge base, compared with the stored result. ' +
      'Nothing is written: the stored result stays the decision basis until the case is classified again.',
    fields: (t) => ({
      assessedAt: t.expose('assessedAt', { type: 'DateTime', description: 'The instant of this run.' }),
      current: t.field({ type: RiskAssessmentRef, description: 'The policy’s result now.', resolve: (r) => r.current }),
      stored: t.field({ type: RiskResultRef, description: 'The stored decision basis.', resolve: (r) => r.stored }),
      policyVersionChanged: t.boolean({
        description: 'Whether the current policy version differs from the stored one.',
        resolve: (r) => r.difference.policyVersionChanged,
      }),
      gradeChanged: t.boolean({
        description: 'Whether the policy’s grade differs from the stored policy grade.',
        resolve: (r) => r.difference.gradeChanged,
      }),
      differsFromConfirmedGrade: t.boolean({
        description: 'Whether the policy’s grade now differs from the grade the case carries.',
        resolve: (r) => r.current.grade !== r.stored.confirmed.grade,
      }),
      scoreDelta: t.float({ description: 'Score now minus stored score.', resolve: (r) => r.difference.scoreDelta }),
      strategyChanged: t.boolean({
        description: 'Whether the proposed strategy or sub-strategy moved.',
        resolve: (r) => r.difference.strategyChanged,
      }),
      factorChanges: t.field({
        type: [FactorChangeRef],
        description: 'Factors whose points moved.',
        resolve: (r) => [...r.difference.factors],
      }),
      nodeChanges: t.field({
        type: [NodeChangeRef],
        description: 'Node measures that moved.',
        resolve: (r) => [...r.difference.nodes],
      }),
    }),
  });

const SuggestedClassificationRef = builder.objectRef<SuggestedClassification>('SuggestedClassification').implement({
  description: 'The classification suggested from the case’s subject and listed technologies; the officer decides.',
  fields: (t) => ({
    securityType: t.expose('securityType', { type: SecurityTypeEnum, description: 'Suggested security type.' }),
    keyDimension: t.expose('keyDimension', { type: KeyDimensionEnum, description: 'Suggested key dimension.' }),
    capabilities: t.field({
      type: [CapabilityEnum],
      description: 'Suggested threatened capabilities.',
      resolve: (s) => [...s.capabilities],
    }),
    maturity: t.expose('maturity', { type: TechnologyMaturityEnum, description: 'Suggested maturity.' }),
    explanation: t.exposeString('explanation', { description: 'Why, in one sentence (English).' }),
  }),
});

builder.drizzleObjectFields(CaseRef, (t) => ({
  riskPolicyVersion: t.exposeString('riskPolicyVersion', {
    nullable: true,
    description: 'Version of the risk policy that graded the case; null before classification.',
  }),
  riskOverrideReason: t.exposeString('riskOverrideReason', {
    nullable: true,
    description: 'Why the officer’s grade or strategy differs from the policy’s; null when they agree.',
  }),
  riskExplanation: t.field({
    type: RiskResultRef,
    nullable: true,
    description: 'The stored risk result (the decision basis): factors, explanation, proposal and what was confirmed.',
    resolve: (c) => readStoredRiskResult(c.riskExplanation),
  }),
  riskReassessment: t.field({
    type: RiskReassessmentRef,
    nullable: true,
    description:
      'The policy re-run on today’s knowledge base and compared with the stored result, without changing it; ' +
      'null before classification.',
    resolve: (c, _args, ctx) => reassessCaseRisk(ctx.db, ctx.actor!, c.id, { homeCountry: ctx.homeCountry }, ctx.now),
  }),
  suggestedClassification: t.field({
    type: SuggestedClassificationRef,
    nullable: true,
    description: 'The classification suggested from the case’s subject and the key technologies on its nodes.',
    resolve: (c, _args, ctx) => suggestCaseClassification(ctx.db, ctx.actor!, c.id),
  }),
}));

const ClassifyCaseInput = builder.inputType('ClassifyCaseInput', {
  description:
    'The taxonomy facts of a case. The risk policy grades it and proposes the strategy; give a grade or strategy ' +
    'only to override the proposal, with an override reason.',
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
    strategy: t.field({
      type: StrategyEnum,
      required: false,
      description: 'Omit to confirm the policy’s strategy; a different one is an override.',
    }),
    subStrategy: t.field({
      type: SubStrategyEnum,
      required: false,
      description: 'Omit to confirm the policy’s sub-strategy; it must belong to the strategy.',
    }),
    riskGrade: t.field({
      type: RiskGradeEnum,
      required: false,
      description: 'Omit to confirm the policy’s grade; a different one is an override.',
    }),
    overrideReason: t.string({
      required: false,
      description: 'Required exactly when the grade, strategy or sub-strategy differs from the policy’s; audited.',
    }),
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
    description:
      'The officer or lead reviewer classifies the case; the risk policy grades it and proposes the strategy, which ' +
      'the officer confirms or overrides with a reason.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: ClassifyCaseInput, required: true, description: 'The classification.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        caseId: decodeId(input.caseId, 'Case', 'caseId'),
        expectedVersion: input.expectedVersion,
        securityType: input.securityType,
        keyDimension: input.keyDimension,
        capabilities: input.capabilities,
        maturity: input.maturity,
        strategy: input.strategy ?? undefined,
        subStrategy: input.subStrategy ?? undefined,
        riskGrade: input.riskGrade ?? undefined,
        overrideReason: input.overrideReason ?? undefined,
        reason: input.reason,
      };
      return runMutation(
        ctx,
        { operation: 'classifyCase', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => ({
          caseId: (await classifyCase(tx, ctx.actor!, request, ctx.now, { homeCountry: ctx.homeCountry })).id,
        }),
      );
    },
  }),
);
