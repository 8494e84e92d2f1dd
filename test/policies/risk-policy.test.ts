/**
 * The risk and strategy policy (issue 7 §4): the paper's own examples, dependency alone against
 * dependency with scarcity, the structural cap and monotonicity as properties, the strategy rules,
 * the suggested classification, and policies/README.md's worked example against the function.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeMetrics } from '../../policies/node-metrics.ts';
import {
  assessRisk,
  compareAssessments,
  currentRiskPolicy,
  gradeAtLeast,
  type KeyTechnologyFacts,
  type RiskAssessment,
  type RiskInput,
  suggestClassification,
} from '../../policies/risk-policy.ts';
import { riskPolicyV1 } from '../../policies/risk-policy-v1.ts';
import { riskPolicyV2 } from '../../policies/risk-policy-v2.ts';
import {
  capabilities,
  caseSubjects,
  keyDimensionSecurityType,
  keyDimensions,
  type RiskGrade,
  riskGrades,
  technologyMaturities,
  technologyStrategyClasses,
} from '../../vocabulary/terms.ts';
import { node, technology } from './risk-fixtures.ts';
import { dependencyWithoutScarcity, dependencyWithScarcity, paperExamples } from './risk-paper-examples.ts';

const rank = (g: RiskGrade) => riskGrades.indexOf(g);

describe('the paper’s examples', () => {
  it.each(paperExamples)('$name', ({ input, strategy, subStrategy, grades: [lowest, highest] }) => {
    const result = assessRisk(input);
    expect(result.proposal).toMatchObject({ strategy, subStrategy });
    expect(rank(result.grade), `grade ${result.grade}`).toBeGreaterThanOrEqual(rank(lowest));
    expect(rank(result.grade), `grade ${result.grade}`).toBeLessThanOrEqual(rank(highest));
    expect(result.policyVersion).toBe(currentRiskPolicy.version);
    // Every factor explains itself, and the factors add up to the score.
    expect(result.factors.map((f) => f.factor)).toEqual([
      'CAPABILITY_EXPOSURE',
      'FOREIGN_DEPENDENCY',
      'THREATENED_CAPABILITIES',
      'KEY_DIMENSION',
    ]);
    for (const f of result.factors) {
      expect(f.explanation).toMatch(/\S.*\.$/);
      expect(f.points).toBeGreaterThanOrEqual(0);
      expect(f.points).toBeLessThanOrEqual(f.maxPoints);
    }
    expect(result.score).toBeCloseTo(
      result.factors.reduce((sum, f) => sum + f.points, 0),
      2,
    );
    expect(result.proposal.explanation).toMatch(/\.$/);
  });

  it('holds the chip shortage at MEDIUM although all supply is foreign: its exposure is below the gate', () => {
    const chips = paperExamples.find((e) => e.name.startsWith('the chip shortage'))!;
    const result = assessRisk(chips.input);
    expect(result.nodes[0]!.foreignShare).toBe(100);
    expect(result.capped).toBe(true);
    expect(result.grade).toBe('MEDIUM');
    expect(result.gradeExplanation).toContain('below the gate');
  });
});

describe('foreign dependency', () => {
  it('alone — 95% imported from twelve suppliers in eight countries, low generality — grades at most MEDIUM', () => {
    const [metrics] = dependencyWithoutScarcity.nodes.map((n) => n.metrics!);
    expect(metrics).toMatchObject({ foreignShare: 95 });
    expect(metrics!.countries.filter((c) => c !== 'CN')).toHaveLength(8);
    expect(metrics!.supplierCount - 1).toBe(12);
    expect(gradeAtLeast(assessRisk(dependencyWithoutScarcity).grade, 'HIGH')).toBe(false);
  });

  it('with two suppliers in one country and high generality and strategic value grades HIGH or above', () => {
    const [metrics] = dependencyWithScarcity.nodes.map((n) => n.metrics!);
    expect(metrics).toMatchObject({ foreignShare: 95 });
    expect(metrics!.countries.filter((c) => c !== 'CN')).toEqual(['JP']);
    expect(gradeAtLeast(assessRisk(dependencyWithScarcity).grade, 'HIGH')).toBe(true);
  });
});

// --- Generators ----------------------------------------------------------------------------------

const countryCodes = ['CN', 'JP', 'US', 'DE', 'KR', 'TW', 'NL', 'FR', 'GB', 'SG', 'CH', 'IT'];

const factsArb = fc
  .record({
    keyDimension: fc.constantFrom(...keyDimensions),
    capabilities: fc.subarray([...capabilities], { minLength: 1 }),
    maturity: fc.constantFrom(...technologyMaturities),
    subject: fc.constantFrom(...caseSubjects),
  })
  .map((f) => ({ ...f, securityType: keyDimensionSecurityType[f.keyDimension] }));

/** Consistent metrics: HHI between 10,000/n (even) and 10,000 (one supplier holds all), countries ≤ n. */
const metricsArb = (nodeId: string) =>
  fc
    .record({
      supplierCount: fc.integer({ min: 1, max: 30 }),
      evenness: fc.double({ min: 0, max: 1, noNaN: true }),
      countryCount: fc.integer({ min: 1, max: countryCodes.length }),
      foreignShare: fc.double({ min: 0, max: 100, noNaN: true }),
    })
    .map(({ supplierCount, evenness, countryCount, foreignShare }): NodeMetrics => {
      const floor = 10_000 / supplierCount;
      return {
        nodeId,
        supplierCount,
        concentration: 10_000 - evenness * (10_000 - floor),
        foreignShare,
        singleSource: supplierCount === 1,
        countries: countryCodes.slice(0, Math.min(countryCount, supplierCount)).sort(),
        reportedShareTotal: 100,
        normalised: false,
      };
    });

