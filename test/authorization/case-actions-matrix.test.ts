/**
 * Who may act on a case, through the API, along one case's whole life: at every step every persona
 * of the authorisation matrix tries the step's mutation. Those the design does not entitle get
 * `Forbidden` (or `NotFound`, when they may not even see the case or the item) and change nothing;
 * then the entitled person performs it. For the case's own events, `availableActions` must list the
 * event for exactly the personas entitled to it (the buttons a client draws).
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { conditions } from '../../db/schema/decisions.ts';
import { organizations, people } from '../../db/schema/organizations.ts';
import { assessments, consultations, informationRequests } from '../../db/schema/work-items.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { type PersonaKey, personas } from './matrix.ts';

let database: TestDatabase;
let server: TestServer;
let instant = new Date('2026-11-23T02:00:00.000Z');
let caseId: string;
const orgIds: Record<string, string> = {};

const errorTypes = ['NotFound', 'Forbidden', 'InvalidTransition', 'StaleVersion', 'ValidationError', 'Conflict'];
const everyone = Object.keys(personas) as PersonaKey[];

async function caseVersion() {
  const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
  return row!;
}

const gid = (type: string, id: string) => encodeGlobalID(type, id);

/** The case's assessment by the institute with this code. */
async function assessmentOf(institute: string) {
  const [row] = await database.db
    .select()
    .from(assessments)
    .where(and(eq(assessments.caseId, caseId), eq(assessments.instituteId, orgIds[institute]!)));
  return row!;
}

async function idOf<T extends { id: string; version?: number }>(rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  return row!;
}

interface Step {
  readonly field: string;
  readonly inputType: string;
  /** The persona who performs the step once everyone else was refused. */
  readonly by: PersonaKey;
  /** Others the design also entitles (not refused, and not asked to act). */
  readonly alsoAllowed: readonly PersonaKey[];
  /** The case event the step sends, when it is one: `availableActions` must agree. */
  readonly event?: string;
  /** The assessment event the step sends, when it is one: the assessment's `availableActions` must agree. */
  readonly assessmentEvent?: string;
  readonly input: () => Promise<Record<string, unknown>>;
}

