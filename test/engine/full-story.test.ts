/**
 * The whole story in one test, through the API as each actor: a firm's filing is screened and
 * reviewed, two departments give opinions (one objects → in-depth review), an institute submits an
 * assessment, information is requested and answered, a decision with conditions is proposed and
 * approved by another person, the firm appeals, the panel remits, the case is reviewed and decided
 * again, monitored and closed — and the audit chain verifies, each actor having seen only what
 * design §2 allows.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { clocks } from '../../db/schema/clocks.ts';
import { organizations, people } from '../../db/schema/organizations.ts';
import { verifyAuditTrail } from '../../src/domain/audit/verify-audit-trail.ts';
import { applyCaseEvent } from '../../src/domain/engine/apply-case-event.ts';
import { systemActor } from '../../vocabulary/actor.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
/** The server's instant; the story moves it forward a working day at a time. */
let clock = new Date('2026-11-23T02:00:00.000Z');
const nextDay = () => {
  clock = new Date(clock.getTime() + 86_400_000);
};
let caseId: string;
let caseGid: string;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database, { deps: { now: () => clock } });
  const [filing] = await database.db.select().from(cases).where(eq(cases.state, 'SUBMITTED'));
  caseId = filing!.id;
  caseGid = encodeGlobalID('Case', caseId);
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

type Data = Record<string, unknown> & { __typename: string; message?: string };