const technologyArb = (nodeId: string) =>
  fc.record({
    nodeId: fc.constant(nodeId),
    name: fc.constantFrom('T1', 'T2', 'T3'),
    maturity: fc.constantFrom(...technologyMaturities),
    generality: fc.integer({ min: 1, max: 5 }),
    strategicValue: fc.integer({ min: 1, max: 5 }),
    priority: fc.integer({ min: 1, max: 5 }),
    strategyClass: fc.constantFrom(...technologyStrategyClasses),
  });

const oneNodeInput = (metrics: NodeMetrics, technologies: KeyTechnologyFacts[], facts: RiskInput['facts']) => ({
  facts,
  nodes: [{ nodeId: metrics.nodeId, name: 'N', metrics }],
  keyTechnologies: technologies,
});

describe('properties', () => {
  it('adding suppliers (without concentrating supply or raising the foreign share) never raises the grade', () => {
    fc.assert(
      fc.property(
        factsArb,
        metricsArb('n'),
        fc.array(technologyArb('n'), { maxLength: 2 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: countryCodes.length }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (facts, before, technologies, added, newCountries, spreading) => {
          const supplierCount = before.supplierCount + added;
          const floor = 10_000 / supplierCount;
          const after: NodeMetrics = {
            ...before,
            supplierCount,
            singleSource: false,
            concentration: before.concentration! - spreading * (before.concentration! - floor),
            countries: countryCodes
              .slice(0, Math.min(before.countries.length + newCountries, supplierCount, countryCodes.length))
              .sort(),
          };
          const was = assessRisk(oneNodeInput(before, technologies, facts));
          const is = assessRisk(oneNodeInput(after, technologies, facts));
          expect(rank(is.grade)).toBeLessThanOrEqual(rank(was.grade));
          expect(is.score).toBeLessThanOrEqual(was.score);
        },
      ),
    );
  });

  it('lowering the generality of a technology never raises the grade', () => {
    fc.assert(
      fc.property(
        factsArb,
        metricsArb('n'),
        technologyArb('n').filter((t) => t.generality > 1),
        fc.array(technologyArb('n'), { maxLength: 2 }),
        (facts, metrics, lowered, others) => {
          const general = { ...lowered, name: 'Lowered' };
          const specialised = { ...general, generality: general.generality - 1 };
          const was = assessRisk(oneNodeInput(metrics, [general, ...others], facts));
          const is = assessRisk(oneNodeInput(metrics, [specialised, ...others], facts));
          expect(rank(is.grade)).toBeLessThanOrEqual(rank(was.grade));
        },
      ),
    );
  });

  it('foreign dependency alone never grades above MEDIUM, whatever the share, suppliers and facts', () => {
    // "Alone": no listed technology on the nodes, or only mature ones of low generality (≤ 2).
    const lowGenerality = (nodeId: string) =>
      technologyArb(nodeId).map((t) => ({ ...t, maturity: 'MATURE' as const, generality: Math.min(t.generality, 2) }));
    fc.assert(
      fc.property(
        factsArb,
        fc.tuple(metricsArb('a'), metricsArb('b')),
        fc.array(fc.oneof(lowGenerality('a'), lowGenerality('b')), { maxLength: 3 }),
        (facts, [a, b], technologies) => {
          const result = assessRisk({
            facts,
            nodes: [
              { nodeId: 'a', name: 'A', metrics: { ...a, foreignShare: 100 } },
              { nodeId: 'b', name: 'B', metrics: b },
            ],
            keyTechnologies: technologies,
          });
          expect(gradeAtLeast(result.grade, 'HIGH')).toBe(false);
        },
      ),
    );
  });

  it('the foreign share never moves the capability exposure, so it cannot lift the cap', () => {
    fc.assert(
      fc.property(
        factsArb,
        metricsArb('n'),
        fc.array(technologyArb('n'), { maxLength: 2 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (facts, metrics, technologies, foreignShare) => {
          const home = assessRisk(oneNodeInput({ ...metrics, foreignShare: 0 }, technologies, facts));
          const abroad = assessRisk(oneNodeInput({ ...metrics, foreignShare }, technologies, facts));
          expect(abroad.nodes[0]!.capabilityExposure).toBe(home.nodes[0]!.capabilityExposure);
          if (gradeAtLeast(abroad.grade, 'HIGH')) {
            expect(abroad.nodes[0]!.capabilityExposure).toBeGreaterThanOrEqual(currentRiskPolicy.capabilityGate);
          }
        },
      ),
    );
  });
});

describe('risk-v2: few suppliers (the paper: "general-purpose, strategic, few suppliers → high risk")', () => {
  /** 2–3 suppliers, mostly foreign, of a mature general-purpose (≥4/5) strategic (≥4/5) technology. */
  const oligopolyArb = fc
    .record({
      supplierCount: fc.integer({ min: 2, max: 3 }),
      evenness: fc.double({ min: 0, max: 1, noNaN: true }),
      countryCount: fc.integer({ min: 1, max: 3 }),
      foreignShare: fc.double({ min: 50.01, max: 100, noNaN: true }),
      generality: fc.integer({ min: 4, max: 5 }),
      strategicValue: fc.integer({ min: 4, max: 5 }),
    })
    .map(({ supplierCount, evenness, countryCount, foreignShare, generality, strategicValue }) => {
      const floor = 10_000 / supplierCount;
      const metrics: NodeMetrics = {
        nodeId: 'n',
        supplierCount,
        concentration: 10_000 - evenness * (10_000 - floor),
        foreignShare,
        singleSource: false,
        countries: countryCodes.slice(0, Math.min(countryCount, supplierCount)).sort(),
        reportedShareTotal: 100,
        normalised: false,
      };
      const tech = technology('n', 'T', {
        maturity: 'MATURE',
        generality,
        strategicValue,
        priority: 1,
        strategyClass: 'DOMESTIC_SUBSTITUTION',
      });
      return { metrics, tech };
    });

  it('grades such an oligopoly at least HIGH, whatever the case-level facts', () => {
    fc.assert(
      fc.property(factsArb, oligopolyArb, (facts, { metrics, tech }) => {
        const result = assessRisk(oneNodeInput(metrics, [tech], { ...facts, maturity: 'MATURE' }), riskPolicyV2);
        expect(result.grade, JSON.stringify({ facts, metrics })).toSatisfy((g: RiskGrade) => gradeAtLeast(g, 'HIGH'));
      }),
    );
  });

  it('still keeps dependency alone at MEDIUM: below the gate no foreign share lifts the grade', () => {
    fc.assert(
      fc.property(
        factsArb,
        metricsArb('n'),
        fc.array(technologyArb('n'), { maxLength: 2 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (facts, metrics, technologies, foreignShare) => {
          const result = assessRisk(oneNodeInput({ ...metrics, foreignShare }, technologies, facts), riskPolicyV2);
          if (result.nodes[0]!.capabilityExposure < riskPolicyV2.capabilityGate) {
            expect(gradeAtLeast(result.grade, 'HIGH')).toBe(false);
          }
        },
      ),
    );
  });

  it('grades the finding’s example HIGH where risk-v1 held it at MEDIUM, and the reassessment says what moved', () => {
    const oligopoly: RiskInput = {
      facts: {
        securityType: 'CAPABILITY_DEFICIT',
        keyDimension: 'UNECONOMICAL_ENTRY',
        capabilities: ['MANUFACTURING'],
        maturity: 'MATURE',
        subject: 'SUPPLY_DISRUPTION',
      },
      nodes: [
        node('n', 'Specialty gas', [
          { share: 40, country: 'JP' },
          { share: 35, country: 'US' },
          { share: 25, country: 'CN' },
        ]),
      ],
      keyTechnologies: [
        technology('n', 'Electronic specialty gas', {
          maturity: 'MATURE',
          generality: 4,
          strategicValue: 4,
          priority: 1,
          strategyClass: 'ASYMMETRIC_ADVANTAGE',
        }),
      ],
    };
    const v1 = assessRisk(oligopoly, riskPolicyV1);
    const v2 = assessRisk(oligopoly, riskPolicyV2);
    expect({ grade: v1.grade, capped: v1.capped }).toEqual({ grade: 'MEDIUM', capped: true });
    expect(gradeAtLeast(v2.grade, 'HIGH')).toBe(true);
    const difference = compareAssessments(v1, v2);
    expect(difference.gradeChanged).toBe(true);
    expect(difference.factors.map((f) => f.factor)).toContain('CAPABILITY_EXPOSURE');
    expect(difference.nodes.map((n) => n.measure)).toContain('supplierScarcity');
  });
});

describe('the strategy', () => {
  const photoresist = paperExamples.find((e) => e.name.startsWith('semiconductor photoresist'))!.input;
  const withFacts = (facts: Partial<RiskInput['facts']>, keyTechnologies = photoresist.keyTechnologies): RiskInput => ({
    ...photoresist,
    facts: { ...photoresist.facts, ...facts },
    keyTechnologies,
  });

  it('points an emerging, strategic technology to leadership', () => {
    const emerging = withFacts({ maturity: 'EMERGING' });
    expect(assessRisk(emerging).proposal).toMatchObject({
      strategy: 'GRADIENT_CULTIVATION',
      subStrategy: 'LEADERSHIP',
    });
  });

  it('follows the key dimension when no key technology is listed on the nodes', () => {
    expect(assessRisk(withFacts({}, [])).proposal.subStrategy).toBe('ASYMMETRIC_ADVANTAGE');
    expect(assessRisk(withFacts({ keyDimension: 'WEAK_BASIC_RESEARCH' }, [])).proposal.subStrategy).toBe(
      'DOMESTIC_SUBSTITUTION',
    );
  });

  // Issue 11, finding 8: the committee lists EUV photoresist (priority 1) for domestic substitution,
  // but photoresist is a base material whose entry is uneconomical: the paper's rule says asymmetric
  // advantage. risk-v2 proposes that and shows the committee's class beside it, flagged; risk-v1
  // copied the committee's class.
  const listed = [
    technology('photoresist', 'KrF photoresist', {
      maturity: 'MATURE',
      generality: 3,
      strategicValue: 3,
      priority: 2,
      strategyClass: 'ASYMMETRIC_ADVANTAGE',
    }),
    technology('photoresist', 'EUV photoresist', {
      maturity: 'MATURE',
      generality: 4,
      strategicValue: 5,
      priority: 1,
      strategyClass: 'DOMESTIC_SUBSTITUTION',
    }),
  ];

  it('derives the deficit sub-strategy from the facts and flags a committee class that differs', () => {
    expect(assessRisk(withFacts({}, listed)).proposal).toMatchObject({
      subStrategy: 'ASYMMETRIC_ADVANTAGE',
      committeeSubStrategy: 'DOMESTIC_SUBSTITUTION',
      disagreesWithCommittee: true,
    });
    expect(assessRisk(withFacts({ keyDimension: 'WEAK_BASIC_RESEARCH' }, listed)).proposal).toMatchObject({
      subStrategy: 'DOMESTIC_SUBSTITUTION',
      committeeSubStrategy: 'DOMESTIC_SUBSTITUTION',
      disagreesWithCommittee: false,
    });
  });

  it('under risk-v1 took the committee’s class of the highest-priority listed technology', () => {
    expect(assessRisk(withFacts({}, listed), riskPolicyV1).proposal).toMatchObject({
      subStrategy: 'DOMESTIC_SUBSTITUTION',
      committeeSubStrategy: 'DOMESTIC_SUBSTITUTION',
      disagreesWithCommittee: false,
    });
  });

  it('never lets the committee’s class change the derived sub-strategy (property)', () => {
    fc.assert(
      fc.property(
        factsArb.filter((f) =>
          ['DIVISION_OF_LABOUR_LOCK_IN', 'WEAK_BASIC_RESEARCH', 'UNECONOMICAL_ENTRY'].includes(f.keyDimension),
        ),
        metricsArb('n'),
        fc.array(technologyArb('n'), { minLength: 1, maxLength: 2 }),
        fc.constantFrom(...technologyStrategyClasses),
        (facts, metrics, technologies, otherClass) => {
          const relabelled = technologies.map((t) => ({ ...t, strategyClass: otherClass }));
          const one = assessRisk(oneNodeInput(metrics, technologies, facts)).proposal;
          const other = assessRisk(oneNodeInput(metrics, relabelled, facts)).proposal;
          expect(other.subStrategy).toBe(one.subStrategy);
          expect(other.disagreesWithCommittee).toBe(otherClass !== other.subStrategy);
          expect(one.disagreesWithCommittee).toBe(one.committeeSubStrategy !== one.subStrategy);
        },
      ),
    );
  });

  it('builds the industrial commons when research, not production, leaves', () => {
    const result = assessRisk(
      withFacts({
        securityType: 'CAPABILITY_DESTRUCTION',
        keyDimension: 'INDUSTRY_TRANSFER',
        capabilities: ['INNOVATION'],
        subject: 'TECHNOLOGY_TRANSFER',
      }),
    );
    expect(result.proposal).toMatchObject({ strategy: 'DEFENCE', subStrategy: 'INDUSTRIAL_COMMONS' });
  });
});

describe('the suggested classification', () => {
  it.each([
    ['RELOCATION', 'CAPABILITY_DESTRUCTION', 'INDUSTRY_TRANSFER', 'MATURE'],
    ['TECHNOLOGY_ROUTE', 'CAPABILITY_DESTRUCTION', 'TECHNOLOGY_ROUTE_SWITCH', 'EMERGING'],
    ['SUPPLY_DISRUPTION', 'CAPABILITY_RESPONSE', 'SUPPORT_CAPACITY', 'MATURE'],
    ['ACQUISITION', 'CAPABILITY_DESTRUCTION', 'INDUSTRY_TRANSFER', 'MATURE'],
  ] as const)('for a %s is %s / %s', (subject, securityType, keyDimension, maturity) => {
    expect(suggestClassification(subject)).toMatchObject({ securityType, keyDimension, maturity });
  });

  it('takes the maturity of the highest-priority listed technology', () => {
    const listed = [
      { name: 'EUV lithography', maturity: 'EMERGING' as const, priority: 1 },
      { name: 'DUV lithography', maturity: 'MATURE' as const, priority: 2 },
    ];
    expect(suggestClassification('SUPPLY_DISRUPTION', listed).maturity).toBe('EMERGING');
  });

  it('follows the paper’s table for every subject: a capability gap is a capability deficit', () => {
    const types = Object.fromEntries(
      caseSubjects.map((subject) => [subject, suggestClassification(subject).securityType]),
    );
    expect(types).toEqual({
      RELOCATION: 'CAPABILITY_DESTRUCTION',
      ACQUISITION: 'CAPABILITY_DESTRUCTION',
      SUPPLY_DISRUPTION: 'CAPABILITY_RESPONSE',
      TECHNOLOGY_ROUTE: 'CAPABILITY_DESTRUCTION',
      TECHNOLOGY_TRANSFER: 'CAPABILITY_DESTRUCTION',
      DISRUPTION_EVENT: 'CAPABILITY_RESPONSE',
      CAPABILITY_GAP: 'CAPABILITY_DEFICIT',
    });
    expect(suggestClassification('CAPABILITY_GAP')).toMatchObject({
      keyDimension: 'DIVISION_OF_LABOUR_LOCK_IN',
      capabilities: ['INNOVATION', 'MANUFACTURING'],
    });
    // A deficit case is proposed gradient cultivation, not a response strategy.
    const gap = suggestClassification('CAPABILITY_GAP');
    const proposal = assessRisk({
      facts: { ...gap, subject: 'CAPABILITY_GAP' },
      nodes: [],
      keyTechnologies: [],
    }).proposal;
    expect(proposal.strategy).toBe('GRADIENT_CULTIVATION');
  });

  it('suggests facts the policy accepts for every subject', () => {
    for (const subject of caseSubjects) {
      const s = suggestClassification(subject);
      expect(keyDimensionSecurityType[s.keyDimension]).toBe(s.securityType);
      expect(s.capabilities.length).toBeGreaterThan(0);
    }
  });
});

describe('comparing two runs', () => {
  it('names the grade, score, factors and node measures that moved', () => {
    const photoresist = paperExamples.find((e) => e.name.startsWith('semiconductor photoresist'))!.input;
    const before = assessRisk(photoresist);
    const diversified = assessRisk({
      ...photoresist,
      nodes: [
        node('photoresist', 'Photoresist', [
          { share: 20, country: 'JP' },
          { share: 20, country: 'US' },
          { share: 20, country: 'KR' },
          { share: 20, country: 'DE' },
          { share: 20, country: 'CN' },
        ]),
      ],
    });
    const difference = compareAssessments(before, diversified);
    expect(difference.gradeChanged).toBe(before.grade !== diversified.grade);
    expect(difference.scoreDelta).toBeLessThan(0);
    expect(difference.factors.map((f) => f.factor)).toEqual(['CAPABILITY_EXPOSURE', 'FOREIGN_DEPENDENCY']);
    expect(difference.nodes.map((n) => n.measure)).toContain('effectiveSuppliers');
    expect(compareAssessments(before, before)).toMatchObject({
      gradeChanged: false,
      scoreDelta: 0,
      factors: [],
      nodes: [],
    });
  });
});

/** The worked example of policies/README.md, rendered from the function's own result. */
function renderWorkedExample(result: RiskAssessment) {
  const rows = result.factors.map(
    (f) => `| ${f.factor} | ${f.value.toFixed(4)} | ${f.points.toFixed(2)} | ${f.maxPoints} |`,
  );
  return [
    '| factor | value | points | of |',
    '|---|---|---|---|',
    ...rows,
    `| **score** | | **${result.score.toFixed(2)}** | 100 |`,
    '',
    `Grade: **${result.grade}**${result.capped ? ' (capped)' : ''}. Proposal: **${result.proposal.strategy} / ${result.proposal.subStrategy}**.`,
  ].join('\n');
}

/** The parameter table of policies/README.md, rendered from the policy version in force. */
function renderParameters() {
  const p = currentRiskPolicy;
  return [
    `Version in force: \`${p.version}\`.`,
    '',
    '| parameter | value |',
    '|---|---|',
    `| weights (exposure, dependency, capabilities, dimension) | ${p.weights.capabilityExposure}, ${p.weights.foreignDependency}, ${p.weights.threatenedCapabilities}, ${p.weights.keyDimension} |`,
    `| grade thresholds (MEDIUM, HIGH, CRITICAL) | ${p.gradeThresholds.MEDIUM}, ${p.gradeThresholds.HIGH}, ${p.gradeThresholds.CRITICAL} |`,
    `| capability gate (grade above ${p.gradeBelowGate} only at or above) | ${p.capabilityGate} |`,
    `| scarcity count weight; without supply data | ${p.scarcity.countWeight}; ${p.scarcity.withoutSupplyData} |`,
    `| few suppliers (count term full up to) | ${p.scarcity.fewSuppliers ?? '— (1/√n)'} |`,
    `| emerging scarcity base | ${p.emergingScarcityBase} |`,
    `| unlisted technology (generality, strategic value) | ${p.unlistedTechnology.generality}, ${p.unlistedTechnology.strategicValue} |`,
    `| dimension share (deficit, destruction, response) | ${p.dimensionShare.DIVISION_OF_LABOUR_LOCK_IN}, ${p.dimensionShare.INDUSTRY_TRANSFER}, ${p.dimensionShare.SUPPORT_CAPACITY} |`,
    `| capability share (each) | ${p.capabilityShare.INNOVATION} |`,
    `| leadership from strategic value | ${p.leadershipMinStrategicValue} |`,
  ].join('\n');
}

describe('policies/README.md', () => {
  const readme = readFileSync(new URL('../../policies/README.md', import.meta.url), 'utf8');

  it('works its example with the numbers the function computes', () => {
    const photoresist = paperExamples.find((e) => e.name.startsWith('semiconductor photoresist'))!.input;
    expect(readme).toContain(renderWorkedExample(assessRisk(photoresist)));
  });

  it('lists the parameters of the version in force', () => {
    expect(readme).toContain(renderParameters());
  });
});
