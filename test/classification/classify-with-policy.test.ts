/**
 * Classification with the risk policy through the API (issue 7 §5): the seeded photoresist cut-off
 * is classified, the policy's result, inputs and version are stored with the case, an override needs
 * a reason and is audited, a HIGH grade keeps the case from concluding without in-depth review, and
 * reassessment after the knowledge base changes shows the difference without touching the stored
 * decision basis. Parties read none of it. Every request runs at a fixed instant.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { chainNodes } from '../../db/schema/knowledge.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { assessRisk, currentRiskPolicy, gradeAtLeast } from '../../policies/risk-policy.ts';
import { selectRows } from '../../src/database/database.ts';
import { loadRiskInput } from '../../src/domain/classification/risk-input.ts';
import { registerSupplier, reportSupplyLink } from '../../src/domain/knowledge/build-knowledge-base.ts';
import { systemActor } from '../../vocabulary/actor.ts';
import type { RiskGrade } from '../../vocabulary/terms.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// Working days in Beijing after the seed (Friday 20 November 2026).
const MON = new Date('2026-11-23T02:00:00.000Z');
const TUE = new Date('2026-11-24T02:00:00.000Z');
const instants = { MON, TUE };
type Instant = keyof typeof instants;

const OFFICER = 'officer@icsr.example';
const FIRM = 'rep@huaxin.example';

let database: TestDatabase;
const servers = {} as Record<Instant, TestServer>;
let cutoffId: string;
let gid: string;

async function as<T>(email: string, at: Instant, query: string, variables: Record<string, unknown> = {}) {
  const result = await servers[at].graphql<T>(query, variables, await bearerFor(database, email, instants[at]));
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

async function caseRow() {
  const [row] = await database.db.select().from(cases).where(eq(cases.id, cutoffId));
  return row!;
}

async function auditEntries() {
  return selectRows<{
    action: string;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
    reason: string;
  }>(
    database.db,
    sql`select action, before, after, reason from audit_entries where case_id = ${cutoffId} order by sequence`,
  );
}

const facts = {
  securityType: 'CAPABILITY_DEFICIT',
  keyDimension: 'UNECONOMICAL_ENTRY',
  capabilities: ['MANUFACTURING'],
  maturity: 'MATURE',
} as const;

/** What the policy says about the cut-off on the knowledge base as it stands at `at`. */
async function expectedAssessment(at: Date) {
  return assessRisk(await loadRiskInput(database.db, cutoffId, { ...facts, subject: 'SUPPLY_DISRUPTION' }, 'CN', at));
}

const classify = /* GraphQL */ `
  mutation($input: ClassifyCaseInput!) {
    classifyCase(input: $input) {
      __typename
      ... on CaseClassified {
        case {
          version riskGrade riskScore riskPolicyVersion riskOverrideReason strategy subStrategy
          riskExplanation {
            overridden confirmedGrade confirmedStrategy confirmedSubStrategy
            assessment { policyVersion score grade capped factors { factor points maxPoints explanation } proposal { strategy subStrategy } }
          }
        }
      }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }`;

interface Classified {
  classifyCase: {
    __typename: string;
    fieldErrors?: { field: string; message: string }[];
    case?: {
      version: number;
      riskGrade: RiskGrade;
      riskScore: number;
      riskPolicyVersion: string;
      riskOverrideReason: string | null;
      strategy: string;
      subStrategy: string | null;
      riskExplanation: {
        overridden: boolean;
        confirmedGrade: RiskGrade;
        assessment: { score: number; grade: RiskGrade; factors: { factor: string; points: number }[] };
      };
    };
  };
}

const riskView = /* GraphQL */ `
  query($id: ID!) {
    node(id: $id) {
      ... on Case {
        version riskGrade riskScore riskPolicyVersion riskOverrideReason
        riskExplanation { overridden assessment { score grade } }
        suggestedClassification { securityType keyDimension capabilities maturity explanation }
        riskReassessment {
          assessedAt gradeChanged differsFromConfirmedGrade scoreDelta strategyChanged policyVersionChanged
          current { score grade policyVersion nodes { nodeName effectiveSuppliers } }
          stored { assessedAt confirmedGrade overridden assessment { score grade } }
          factorChanges { factor before after }
          nodeChanges { nodeName measure before after }
        }
      }
    }
  }`;

interface RiskView {
  node: {
    version: number;
    riskGrade: RiskGrade | null;
    riskScore: number | null;
    riskPolicyVersion: string | null;
    riskOverrideReason: string | null;
    riskExplanation: { overridden: boolean; assessment: { score: number; grade: RiskGrade } } | null;
    suggestedClassification: Record<string, unknown> | null;
    riskReassessment: {
      gradeChanged: boolean;
      differsFromConfirmedGrade: boolean;
      scoreDelta: number;
      current: { score: number; grade: RiskGrade; policyVersion: string };
      stored: { assessedAt: string; confirmedGrade: RiskGrade; assessment: { score: number; grade: RiskGrade } };
      factorChanges: { factor: string; before: number; after: number }[];
      nodeChanges: { nodeName: string; measure: string; before: string | null; after: string | null }[];
    } | null;
  };
}