const steps: readonly Step[] = [
  {
    field: 'acceptFiling',
    inputType: 'CaseActionInput',
    by: 'officer',
    alsoAllowed: ['officer2'],
    event: 'ACCEPT',
    input: async () => ({ caseId: gid('Case', caseId), expectedVersion: (await caseVersion()).version }),
  },
  {
    field: 'classifyCase',
    inputType: 'ClassifyCaseInput',
    by: 'officer',
    alsoAllowed: ['officer2', 'lead'],
    input: async () => ({
      caseId: gid('Case', caseId),
      expectedVersion: (await caseVersion()).version,
      securityType: 'CAPABILITY_DESTRUCTION',
      keyDimension: 'INDUSTRY_TRANSFER',
      capabilities: ['MANUFACTURING'],
      maturity: 'MATURE',
      reason: 'The advanced packaging line moves abroad.',
    }),
  },
  {
    field: 'startReview',
    inputType: 'CaseActionInput',
    by: 'officer',
    alsoAllowed: ['officer2'],
    event: 'START_REVIEW',
    input: async () => ({ caseId: gid('Case', caseId), expectedVersion: (await caseVersion()).version }),
  },
  {
    field: 'escalateToInDepth',
    inputType: 'CaseActionInput',
    by: 'lead',
    alsoAllowed: ['officer', 'officer2'],
    event: 'ESCALATE_TO_IN_DEPTH',
    input: async () => ({ caseId: gid('Case', caseId), expectedVersion: (await caseVersion()).version }),
  },
  {
    field: 'requestConsultations',
    inputType: 'RequestConsultationsInput',
    by: 'officer',
    alsoAllowed: ['officer2', 'lead'],
    input: async () => ({
      caseId: gid('Case', caseId),
      expectedVersion: (await caseVersion()).version,
      departmentIds: [gid('Organization', orgIds.MIIT!)],
      question: 'Can the domestic chain replace the line?',
    }),
  },
  {
    field: 'respondToConsultation',
    inputType: 'RespondToConsultationInput',
    by: 'miit',
    alsoAllowed: [],
    input: async () => {
      const item = await idOf(database.db.select().from(consultations).where(eq(consultations.caseId, caseId)));
      return {
        consultationId: gid('Consultation', item.id),
        expectedVersion: item.version,
        opinion: 'CONCUR',
        rationale: 'Two domestic lines can take the volume.',
      };
    },
  },
  {
    field: 'requestInformation',
    inputType: 'RequestInformationInput',
    by: 'officer',
    alsoAllowed: ['officer2', 'lead'],
    input: async () => ({
      caseId: gid('Case', caseId),
      expectedVersion: (await caseVersion()).version,
      addressedToOrganizationId: gid('Organization', orgIds['HUAXIN-IC']!),
      questions: 'Which customers does the line serve?',
    }),
  },
  {
    field: 'answerInformationRequest',
    inputType: 'AnswerInformationRequestInput',
    by: 'huaxin',
    alsoAllowed: [],
    input: async () => {
      const item = await idOf(
        database.db.select().from(informationRequests).where(eq(informationRequests.caseId, caseId)),
      );
      return {
        informationRequestId: gid('InformationRequest', item.id),
        expectedVersion: item.version,
        answer: 'Three.',
      };
    },
  },
  {
    field: 'inviteInstitute',
    inputType: 'InviteInstituteInput',
    by: 'officer',
    alsoAllowed: ['officer2', 'lead'],
    input: async () => ({
      caseId: gid('Case', caseId),
      instituteId: gid('Organization', orgIds.CIIE!),
      termsOfReference: 'Assess the capability at risk.',
    }),
  },
  {
    field: 'declareConflict',
    inputType: 'DeclareConflictInput',
    by: 'ciie',
    alsoAllowed: [],
    input: async () => {
      const item = await idOf(database.db.select().from(assessments).where(eq(assessments.caseId, caseId)));
      return { assessmentId: gid('Assessment', item.id), hasConflict: false, statement: 'No ties to the firm.' };
    },
  },
  {
    // The office withdraws the invitation the institute has not taken up (issue 11).
    field: 'withdrawAssessment',
    inputType: 'AssessmentReasonInput',
    by: 'officer',
    alsoAllowed: ['officer2', 'lead'],
    assessmentEvent: 'WITHDRAW',
    input: async () => {
      const item = await assessmentOf('CIIE');
      return {
        assessmentId: gid('Assessment', item.id),
        expectedVersion: item.version,
        reason: 'The terms of reference changed; another institute will be asked.',
      };
    },
  },
  {
    // Another institute is invited in its place.
    field: 'inviteInstitute',
    inputType: 'InviteInstituteInput',
    by: 'officer',
    alsoAllowed: ['officer2', 'lead'],
    input: async () => ({
      caseId: gid('Case', caseId),
      instituteId: gid('Organization', orgIds.ICRS!),
      termsOfReference: 'Assess the capability at risk, under the revised terms.',
    }),
  },
  {
    field: 'declareConflict',
    inputType: 'DeclareConflictInput',
    by: 'icrs',
    alsoAllowed: [],
    input: async () => {
      const item = await assessmentOf('ICRS');
      return { assessmentId: gid('Assessment', item.id), hasConflict: false, statement: 'No ties to the firm.' };
    },
  },
  {
    field: 'acceptAssessment',
    inputType: 'AssessmentActionInput',
    by: 'icrs',
    alsoAllowed: [],
    assessmentEvent: 'ACCEPT',
    input: async () => {
      const item = await assessmentOf('ICRS');
      return { assessmentId: gid('Assessment', item.id), expectedVersion: item.version };
    },
  },
  {
    // An accepted assessment whose report has not arrived may be withdrawn too (issue 11).
    field: 'withdrawAssessment',
    inputType: 'AssessmentReasonInput',
    by: 'lead',
    alsoAllowed: ['officer', 'officer2'],
    assessmentEvent: 'WITHDRAW',
    input: async () => {
      const item = await assessmentOf('ICRS');
      return {
        assessmentId: gid('Assessment', item.id),
        expectedVersion: item.version,
        reason: 'The institute cannot report before the review ends.',
      };
    },
  },
  {
    field: 'proposeDecision',
    inputType: 'ProposeDecisionInput',
    by: 'officer',
    alsoAllowed: ['officer2'],
    event: 'PROPOSE_DECISION',
    input: async () => ({
      caseId: gid('Case', caseId),
      expectedVersion: (await caseVersion()).version,
      outcome: 'CLEARED',
      reasons: 'INTERNAL: the line is replaceable.',
      noticeText: 'The relocation is cleared.',
      reason: 'The institute has not reported; the departments agree.',
    }),
  },
  {
    field: 'approveDecision',
    inputType: 'DecisionCaseInput',
    by: 'lead',
    alsoAllowed: [],
    event: 'APPROVE_DECISION',
    input: async () => ({ caseId: gid('Case', caseId), expectedVersion: (await caseVersion()).version }),
  },
  {
    field: 'fileAppeal',
    inputType: 'FileAppealInput',
    by: 'huaxin',
    alsoAllowed: [],
    event: 'FILE_APPEAL',
    input: async () => ({
      caseId: gid('Case', caseId),
      expectedVersion: (await caseVersion()).version,
      grounds: 'The clearance should say the pilot line stays.',
    }),
  },
  {
    field: 'admitAppeal',
    inputType: 'AppealRulingInput',
    by: 'panel',
    alsoAllowed: [],
    event: 'ADMIT_APPEAL',
    input: async () => ({
      caseId: gid('Case', caseId),
      expectedVersion: (await caseVersion()).version,
      panelMemberIds: await Promise.all(
        ['panel1@icsr.example', 'panel2@icsr.example'].map(async (email) => {
          const [person] = await database.db.select().from(people).where(eq(people.email, email));
          return gid('Person', person!.id);
        }),
      ),
      reason: 'Filed in time.',
    }),
  },
  {
    field: 'decideAppeal',
    inputType: 'DecideAppealInput',
    by: 'panel',
    alsoAllowed: [],
    event: 'DECIDE_APPEAL_VARIED',
    input: async () => ({
      caseId: gid('Case', caseId),
      expectedVersion: (await caseVersion()).version,
      outcome: 'VARIED',
      reasons: 'The pilot line keeps the know-how at home.',
      variedDecision: {
        outcome: 'CLEARED_WITH_CONDITIONS',
        reasons: 'INTERNAL: mother factory.',
        noticeText: 'Cleared on condition that the pilot line stays.',
        conditions: [
          {
            description: 'Keep the pilot line in Wuxi.',
            ownerOrganizationId: gid('Organization', orgIds['HUAXIN-IC']!),
            dueOn: '2027-06-30',
          },
        ],
      },
    }),
  },
  {
    field: 'reportCompliance',
    inputType: 'ReportComplianceInput',
    by: 'huaxin',
    alsoAllowed: [],
    input: async () => {
      const item = await idOf(database.db.select().from(conditions).where(eq(conditions.caseId, caseId)));
      return { conditionId: gid('Condition', item.id), body: 'The pilot line runs.' };
    },
  },
  {
    field: 'waiveCondition',
    inputType: 'ConditionRulingInput',
    by: 'lead',
    alsoAllowed: [],
    input: async () => {
      const item = await idOf(database.db.select().from(conditions).where(eq(conditions.caseId, caseId)));
      return { conditionId: gid('Condition', item.id), expectedVersion: item.version, reason: 'Line sold.' };
    },
  },
  {
    field: 'closeMonitoring',
    inputType: 'DecisionCaseInput',
    by: 'officer',
    alsoAllowed: ['officer2'],
    event: 'ALL_CONDITIONS_MET',
    input: async () => ({ caseId: gid('Case', caseId), expectedVersion: (await caseVersion()).version }),
  },
];

