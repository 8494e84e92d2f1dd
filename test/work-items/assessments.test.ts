/** The assessment lifecycle through the API: invitation, conflicts per person, report, return, endorsement. */
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { clocks } from '../../db/schema/clocks.ts';
import { outbox } from '../../db/schema/messaging.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { assessments } from '../../db/schema/work-items.ts';
import { verifyAuditTrail } from '../../src/domain/audit/verify-audit-trail.ts';
import { systemActor } from '../../vocabulary/actor.ts';
import { assessmentWorkflow } from '../../workflows/assessment.workflow.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
let caseId: string;
let caseGid: string;
const orgGid: Record<string, string> = {};

const acquisitionTitle = 'Proposed acquisition of Dongfang EDA Software by Meridian Capital Partners';

type Outcome = {
  __typename: string;
  message?: string;
  to?: string;
  from?: string | null;
  assessment?: { id: string; state: string; version: number } | null;
  fieldErrors?: { field: string }[];
  currentState?: string;
  currentVersion?: number;
};

const changed = `__typename ... on AssessmentChanged { from to assessment { id state version } }
  ... on StaleVersion { currentVersion } ... on ValidationError { fieldErrors { field } } ... on InvalidTransition { currentState } ... on Error { message }`;

async function as<T>(email: string, query: string, variables: Record<string, unknown> = {}) {
  const result = await server.graphql<T>(query, variables, await bearerFor(database, email));
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const invite = (email: string, instituteCode: string) =>
  as<{ inviteInstitute: Outcome }>(
    email,
    `mutation($input: InviteInstituteInput!) { inviteInstitute(input: $input) { ${changed} } }`,
    { input: { caseId: caseGid, instituteId: orgGid[instituteCode], termsOfReference: 'Assess EDA capability loss.' } },
  ).then((d) => d.inviteInstitute);

const step = (email: string, field: string, inputType: string, input: Record<string, unknown>) =>
  as<Record<string, Outcome>>(email, `mutation($input: ${inputType}!) { ${field}(input: $input) { ${changed} } }`, {
    input,
  }).then((d) => d[field]!);

const declare = (email: string, assessmentId: string, hasConflict: boolean) =>
  as<{ declareConflict: Outcome & { hasConflict?: boolean } }>(
    email,
    `mutation($input: DeclareConflictInput!) { declareConflict(input: $input) {
      __typename ... on ConflictDeclared { hasConflict } ... on Error { message } } }`,
    { input: { assessmentId, hasConflict, statement: hasConflict ? 'Advised the acquirer in 2025.' : 'None.' } },
  ).then((d) => d.declareConflict);

const report = (assessmentId: string, expectedVersion: number, text: string) => ({
  assessmentId,
  expectedVersion,
  report: text,
  capabilityScores: { INNOVATION: 4, MANUFACTURING: 2, SUPPORT: 3, REGULATORY: 1 },
  recommendedStrategy: 'DEFENCE',
  recommendedSubStrategy: 'INDUSTRIAL_COMMONS',
});

/** The events `email` could send to an assessment now, as the API lists them (null: not visible). */
const actionsOn = (email: string, assessmentId: string) =>
  as<{ node: { availableActions: { event: string; possible: boolean; reasonRequired: boolean }[] } | null }>(
    email,
    'query($id: ID!) { node(id: $id) { ... on Assessment { availableActions { event possible reasonRequired } } } }',
    { id: assessmentId },
  ).then((d) => d.node?.availableActions ?? null);

const assessmentsOf = (email: string) =>
  as<{ node: { assessments: { id: string; state: string; report: string | null }[] } | null }>(
    email,
    'query($id: ID!) { node(id: $id) { ... on Case { assessments { id state report } } } }',
    { id: caseGid },
  ).then((d) => d.node);

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database);
  const [row] = await database.db.select().from(cases).where(eq(cases.title, acquisitionTitle));
  caseId = row!.id;
  caseGid = encodeGlobalID('Case', caseId);
  for (const org of await database.db.select().from(organizations)) {
    orgGid[org.code] = encodeGlobalID('Organization', org.id);
  }
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