const view = (email: string, at: Instant) => as<RiskView>(email, at, riskView, { id: gid });

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  for (const [key, at] of Object.entries(instants) as [Instant, Date][]) {
    servers[key] = await startTestServer(database, { deps: { now: () => at } });
  }
  const [cutoff] = await database.db.select().from(cases).where(eq(cases.state, 'SCREENING'));
  cutoffId = cutoff!.id;
  gid = encodeGlobalID('Case', cutoffId);
});
afterAll(async () => {
  for (const server of Object.values(servers)) await server?.close();
  await database?.destroy();
});

describe('classifying with the risk policy', () => {
  it('suggests the classification from the subject before anything is graded', async () => {
    const { node } = await view(OFFICER, 'MON');
    expect(node.suggestedClassification).toMatchObject({
      securityType: 'CAPABILITY_RESPONSE',
      keyDimension: 'SUPPORT_CAPACITY',
      capabilities: ['MANUFACTURING', 'SUPPORT'],
      maturity: 'MATURE',
    });
    expect(node.riskReassessment).toBeNull();
    expect(node.riskExplanation).toBeNull();
  });

  it('refuses an override without a reason, and a reason without an override; writes nothing', async () => {
    const before = await caseRow();
    const audits = (await auditEntries()).length;
    const expected = await expectedAssessment(MON);
    const other: RiskGrade = expected.grade === 'LOW' ? 'MEDIUM' : 'LOW';
    const base = { caseId: gid, expectedVersion: before.version, ...facts, reason: 'Photoresist cut-off.' };
    const unexplained = await as<Classified>(OFFICER, 'MON', classify, { input: { ...base, riskGrade: other } });
    expect(unexplained.classifyCase.__typename).toBe('ValidationError');
    expect(unexplained.classifyCase.fieldErrors!.map((e) => e.field)).toEqual(['overrideReason']);
    expect(unexplained.classifyCase.fieldErrors![0]!.message).toContain(expected.grade);
    const needless = await as<Classified>(OFFICER, 'MON', classify, {
      input: { ...base, riskGrade: expected.grade, overrideReason: 'No reason to give.' },
    });
    expect(needless.classifyCase.fieldErrors!.map((e) => e.field)).toEqual(['overrideReason']);
    expect(await caseRow()).toEqual(before);
    expect((await auditEntries()).length).toBe(audits);
  });

  it('stores the policy’s score, grade, factors, proposal and version with the case, audited', async () => {
    const before = await caseRow();
    const audits = (await auditEntries()).length;
    const expected = await expectedAssessment(MON);
    // The paper's photoresist example: general-purpose, strategic, scarce.
    expect(gradeAtLeast(expected.grade, 'HIGH')).toBe(true);

    const result = await as<Classified>(OFFICER, 'MON', classify, {
      input: { caseId: gid, expectedVersion: before.version, ...facts, reason: 'Photoresist cut-off.' },
    });
    expect(result.classifyCase.__typename).toBe('CaseClassified');
    const stored = result.classifyCase.case!;
    expect(stored).toMatchObject({
      version: before.version + 1,
      riskGrade: expected.grade,
      riskScore: expected.score,
      riskPolicyVersion: currentRiskPolicy.version,
      riskOverrideReason: null,
      strategy: 'GRADIENT_CULTIVATION',
      subStrategy: 'ASYMMETRIC_ADVANTAGE',
      riskExplanation: {
        overridden: false,
        confirmedGrade: expected.grade,
        assessment: { score: expected.score, grade: expected.grade },
      },
    });
    expect(stored.riskExplanation.assessment.factors.map((f) => [f.factor, f.points])).toEqual(
      expected.factors.map((f) => [f.factor, f.points]),
    );

    const entries = await auditEntries();
    expect(entries).toHaveLength(audits + 1);
    expect(entries.at(-1)).toMatchObject({
      action: 'case.classify',
      after: {
        riskGrade: expected.grade,
        overridden: false,
        policy: { version: currentRiskPolicy.version, grade: expected.grade, subStrategy: 'ASYMMETRIC_ADVANTAGE' },
      },
      before: { riskGrade: null },
    });
  });

  it('keeps a HIGH case from concluding in general review (the regime’s in-depth threshold)', async () => {
    const started = await as<{ startReview: { __typename: string } }>(
      OFFICER,
      'MON',
      `mutation($input: CaseActionInput!) { startReview(input: $input) { __typename } }`,
      { input: { caseId: gid, expectedVersion: (await caseRow()).version } },
    );
    expect(started.startReview.__typename).toBe('CaseTransitioned');
    const proposed = await as<{ proposeDecision: { __typename: string; message: string } }>(
      OFFICER,
      'MON',
      `mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { __typename ... on Error { message } } }`,
      {
        input: {
          caseId: gid,
          expectedVersion: (await caseRow()).version,
          outcome: 'CLEARED',
          reasons: 'Nothing to act on.',
          noticeText: 'Cleared.',
        },
      },
    );
    expect(proposed.proposeDecision).toMatchObject({ __typename: 'InvalidTransition' });
    expect(proposed.proposeDecision.message).toContain('in-depth');
  });

  it('reassesses on today’s knowledge base and shows the difference without overwriting the stored result', async () => {
    // TEST SETUP: Jinghua reports a second, diversified supplier list for photoresist.
    const [photoresist] = await database.db.select().from(chainNodes).where(eq(chainNodes.code, 'PHOTORESIST'));
    const [jinghua] = await database.db.select().from(organizations).where(eq(organizations.code, 'JINGHUA-PR'));
    await database.db.transaction(async (tx) => {
      const seed = systemActor('test');
      for (const [name, country] of [
        ['Dongjin Semichem', 'KR'],
        ['DuPont Electronics', 'US'],
        ['Merck Electronics', 'DE'],
        ['Xuzhou Bokang', 'CN'],
        ['Red Avenue New Materials', 'CN'],
      ] as const) {
        const supplier = await registerSupplier(tx, seed, { name, country }, TUE);
        await reportSupplyLink(
          tx,
          seed,
          { nodeId: photoresist!.id, supplierId: supplier.id, share: 20, reportedByOrganizationId: jinghua!.id },
          TUE,
        );
      }
    });
    const before = await caseRow();
    const audits = (await auditEntries()).length;
    const storedScore = before.riskScore!;
    const now = await expectedAssessment(TUE);

    const { node } = await view(OFFICER, 'TUE');
    const reassessment = node.riskReassessment!;
    expect(reassessment.current).toMatchObject({
      score: now.score,
      grade: now.grade,
      policyVersion: currentRiskPolicy.version,
    });
    expect(reassessment.stored).toMatchObject({
      assessedAt: MON.toISOString(),
      confirmedGrade: before.riskGrade,
      assessment: { score: storedScore },
    });
    expect(reassessment.scoreDelta).toBeCloseTo(now.score - storedScore, 2);
    expect(reassessment.scoreDelta).toBeLessThan(0);
    expect(reassessment.gradeChanged).toBe(now.grade !== before.riskGrade);
    expect(reassessment.factorChanges.map((f) => f.factor)).toContain('CAPABILITY_EXPOSURE');
    expect(reassessment.nodeChanges).toContainEqual(
      expect.objectContaining({ nodeName: 'Photoresist', measure: 'effectiveSuppliers' }),
    );
    // The decision basis is untouched: same row, same version, no audit entry.
    expect(node).toMatchObject({ riskScore: storedScore, riskGrade: before.riskGrade });
    expect(await caseRow()).toEqual(before);
    expect((await auditEntries()).length).toBe(audits);
  });

  it('lets the officer override the grade with a reason, audits it, and the regime reads the confirmed grade', async () => {
    const before = await caseRow();
    const audits = (await auditEntries()).length;
    const policy = await expectedAssessment(TUE);
    expect(policy.grade).not.toBe('LOW');
    const overrideReason = 'A domestic qualification programme covers the 28 nm lines within the review period.';
    const result = await as<Classified>(OFFICER, 'TUE', classify, {
      input: {
        caseId: gid,
        expectedVersion: before.version,
        ...facts,
        riskGrade: 'LOW',
        overrideReason,
        reason: 'Reclassified on the new supplier list.',
      },
    });
    expect(result.classifyCase.case).toMatchObject({
      riskGrade: 'LOW',
      riskScore: policy.score,
      riskOverrideReason: overrideReason,
      riskExplanation: { overridden: true, confirmedGrade: 'LOW', assessment: { grade: policy.grade } },
    });
    const entries = await auditEntries();
    expect(entries).toHaveLength(audits + 2);
    expect(entries.at(-2)).toMatchObject({ action: 'case.classify', after: { riskGrade: 'LOW', overridden: true } });
    expect(entries.at(-1)).toMatchObject({
      action: 'case.risk_override',
      reason: overrideReason,
      before: { grade: policy.grade },
      after: { grade: 'LOW' },
    });

    // With the confirmed grade LOW, general review may conclude: the proposal is accepted.
    const proposed = await as<{ proposeDecision: { __typename: string; message?: string } }>(
      OFFICER,
      'TUE',
      `mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { __typename ... on Error { message } } }`,
      {
        input: {
          caseId: gid,
          expectedVersion: (await caseRow()).version,
          outcome: 'CLEARED',
          reasons: 'Supply is being qualified at home.',
          noticeText: 'Cleared.',
        },
      },
    );
    expect(proposed.proposeDecision.__typename, proposed.proposeDecision.message).toBe('DecisionAction');
  });

  it('shows parties none of it', async () => {
    const { node } = await view(FIRM, 'TUE');
    expect(node).toMatchObject({
      riskGrade: null,
      riskScore: null,
      riskPolicyVersion: null,
      riskOverrideReason: null,
      riskExplanation: null,
      riskReassessment: null,
      suggestedClassification: null,
    });
    const office = await view(OFFICER, 'TUE');
    expect(office.node.riskOverrideReason).not.toBeNull();
  });
});