async function send(persona: PersonaKey, step: Step, input: Record<string, unknown>) {
  const result = await server.graphql<Record<string, { __typename: string; message?: string }>>(
    `mutation($input: ${step.inputType}!) { ${step.field}(input: $input) { __typename ... on Error { message } } }`,
    { input },
    await bearerFor(database, personas[persona].email, instant),
  );
  expect(result.errors, `${step.field} as ${persona}`).toBeUndefined();
  return result.data![step.field]!;
}

/** The events a persona may send now (listed as possible); none for a persona who may not see the case. */
async function availableActions(persona: PersonaKey): Promise<string[]> {
  const result = await server.graphql<{ node: { availableActions: { event: string; possible: boolean }[] } | null }>(
    'query($id: ID!) { node(id: $id) { ... on Case { availableActions { event possible } } } }',
    { id: gid('Case', caseId) },
    await bearerFor(database, personas[persona].email, instant),
  );
  expect(result.errors).toBeUndefined();
  return (result.data!.node?.availableActions ?? []).filter((a) => a.possible).map((a) => a.event);
}

/** The events a persona may send to an assessment now; none for a persona who may not see it. */
async function assessmentActions(persona: PersonaKey, assessmentId: string): Promise<string[]> {
  const result = await server.graphql<{
    node: { availableActions: { event: string; possible: boolean }[] } | null;
  }>(
    'query($id: ID!) { node(id: $id) { ... on Assessment { availableActions { event possible } } } }',
    { id: assessmentId },
    await bearerFor(database, personas[persona].email, instant),
  );
  expect(result.errors).toBeUndefined();
  return (result.data!.node?.availableActions ?? []).filter((a) => a.possible).map((a) => a.event);
}

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database, { deps: { now: () => instant } });
  for (const org of await database.db.select().from(organizations)) orgIds[org.code] = org.id;
  // The seeded relocation, filed and submitted by Huaxin.
  const [relocation] = await database.db
    .select()
    .from(cases)
    .where(and(eq(cases.subject, 'RELOCATION'), eq(cases.state, 'SUBMITTED')));
  caseId = relocation!.id;
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