describe('an assessment', () => {
  let ciie: { id: string; version: number };
  let icrs: { id: string; version: number };

  it('is not invited before the review starts, nor by a firm', async () => {
    expect((await invite('officer@icsr.example', 'CIIE')).__typename).toBe('InvalidTransition');
    expect((await invite('rep@meridian.example', 'CIIE')).__typename).toBe('Forbidden');
    expect(await database.db.$count(assessments)).toBe(0);
  });

  it('is invited by the officer once the case is in REVIEW', async () => {
    // The case reaches REVIEW through the API; its risk grade is set directly here, since grading is
    // another feature's mutation (the START_REVIEW guard only asks that a grade is recorded).
    await database.db.execute(sql`update cases set risk_score = 40, risk_grade = 'MEDIUM' where id = ${caseId}`);
    const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    const started = await as<{ startReview: { __typename: string } }>(
      'officer@icsr.example',
      'mutation($input: CaseActionInput!) { startReview(input: $input) { __typename } }',
      { input: { caseId: caseGid, expectedVersion: row!.version } },
    );
    expect(started.startReview.__typename).toBe('CaseTransitioned');

    const first = await invite('officer@icsr.example', 'CIIE');
    expect(first).toMatchObject({ __typename: 'AssessmentChanged', from: null, to: 'INVITED' });
    ciie = first.assessment!;
    const second = await invite('lead@icsr.example', 'ICRS');
    icrs = second.assessment!;
    expect(second.to).toBe('INVITED');
    expect((await invite('officer@icsr.example', 'CIIE')).__typename).toBe('Conflict');
    expect((await invite('officer@icsr.example', 'MIIT')).fieldErrors).toEqual([{ field: 'instituteId' }]);
  });

  it('cannot be accepted by an assessor who declared a conflict: the case then reads as not found', async () => {
    expect((await assessmentsOf('assessor@icrs.example'))!.assessments.map((a) => a.id)).toEqual([icrs.id]);
    expect(await declare('assessor@icrs.example', icrs.id, true)).toEqual({
      __typename: 'ConflictDeclared',
      hasConflict: true,
    });
    expect(await assessmentsOf('assessor@icrs.example')).toBeNull();
    const accepted = await step('assessor@icrs.example', 'acceptAssessment', 'AssessmentActionInput', {
      assessmentId: icrs.id,
      expectedVersion: icrs.version,
    });
    expect(accepted.__typename).toBe('NotFound');
    expect((await declare('assessor@icrs.example', icrs.id, false)).__typename).toBe('NotFound');
  });

  it('is accepted only after the assessor declared no conflict, once per person', async () => {
    const early = await step('assessor@ciie.example', 'acceptAssessment', 'AssessmentActionInput', {
      assessmentId: ciie.id,
      expectedVersion: ciie.version,
    });
    expect(early.__typename).toBe('InvalidTransition');
    const declared = (email: string) =>
      as<{ node: { assessments: { declaredByYou: boolean }[] } }>(
        email,
        'query($id: ID!) { node(id: $id) { ... on Case { assessments { declaredByYou } } } }',
        { id: caseGid },
      ).then((d) => d.node.assessments.map((a) => a.declaredByYou));
    expect(await declared('assessor@ciie.example')).toEqual([false]);
    expect((await declare('assessor@ciie.example', ciie.id, false)).__typename).toBe('ConflictDeclared');
    // The console asks whether the person has declared; it is their own declaration, nobody else's.
    expect(await declared('assessor@ciie.example')).toEqual([true]);
    expect(await declared('officer@icsr.example')).toEqual([false, false]);
    expect((await declare('assessor@ciie.example', ciie.id, false)).__typename).toBe('Conflict');
    // Another institute's assessment does not exist for this assessor.
    expect((await declare('assessor@ciie.example', icrs.id, false)).__typename).toBe('NotFound');
    const accepted = await step('assessor@ciie.example', 'acceptAssessment', 'AssessmentActionInput', {
      assessmentId: ciie.id,
      expectedVersion: ciie.version,
    });
    expect(accepted).toMatchObject({ __typename: 'AssessmentChanged', from: 'INVITED', to: 'ACCEPTED' });
    ciie = accepted.assessment!;
  });

  it('is submitted, returned with reasons, resubmitted and endorsed', async () => {
    const wrongSub = await step('assessor@ciie.example', 'submitAssessment', 'SubmitAssessmentInput', {
      ...report(ciie.id, ciie.version, 'Draft'),
      recommendedSubStrategy: 'RESILIENCE',
    });
    expect(wrongSub.fieldErrors).toEqual([{ field: 'recommendedSubStrategy' }]);
    const badScore = await step('assessor@ciie.example', 'submitAssessment', 'SubmitAssessmentInput', {
      ...report(ciie.id, ciie.version, 'Draft'),
      capabilityScores: { INNOVATION: 6, MANUFACTURING: 2, SUPPORT: 3, REGULATORY: 1 },
    });
    expect(badScore.fieldErrors).toEqual([{ field: 'capabilityScores.INNOVATION' }]);

    const submitted = await step(
      'assessor@ciie.example',
      'submitAssessment',
      'SubmitAssessmentInput',
      report(ciie.id, ciie.version, 'First report.'),
    );
    expect(submitted).toMatchObject({ from: 'ACCEPTED', to: 'SUBMITTED' });
    // A report has arrived: the office endorses or returns it, and can no longer withdraw the invitation.
    expect((await actionsOn('officer@icsr.example', ciie.id))!.map((a) => a.event)).toEqual([
      'ENDORSE',
      'RETURN_FOR_REVISION',
    ]);
    const reported = await step('officer@icsr.example', 'withdrawAssessment', 'AssessmentReasonInput', {
      assessmentId: ciie.id,
      expectedVersion: submitted.assessment!.version,
      reason: 'Too late to withdraw.',
    });
    expect(reported).toMatchObject({ __typename: 'InvalidTransition', currentState: 'SUBMITTED' });
    const noReason = await step('officer@icsr.example', 'returnAssessment', 'AssessmentReasonInput', {
      assessmentId: ciie.id,
      expectedVersion: submitted.assessment!.version,
      reason: ' ',
    });
    expect(noReason.fieldErrors).toEqual([{ field: 'reason' }]);
    const byAssessor = await step('assessor@ciie.example', 'endorseAssessment', 'AssessmentActionInput', {
      assessmentId: ciie.id,
      expectedVersion: submitted.assessment!.version,
    });
    expect(byAssessor.__typename).toBe('Forbidden');
    const returned = await step('officer@icsr.example', 'returnAssessment', 'AssessmentReasonInput', {
      assessmentId: ciie.id,
      expectedVersion: submitted.assessment!.version,
      reason: 'Quantify the manufacturing impact.',
    });
    expect(returned).toMatchObject({ from: 'SUBMITTED', to: 'RETURNED' });
    const stale = await step(
      'assessor@ciie.example',
      'submitAssessment',
      'SubmitAssessmentInput',
      report(ciie.id, submitted.assessment!.version, 'Stale.'),
    );
    expect(stale.__typename).toBe('StaleVersion');
    const resubmitted = await step(
      'assessor@ciie.example',
      'submitAssessment',
      'SubmitAssessmentInput',
      report(ciie.id, returned.assessment!.version, 'Revised report.'),
    );
    expect(resubmitted).toMatchObject({ from: 'RETURNED', to: 'SUBMITTED' });
    const endorsed = await step('officer@icsr.example', 'endorseAssessment', 'AssessmentActionInput', {
      assessmentId: ciie.id,
      expectedVersion: resubmitted.assessment!.version,
    });
    expect(endorsed).toMatchObject({ from: 'SUBMITTED', to: 'ENDORSED' });
    // A second officer who read the submitted report sends its version: version first, although
    // ENDORSED would refuse a return anyway; the answer is "re-read", with the current version.
    const late = await step('officer@icsr.example', 'returnAssessment', 'AssessmentReasonInput', {
      assessmentId: ciie.id,
      expectedVersion: resubmitted.assessment!.version,
      reason: 'Also quantify support capacity.',
    });
    expect(late).toMatchObject({ __typename: 'StaleVersion', currentVersion: endorsed.assessment!.version });

    const [row] = await database.db
      .select()
      .from(assessments)
      .where(eq(assessments.id, decodeGlobalID(ciie.id).id));
    expect(row).toMatchObject({
      state: 'ENDORSED',
      report: 'Revised report.',
      capabilityScores: { INNOVATION: 4, MANUFACTURING: 2, SUPPORT: 3, REGULATORY: 1 },
      recommendedStrategy: 'DEFENCE',
      returnReason: 'Quantify the manufacturing impact.',
    });
    expect(await verifyAuditTrail(database.db, systemActor('test'), { caseId })).toMatchObject({ valid: true });
  });

  it('is seen by the office and its own assessor; never by a firm party', async () => {
    expect((await assessmentsOf('officer@icsr.example'))!.assessments).toHaveLength(2);
    expect((await assessmentsOf('auditor@icsr.example'))!.assessments).toHaveLength(2);
    const own = (await assessmentsOf('assessor@ciie.example'))!.assessments;
    expect(own).toEqual([{ id: ciie.id, state: 'ENDORSED', report: 'Revised report.' }]);
    expect((await assessmentsOf('rep@meridian.example'))!.assessments).toEqual([]);
    const node = await as<{ node: unknown }>('rep@meridian.example', 'query($id: ID!) { node(id: $id) { id } }', {
      id: ciie.id,
    });
    expect(node.node).toBeNull();
  });

  describe('when the invited institute cannot take it up (its only assessor is conflicted)', () => {
    const proposal = (reason?: string) =>
      caseVersion().then((expectedVersion) =>
        as<{ proposeDecision: { __typename: string; blockedReason?: string } }>(
          'officer@icsr.example',
          `mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) {
            __typename ... on InvalidTransition { blockedReason } } }`,
          {
            input: {
              caseId: caseGid,
              expectedVersion,
              outcome: 'CLEARED',
              reasons: 'Internal reasons.',
              noticeText: 'Cleared.',
              ...(reason ? { reason } : {}),
            },
          },
        ),
      );
    const proposeAction = () =>
      as<{ node: { availableActions: { event: string; possible: boolean; reasonRequired: boolean }[] } }>(
        'officer@icsr.example',
        'query($id: ID!) { node(id: $id) { ... on Case { availableActions { event possible reasonRequired } } } }',
        { id: caseGid },
      ).then((d) => d.node.availableActions.find((a) => a.event === 'PROPOSE_DECISION'));

    it('counts the dead invitation as open work: a proposal then needs a reason, and the API says so', async () => {
      expect(await proposeAction()).toEqual({ event: 'PROPOSE_DECISION', possible: true, reasonRequired: true });
      // Nothing is written by the refused proposal (the transaction rolls back).
      const refused = await proposal();
      expect(refused.proposeDecision).toEqual({ __typename: 'InvalidTransition', blockedReason: 'OPEN_WORK_ITEMS' });
    });

    it('lets the institute decline as a whole once all its assessors are conflicted', async () => {
      const declined = await step('assessor@icrs.example', 'declineAssessment', 'AssessmentReasonInput', {
        assessmentId: icrs.id,
        expectedVersion: icrs.version,
        reason: 'Every assessor of the institute is conflicted.',
      });
      expect(declined).toMatchObject({ __typename: 'AssessmentChanged', from: 'INVITED', to: 'DECLINED' });
    });

    it('lets the office withdraw an invitation with reasons: the institute is told, its clock stops', async () => {
      const again = await invite('officer@icsr.example', 'ICRS');
      expect(again.to).toBe('INVITED');
      const unreasoned = await step('officer@icsr.example', 'withdrawAssessment', 'AssessmentReasonInput', {
        assessmentId: again.assessment!.id,
        expectedVersion: again.assessment!.version,
        reason: ' ',
      });
      expect(unreasoned.fieldErrors).toEqual([{ field: 'reason' }]);
      // The conflicted assessor does not see the case at all; an auditor sees it but only reads.
      for (const [email, refusal] of [
        ['assessor@icrs.example', 'NotFound'],
        ['auditor@icsr.example', 'Forbidden'],
      ] as const) {
        const outcome = await step(email, 'withdrawAssessment', 'AssessmentReasonInput', {
          assessmentId: again.assessment!.id,
          expectedVersion: again.assessment!.version,
          reason: 'Not ours to withdraw.',
        });
        expect(outcome.__typename, email).toBe(refusal);
      }
      const withdrawn = await step('officer@icsr.example', 'withdrawAssessment', 'AssessmentReasonInput', {
        assessmentId: again.assessment!.id,
        expectedVersion: again.assessment!.version,
        reason: 'The institute has no assessor free of conflict; another institute will be asked.',
      });
      expect(withdrawn).toMatchObject({ __typename: 'AssessmentChanged', from: 'INVITED', to: 'WITHDRAWN' });
      const { id } = decodeGlobalID(again.assessment!.id);
      // (CN_CSR sets no assessment limit; where a regime does, WITHDRAW stops the item's clock.)
      const running = await database.db
        .select()
        .from(clocks)
        .where(and(eq(clocks.ownerKind, 'ASSESSMENT'), eq(clocks.ownerId, id), isNull(clocks.stoppedAt)));
      expect(running).toEqual([]);
      expect(assessmentWorkflow.transitions.find((t) => t.event === 'WITHDRAW')!.effects).toContainEqual({
        kind: 'stopClock',
        phase: 'ASSESSMENT',
      });
      const notices = await database.db.select().from(outbox).where(eq(outbox.caseId, caseId));
      expect(notices.some((n) => (n.payload as { template?: string }).template === 'assessment.withdrawn')).toBe(true);
      // Nothing is open any more: the proposal needs no reason.
      expect(await proposeAction()).toEqual({ event: 'PROPOSE_DECISION', possible: true, reasonRequired: false });
      expect((await proposal()).proposeDecision.__typename).toBe('DecisionAction');
    });
  });
});