async function call(email: string, document: string, variables: Record<string, unknown>): Promise<Data> {
  const result = await server.graphql<Record<string, Data>>(
    document,
    variables,
    await bearerFor(database, email, clock),
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return Object.values(result.data!)[0]!;
}

/** A mutation `field(input: $input)`; expects the named payload type and returns the payload. */
async function mutate(
  email: string,
  field: string,
  inputType: string,
  input: Record<string, unknown>,
  selection: string,
  payload: string,
) {
  const data = await call(
    email,
    `mutation($input: ${inputType}!) { ${field}(input: $input) { __typename ... on ${payload} { ${selection} } ... on Error { message } } }`,
    { input },
  );
  expect(data.__typename, `${field}: ${data.message ?? ''}`).toBe(payload);
  return data;
}

async function version() {
  const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
  return row!.version;
}

const caseAction = async (email: string, field: string, reason?: string) =>
  mutate(
    email,
    field,
    'CaseActionInput',
    { caseId: caseGid, expectedVersion: await version(), ...(reason ? { reason } : {}) },
    'to',
    'CaseTransitioned',
  );

async function orgId(code: string) {
  const [row] = await database.db.select().from(organizations).where(eq(organizations.code, code));
  return encodeGlobalID('Organization', row!.id);
}

async function personId(email: string) {
  const [row] = await database.db.select().from(people).where(eq(people.email, email));
  return encodeGlobalID('Person', row!.id);
}

async function state() {
  const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
  return row!.state;
}

/** What `email` sees of the case's file: null when the case itself is invisible to them. */
async function view(email: string) {
  const data = await server.graphql<{ node: Record<string, unknown> | null }>(
    `query($id: ID!) { node(id: $id) { ... on Case {
        state riskGrade consultations { department { code } opinion } assessments { id }
        decisions { state reasons noticeText } } } }`,
    { id: caseGid },
    await bearerFor(database, email, clock),
  );
  expect(data.errors).toBeUndefined();
  return data.data!.node;
}

async function proposeAndApprove(outcome: string) {
  nextDay();
  const proposed = await mutate(
    'officer@icsr.example',
    'proposeDecision',
    'ProposeDecisionInput',
    {
      caseId: caseGid,
      expectedVersion: await version(),
      outcome,
      strategy: 'DEFENCE',
      subStrategy: 'MOTHER_FACTORY',
      reasons: 'INTERNAL: process development must stay at home (mother factory).',
      noticeText: 'Cleared on condition that process development stays in China.',
      conditions: [
        {
          description: 'Keep process development in China for five years.',
          ownerOrganizationId: await orgId('HUAXIN-IC'),
          dueOn: '2027-06-30',
        },
      ],
    },
    'decision { id }',
    'DecisionAction',
  );
  const decisionId = (proposed.decision as { id: string }).id;
  // The right to be heard: the conditions are disclosed to the parties, who answer.
  const requested = await call(
    'officer@icsr.example',
    'mutation($id: ID!) { requestRepresentations(decisionId: $id) { __typename ... on RepresentationsRequested { requests { id version } } ... on Error { message } } }',
    { id: decisionId },
  );
  expect(requested.__typename, requested.message).toBe('RepresentationsRequested');
  nextDay();
  for (const request of requested.requests as { id: string; version: number }[]) {
    await mutate(
      'rep@huaxin.example',
      'submitRepresentation',
      'SubmitRepresentationInput',
      {
        representationRequestId: request.id,
        expectedVersion: request.version,
        representation: 'We accept the condition.',
      },
      'request { state }',
      'RepresentationSubmitted',
    );
  }
  // Four eyes: the proposer cannot approve; a lead reviewer who did not propose does.
  nextDay();
  await mutate(
    'lead@icsr.example',
    'approveDecision',
    'DecisionCaseInput',
    { caseId: caseGid, expectedVersion: await version() },
    'case { state }',
    'DecisionAction',
  );
}

it('runs a case from filing through appeal to closure', { timeout: 120_000 }, async () => {
  // Screening: accept, classify, review.
  await caseAction('officer@icsr.example', 'acceptFiling');
  nextDay();
  await mutate(
    'officer@icsr.example',
    'classifyCase',
    'ClassifyCaseInput',
    {
      caseId: caseGid,
      expectedVersion: await version(),
      securityType: 'CAPABILITY_DESTRUCTION',
      keyDimension: 'INDUSTRY_TRANSFER',
      capabilities: ['MANUFACTURING'],
      maturity: 'MATURE',
      strategy: 'DEFENCE',
      subStrategy: 'MOTHER_FACTORY',
      reason: 'A relocation of packaging capacity: industry transfer.',
    },
    'case { state }',
    'CaseClassified',
  );
  await caseAction('officer@icsr.example', 'startReview');
  expect(await state()).toBe('REVIEW');

  // Two departments are consulted; MIIT objects.
  nextDay();
  const consulted = await mutate(
    'officer@icsr.example',
    'requestConsultations',
    'RequestConsultationsInput',
    {
      caseId: caseGid,
      expectedVersion: await version(),
      departmentIds: [await orgId('MIIT'), await orgId('NDRC')],
      question: 'Does the relocation erode a capability?',
    },
    'consultations { id version department { code } }',
    'ConsultationsRequested',
  );
  const byDepartment = Object.fromEntries(
    (consulted.consultations as { id: string; version: number; department: { code: string } }[]).map((c) => [
      c.department.code,
      c,
    ]),
  );
  nextDay();
  for (const [email, code, opinion] of [
    ['liaison@miit.example', 'MIIT', 'OBJECT'],
    ['liaison@ndrc.example', 'NDRC', 'CONCUR'],
  ] as const) {
    await mutate(
      email,
      'respondToConsultation',
      'RespondToConsultationInput',
      {
        consultationId: byDepartment[code]!.id,
        expectedVersion: byDepartment[code]!.version,
        opinion,
        rationale: `${code}'s reasons.`,
      },
      'consultation { state }',
      'ConsultationResponded',
    );
  }
  // An objection sends the case to in-depth review: the officer's actions say so before anyone tries.
  const actions = await call(
    'officer@icsr.example',
    'query($id: ID!) { node(id: $id) { ... on Case { state availableActions { event possible blockedReason reason } } } }',
    { id: caseGid },
  );
  expect(actions).toEqual({
    state: 'REVIEW',
    availableActions: [
      { event: 'ESCALATE_TO_IN_DEPTH', possible: true, blockedReason: null, reason: null },
      { event: 'EXTEND_PHASE', possible: true, blockedReason: null, reason: null },
      {
        event: 'PROPOSE_DECISION',
        possible: false,
        blockedReason: 'DEPARTMENT_OBJECTED',
        reason: 'a department objected: the case must pass through in-depth review',
      },
      { event: 'WITHDRAW', possible: true, blockedReason: null, reason: null },
    ],
  });
  await caseAction('officer@icsr.example', 'escalateToInDepth');

  // An institute assesses; its assessor declares no conflict first.
  nextDay();
  const invited = await mutate(
    'officer@icsr.example',
    'inviteInstitute',
    'InviteInstituteInput',
    {
      caseId: caseGid,
      instituteId: await orgId('CIIE'),
      termsOfReference: 'Assess the packaging capability at stake.',
    },
    'assessment { id version }',
    'AssessmentChanged',
  );
  const assessment = invited.assessment as { id: string; version: number };
  await mutate(
    'assessor@ciie.example',
    'declareConflict',
    'DeclareConflictInput',
    { assessmentId: assessment.id, hasConflict: false, statement: 'No ties to Huaxin.' },
    'hasConflict',
    'ConflictDeclared',
  );
  const accepted = await mutate(
    'assessor@ciie.example',
    'acceptAssessment',
    'AssessmentActionInput',
    { assessmentId: assessment.id, expectedVersion: assessment.version },
    'assessment { version }',
    'AssessmentChanged',
  );
  nextDay();
  const submitted = await mutate(
    'assessor@ciie.example',
    'submitAssessment',
    'SubmitAssessmentInput',
    {
      assessmentId: assessment.id,
      expectedVersion: (accepted.assessment as { version: number }).version,
      report: 'Capacity abroad, know-how at home is feasible.',
      capabilityScores: { INNOVATION: 3, MANUFACTURING: 2, SUPPORT: 3, REGULATORY: 4 },
      recommendedStrategy: 'DEFENCE',
      recommendedSubStrategy: 'MOTHER_FACTORY',
    },
    'assessment { version }',
    'AssessmentChanged',
  );
  await mutate(
    'officer@icsr.example',
    'endorseAssessment',
    'AssessmentActionInput',
    { assessmentId: assessment.id, expectedVersion: (submitted.assessment as { version: number }).version },
    'to',
    'AssessmentChanged',
  );

  // Information is requested from the firm and answered.
  nextDay();
  const asked = await mutate(
    'officer@icsr.example',
    'requestInformation',
    'RequestInformationInput',
    { caseId: caseGid, addressedToOrganizationId: await orgId('HUAXIN-IC'), questions: 'Which process steps move?' },
    'informationRequest { id version }',
    'InformationRequestChanged',
  );
  const request = asked.informationRequest as { id: string; version: number };
  nextDay();
  await mutate(
    'rep@huaxin.example',
    'answerInformationRequest',
    'AnswerInformationRequestInput',
    { informationRequestId: request.id, expectedVersion: request.version, answer: 'Assembly and test only.' },
    'informationRequest { state }',
    'InformationRequestChanged',
  );

  // Decision with conditions, proposed by the officer and approved by a lead reviewer.
  await proposeAndApprove('CLEARED_WITH_CONDITIONS');
  expect(await state()).toBe('DECIDED');

  // Each actor sees only what design §2 allows.
  const firm = await view('rep@huaxin.example');
  expect(firm).toMatchObject({ state: 'DECIDED', riskGrade: null, consultations: [], assessments: [] });
  expect((firm!.decisions as { reasons: string | null; noticeText: string }[])[0]).toMatchObject({ reasons: null });
  const liaison = await view('liaison@miit.example');
  expect((liaison!.consultations as unknown[]).length).toBe(2);
  expect(liaison!.assessments).toEqual([]);
  const assessor = await view('assessor@ciie.example');
  expect(assessor!.consultations).toEqual([]);
  expect(await view('liaison@mofcom.example')).toBeNull();
  expect(await view('admin@icsr.example')).toBeNull();

  // The firm appeals within the window; an independent panel admits and remits.
  nextDay();
  await mutate(
    'rep@huaxin.example',
    'fileAppeal',
    'FileAppealInput',
    { caseId: caseGid, expectedVersion: await version(), grounds: 'The condition is disproportionate.' },
    'case { state }',
    'AppealAction',
  );
  const panel = [await personId('panel1@icsr.example'), await personId('panel2@icsr.example')];
  await mutate(
    'panel1@icsr.example',
    'admitAppeal',
    'AppealRulingInput',
    { caseId: caseGid, expectedVersion: await version(), panelMemberIds: panel, reason: 'Filed in time.' },
    'appeal { state }',
    'AppealAction',
  );
  nextDay();
  await mutate(
    'panel2@icsr.example',
    'decideAppeal',
    'DecideAppealInput',
    {
      caseId: caseGid,
      expectedVersion: await version(),
      outcome: 'REMITTED',
      reasons: 'Proportionality not reasoned.',
    },
    'case { state }',
    'AppealAction',
  );
  expect(await state()).toBe('REVIEW');

  // Reviewed again: the objection still stands, so in-depth again, then a new decision.
  await caseAction('officer@icsr.example', 'escalateToInDepth');
  await proposeAndApprove('CLEARED_WITH_CONDITIONS');
  expect(await state()).toBe('DECIDED');

  // The appeal window passes (the system's timer event): conditions to monitor.
  const windows = await database.db
    .select()
    .from(clocks)
    .where(and(eq(clocks.caseId, caseId), eq(clocks.phase, 'APPEAL_WINDOW')));
  const lastWindow = windows.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0]!;
  clock = new Date(lastWindow.dueAt.getTime() + 1000);
  const expectedVersion = await version();
  await database.db.transaction((tx) =>
    applyCaseEvent(tx, systemActor('clock'), { caseId, event: 'APPEAL_WINDOW_EXPIRED', expectedVersion }, clock),
  );
  expect(await state()).toBe('MONITORING');

  // Compliance is reported, the condition confirmed met, monitoring closed.
  const conditions = await server.graphql<{
    node: { decisions: { state: string; conditions: { id: string; version: number }[] }[] };
  }>(
    'query($id: ID!) { node(id: $id) { ... on Case { decisions { state conditions { id version } } } } }',
    { id: caseGid },
    await bearerFor(database, 'officer@icsr.example', clock),
  );
  const inForce = conditions.data!.node.decisions.find((d) => d.state === 'APPROVED' && d.conditions.length > 0)!;
  const condition = inForce.conditions[0]!;
  await mutate(
    'rep@huaxin.example',
    'reportCompliance',
    'ReportComplianceInput',
    { conditionId: condition.id, body: 'Process development team retained in Wuxi.' },
    'condition { state }',
    'ConditionAction',
  );
  await mutate(
    'officer@icsr.example',
    'confirmConditionMet',
    'ConditionRulingInput',
    { conditionId: condition.id, expectedVersion: condition.version },
    'condition { state }',
    'ConditionAction',
  );
  await mutate(
    'officer@icsr.example',
    'closeMonitoring',
    'DecisionCaseInput',
    { caseId: caseGid, expectedVersion: await version() },
    'case { state }',
    'DecisionAction',
  );
  expect(await state()).toBe('CLOSED');

  // The trail of the whole story verifies.
  const verification = await verifyAuditTrail(database.db, systemActor('test'), { caseId });
  expect(verification).toMatchObject({ valid: true, firstBrokenSequence: null });
  expect(verification.entries).toBeGreaterThan(30);
});