describe('who may act on a case, step by step', () => {
  it.each(steps.map((step) => [step.field, step] as const))('%s', async (_name, step) => {
    instant = new Date(instant.getTime() + 60_000);
    const refused = everyone.filter((p) => p !== step.by && !step.alsoAllowed.includes(p));
    if (step.event) {
      for (const persona of [step.by, ...step.alsoAllowed]) {
        expect(await availableActions(persona), `${persona} may send ${step.event}`).toContain(step.event);
      }
      for (const persona of refused) {
        expect(await availableActions(persona), `${persona} may not send ${step.event}`).not.toContain(step.event);
      }
    }
    if (step.assessmentEvent) {
      const { assessmentId } = (await step.input()) as { assessmentId: string };
      for (const persona of [step.by, ...step.alsoAllowed]) {
        expect(await assessmentActions(persona, assessmentId), `${persona} may send ${step.assessmentEvent}`).toContain(
          step.assessmentEvent,
        );
      }
      for (const persona of refused) {
        expect(
          await assessmentActions(persona, assessmentId),
          `${persona} may not send ${step.assessmentEvent}`,
        ).not.toContain(step.assessmentEvent);
      }
    }
    const before = await caseVersion();
    for (const persona of refused) {
      const result = await send(persona, step, await step.input());
      expect(['Forbidden', 'NotFound'], `${step.field} as ${persona}: ${result.message}`).toContain(result.__typename);
    }
    expect((await caseVersion()).version, 'a refused action changes nothing').toBe(before.version);
    const done = await send(step.by, step, await step.input());
    expect(errorTypes, `${step.field} as ${step.by}: ${done.message}`).not.toContain(done.__typename);
  });

  it('ends with the case closed after a varied ruling and a waived condition', async () => {
    expect((await caseVersion()).state).toBe('CLOSED');
  });
});