describe('an accepted assessment whose report has not arrived', () => {
  it('is withdrawn by the office with reasons: the institute is told, its clock stops, another is invited', async () => {
    // The seeded capability-gap case is under review.
    const [gap] = await database.db.select().from(cases).where(eq(cases.subject, 'CAPABILITY_GAP'));
    const gapGid = encodeGlobalID('Case', gap!.id);
    const inviteOnGap = (institute: string) =>
      as<{ inviteInstitute: Outcome }>(
        'officer@icsr.example',
        `mutation($input: InviteInstituteInput!) { inviteInstitute(input: $input) { ${changed} } }`,
        { input: { caseId: gapGid, instituteId: orgGid[institute], termsOfReference: 'Assess the scanner gap.' } },
      ).then((d) => d.inviteInstitute);
    const invited = (await inviteOnGap('CIIE')).assessment!;
    expect((await declare('assessor@ciie.example', invited.id, false)).__typename).toBe('ConflictDeclared');
    // The institute's actions: accept or decline; the office's: withdraw, with reasons.
    expect(await actionsOn('assessor@ciie.example', invited.id)).toEqual([
      { event: 'ACCEPT', possible: true, reasonRequired: false },
      { event: 'DECLINE', possible: true, reasonRequired: false },
    ]);
    const accepted = await step('assessor@ciie.example', 'acceptAssessment', 'AssessmentActionInput', {
      assessmentId: invited.id,
      expectedVersion: invited.version,
    });
    expect(accepted).toMatchObject({ from: 'INVITED', to: 'ACCEPTED' });
    expect(await actionsOn('officer@icsr.example', accepted.assessment!.id)).toEqual([
      { event: 'WITHDRAW', possible: true, reasonRequired: true },
    ]);
    // Those the design does not entitle see nothing to do, and are refused.
    expect(await actionsOn('auditor@icsr.example', accepted.assessment!.id)).toEqual([]);
    const byAssessor = await step('assessor@ciie.example', 'withdrawAssessment', 'AssessmentReasonInput', {
      assessmentId: accepted.assessment!.id,
      expectedVersion: accepted.assessment!.version,
      reason: 'Not ours to withdraw.',
    });
    expect(byAssessor.__typename).toBe('Forbidden');

    const withdrawn = await step('lead@icsr.example', 'withdrawAssessment', 'AssessmentReasonInput', {
      assessmentId: accepted.assessment!.id,
      expectedVersion: accepted.assessment!.version,
      reason: 'The institute cannot report before the review ends.',
    });
    expect(withdrawn).toMatchObject({ __typename: 'AssessmentChanged', from: 'ACCEPTED', to: 'WITHDRAWN' });
    const { id } = decodeGlobalID(accepted.assessment!.id);
    const running = await database.db
      .select()
      .from(clocks)
      .where(and(eq(clocks.ownerKind, 'ASSESSMENT'), eq(clocks.ownerId, id), isNull(clocks.stoppedAt)));
    expect(running).toEqual([]);
    const notices = await database.db.select().from(outbox).where(eq(outbox.caseId, gap!.id));
    expect(
      notices.filter((n) => (n.payload as { template?: string }).template === 'assessment.withdrawn'),
    ).toHaveLength(1);
    // The institute no longer sees the case it accepted.
    const seen = await as<{ node: unknown }>('assessor@ciie.example', 'query($id: ID!) { node(id: $id) { id } }', {
      id: gapGid,
    });
    expect(seen.node).toBeNull();
    // Final: nothing more to do on it, and another institute may be invited.
    expect(await actionsOn('officer@icsr.example', withdrawn.assessment!.id)).toEqual([]);
    expect((await inviteOnGap('ICRS')).to).toBe('INVITED');
  });
});

async function caseVersion() {
  const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
  return row!.version;
}
