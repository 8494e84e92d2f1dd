/**
 * Classification, department consultations and information requests through the API (issue 5):
 * the seeded relocation filing is accepted, classified and sent to review by the officer; MIIT and
 * NDRC are consulted; each viewer sees what design §2 allows; an information request pauses the
 * review clock under CN_CSR and not under US_CFIUS. Every request runs at a fixed instant.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { regimes } from '../../db/schema/clocks.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { selectRows } from '../../src/database/database.ts';
import { loadCaseFacts } from '../../src/domain/engine/case-facts.ts';
import { reviewMayConcludeWithoutInDepth } from '../../workflows/guards.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// Working days in Beijing after the seed (Friday 20 November 2026).
const MON = new Date('2026-11-23T02:00:00.000Z');
const TUE = new Date('2026-11-24T02:00:00.000Z');
const WED = new Date('2026-11-25T02:00:00.000Z');
const FRI = new Date('2026-11-27T02:00:00.000Z');
const instants = { MON, TUE, WED, FRI };
type Instant = keyof typeof instants;

let database: TestDatabase;
const servers = {} as Record<Instant, TestServer>;
let relocationId: string;
let cutoffId: string;
const org = {} as Record<string, string>;

/** Runs an operation as `email` at a fixed instant (its own server on the same database). */
async function as<T>(email: string, at: Instant, query: string, variables: Record<string, unknown> = {}) {
  const result = await servers[at].graphql<T>(query, variables, await bearerFor(database, email, instants[at]));
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const caseId = (id: string) => encodeGlobalID('Case', id);
const orgId = (code: string) => encodeGlobalID('Organization', org[code]!);

async function caseRow(id: string) {
  const [row] = await database.db.select().from(cases).where(eq(cases.id, id));
  return row!;
}

async function auditCount(id: string) {
  const [row] = await selectRows<{ n: number }>(
    database.db,
    sql`select count(*) as n from audit_entries where case_id = ${id}`,
  );
  return Number(row!.n);
}

const classify = /* GraphQL */ `
  mutation($input: ClassifyCaseInput!) {
    classifyCase(input: $input) {
      __typename
      ... on CaseClassified { case { version securityType keyDimension strategy subStrategy riskGrade riskScore capabilities } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }`;

const caseAction = (field: string) => /* GraphQL */ `
  mutation($input: CaseActionInput!) {
    ${field}(input: $input) { __typename ... on CaseTransitioned { to case { version } } ... on Error { message } }
  }`;

const relocationClassification = {
  securityType: 'CAPABILITY_DESTRUCTION',
  keyDimension: 'INDUSTRY_TRANSFER',
  capabilities: ['MANUFACTURING'],
  maturity: 'MATURE',
  strategy: 'DEFENCE',
  subStrategy: 'MOTHER_FACTORY',
  reason: 'Relocation of a packaging line; process development stays at home.',
};

const caseWork = /* GraphQL */ `
  query($id: ID!) {
    node(id: $id) {
      ... on Case {
        version
        currentClock { phase paused dueAt }
        consultations { id department { code } state opinion rationale dueAt version }
        informationRequests { id state pausesPhaseClock answer version }
      }
    }
  }`;

interface CaseWork {
  node: {
    version: number;
    currentClock: { phase: string; paused: boolean; dueAt: string } | null;
    consultations: {
      id: string;
      department: { code: string };
      state: string;
      opinion: string | null;
      rationale: string | null;
      dueAt: string | null;
      version: number;
    }[];
    informationRequests: {
      id: string;
      state: string;
      pausesPhaseClock: boolean;
      answer: string | null;
      version: number;
    }[];
  } | null;
}

const work = (email: string, at: Instant, id = relocationId) => as<CaseWork>(email, at, caseWork, { id: caseId(id) });

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  for (const [key, at] of Object.entries(instants) as [Instant, Date][]) {
    servers[key] = await startTestServer(database, { deps: { now: () => at } });
  }
  for (const o of await database.db.select().from(organizations)) org[o.code] = o.id;
  const [relocation] = await database.db.select().from(cases).where(eq(cases.state, 'SUBMITTED'));
  relocationId = relocation!.id;
  const [cutoff] = await database.db.select().from(cases).where(eq(cases.state, 'SCREENING'));
  cutoffId = cutoff!.id;
});
afterAll(async () => {
  for (const server of Object.values(servers)) await server?.close();
  await database?.destroy();
});

describe('classifying a case', () => {
  it('is refused to a firm, and writes nothing', async () => {
    const accepted = await as<{ acceptFiling: { to: string } }>(
      'officer@icsr.example',
      'MON',
      caseAction('acceptFiling'),
      {
        input: { caseId: caseId(relocationId), expectedVersion: (await caseRow(relocationId)).version },
      },
    );
    expect(accepted.acceptFiling.to).toBe('SCREENING');
    const before = await caseRow(relocationId);
    const audits = await auditCount(relocationId);
    const firm = await as<{ classifyCase: { __typename: string } }>('rep@huaxin.example', 'MON', classify, {
      input: { caseId: caseId(relocationId), expectedVersion: before.version, ...relocationClassification },
    });
    expect(firm.classifyCase.__typename).toBe('Forbidden');
    expect(await caseRow(relocationId)).toEqual(before);
    expect(await auditCount(relocationId)).toBe(audits);
  });

  it('names keyDimension when the dimension is not under the security type', async () => {
    const before = await caseRow(relocationId);
    const result = await as<{ classifyCase: { __typename: string; fieldErrors: { field: string }[] } }>(
      'officer@icsr.example',
      'MON',
      classify,
      {
        input: {
          caseId: caseId(relocationId),
          expectedVersion: before.version,
          ...relocationClassification,
          securityType: 'CAPABILITY_DEFICIT',
        },
      },
    );
    expect(result.classifyCase.__typename).toBe('ValidationError');
    expect(result.classifyCase.fieldErrors.map((e) => e.field)).toEqual(['keyDimension']);
    expect(await caseRow(relocationId)).toEqual(before);
  });

  it('records the facts and the grade, bumps the version, is audited, and lets review start', async () => {
    const startReview = caseAction('startReview');
    const before = await caseRow(relocationId);
    const early = await as<{ startReview: { __typename: string } }>('officer@icsr.example', 'MON', startReview, {
      input: { caseId: caseId(relocationId), expectedVersion: before.version },
    });
    expect(early.startReview.__typename).toBe('InvalidTransition');

    const audits = await auditCount(relocationId);
    const result = await as<{ classifyCase: { __typename: string; case: Record<string, unknown> } }>(
      'officer@icsr.example',
      'MON',
      classify,
      { input: { caseId: caseId(relocationId), expectedVersion: before.version, ...relocationClassification } },
    );
    expect(result.classifyCase).toEqual({
      __typename: 'CaseClassified',
      case: {
        version: before.version + 1,
        securityType: 'CAPABILITY_DESTRUCTION',
        keyDimension: 'INDUSTRY_TRANSFER',
        strategy: 'DEFENCE',
        subStrategy: 'MOTHER_FACTORY',
        // The risk policy grades the case (test/classification covers its result).
        riskGrade: expect.any(String),
        riskScore: expect.any(Number),
        capabilities: ['MANUFACTURING'],
      },
    });
    expect(await auditCount(relocationId)).toBe(audits + 1);
    const [entry] = await selectRows<{ action: string; before: { riskGrade: string | null }; reason: string }>(
      database.db,
      sql`select action, before, reason from audit_entries where case_id = ${relocationId} order by sequence desc limit 1`,
    );
    expect(entry).toMatchObject({ action: 'case.classify', before: { riskGrade: null } });

    const started = await as<{ startReview: { to: string } }>('officer@icsr.example', 'MON', startReview, {
      input: { caseId: caseId(relocationId), expectedVersion: before.version + 1 },
    });
    expect(started.startReview.to).toBe('REVIEW');
  });
});

describe('consulting departments', () => {
  let miitConsultation: CaseWork['node'] extends infer N
    ? N extends { consultations: (infer C)[] }
      ? C
      : never
    : never;
  let ndrcConsultation: typeof miitConsultation;

  it('opens one consultation per department, each with its own deadline', async () => {
    const result = await as<{
      requestConsultations: { __typename: string; consultations: { department: { code: string }; state: string }[] };
    }>(
      'officer@icsr.example',
      'TUE',
      /* GraphQL */ `
        mutation($input: RequestConsultationsInput!) {
          requestConsultations(input: $input) {
            __typename
            ... on ConsultationsRequested { consultations { department { code } state } }
            ... on Error { message }
          }
        }`,
      {
        input: {
          caseId: caseId(relocationId),
          expectedVersion: (await caseRow(relocationId)).version,
          departmentIds: [orgId('MIIT'), orgId('NDRC')],
          question: 'Does the relocation erode domestic advanced-packaging capacity?',
        },
      },
    );
    expect(result.requestConsultations.__typename).toBe('ConsultationsRequested');
    expect(result.requestConsultations.consultations.map((c) => c.department.code).sort()).toEqual(['MIIT', 'NDRC']);
    const office = await work('officer@icsr.example', 'TUE');
    expect(office.node!.consultations).toHaveLength(2);
    for (const c of office.node!.consultations) {
      expect(c.state).toBe('REQUESTED');
      expect(c.dueAt).not.toBeNull();
    }
    miitConsultation = office.node!.consultations.find((c) => c.department.code === 'MIIT')!;
    ndrcConsultation = office.node!.consultations.find((c) => c.department.code === 'NDRC')!;
  });

  const respond = /* GraphQL */ `
    mutation($input: RespondToConsultationInput!) {
      respondToConsultation(input: $input) {
        __typename
        ... on ConsultationResponded { consultation { state opinion rationale version } }
        ... on Error { message }
      }
    }`;

  it("lets the MIIT liaison see the case and its own consultation, and NDRC's liaison not answer MIIT's", async () => {
    const miit = await work('liaison@miit.example', 'TUE');
    expect(miit.node).not.toBeNull();
    expect(miit.node!.consultations.map((c) => c.department.code)).toEqual(['MIIT']);
    const ndrc = await as<{ respondToConsultation: { __typename: string } }>('liaison@ndrc.example', 'TUE', respond, {
      input: {
        consultationId: miitConsultation.id,
        expectedVersion: miitConsultation.version,
        opinion: 'CONCUR',
        rationale: 'Not ours to answer.',
      },
    });
    expect(ndrc.respondToConsultation.__typename).toBe('NotFound');
    const office = await work('officer@icsr.example', 'TUE');
    expect(office.node!.consultations.find((c) => c.id === miitConsultation.id)).toMatchObject({
      state: 'REQUESTED',
      opinion: null,
    });
  });

  it('records an objection, after which the case must pass through in-depth review', async () => {
    const result = await as<{ respondToConsultation: Record<string, unknown> }>(
      'liaison@miit.example',
      'WED',
      respond,
      {
        input: {
          consultationId: miitConsultation.id,
          expectedVersion: miitConsultation.version,
          opinion: 'OBJECT',
          rationale: 'The line is the last domestic source of fan-out packaging at scale.',
        },
      },
    );
    expect(result.respondToConsultation).toEqual({
      __typename: 'ConsultationResponded',
      consultation: {
        state: 'RESPONDED',
        opinion: 'OBJECT',
        rationale: 'The line is the last domestic source of fan-out packaging at scale.',
        version: miitConsultation.version + 1,
      },
    });
    // PGlite has one connection: read the row before opening the transaction, not inside it.
    const row = await caseRow(relocationId);
    const loaded = await database.db.transaction((tx) => loadCaseFacts(tx, row));
    expect(loaded.facts.anyConsultationObjected).toBe(true);
    const verdict = reviewMayConcludeWithoutInDepth({
      now: WED,
      actor: { id: null, roles: ['CASE_OFFICER'] },
      deadline: null,
      actorConflictDeclaration: null,
      case: loaded.facts,
      regime: loaded.regimeFacts,
    });
    expect(verdict.ok).toBe(false);
  });

  it("shows NDRC's opinion to MIIT only once NDRC has responded; parties see no consultation", async () => {
    const before = await work('liaison@miit.example', 'WED');
    expect(before.node!.consultations.map((c) => c.department.code)).toEqual(['MIIT']);
    const hidden = await as<{ node: unknown }>(
      'liaison@miit.example',
      'WED',
      'query($id: ID!) { node(id: $id) { id } }',
      {
        id: ndrcConsultation.id,
      },
    );
    expect(hidden.node).toBeNull();

    await as('liaison@ndrc.example', 'WED', respond, {
      input: {
        consultationId: ndrcConsultation.id,
        expectedVersion: ndrcConsultation.version,
        opinion: 'CONCUR_WITH_CONDITIONS',
        rationale: 'Keep process development at home.',
      },
    });
    const after = await work('liaison@miit.example', 'WED');
    // Requested together: same instant, so their order is by id; compare them by department.
    const opinions = after.node!.consultations.map((c) => [c.department.code, c.opinion]);
    expect(opinions.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['MIIT', 'OBJECT'],
      ['NDRC', 'CONCUR_WITH_CONDITIONS'],
    ]);

    const firm = await work('rep@huaxin.example', 'WED');
    expect(firm.node).not.toBeNull();
    expect(firm.node!.consultations).toEqual([]);
    const byId = await as<{ node: unknown }>('rep@huaxin.example', 'WED', 'query($id: ID!) { node(id: $id) { id } }', {
      id: miitConsultation.id,
    });
    expect(byId.node).toBeNull();
  });
});

describe('refusals of consultation requests', () => {
  const request = /* GraphQL */ `
    mutation($input: RequestConsultationsInput!) {
      requestConsultations(input: $input) { __typename ... on ValidationError { fieldErrors { field } } }
    }`;

  it('refuses a liaison (Forbidden) and a department already asked in this round (naming it), writing nothing', async () => {
    const before = await caseRow(relocationId);
    const audits = await auditCount(relocationId);
    const input = {
      caseId: caseId(relocationId),
      expectedVersion: before.version,
      departmentIds: [orgId('NDRC'), orgId('MOST')],
      question: 'Again?',
    };
    const liaison = await as<{ requestConsultations: { __typename: string } }>('liaison@miit.example', 'FRI', request, {
      input,
    });
    expect(liaison.requestConsultations.__typename).toBe('Forbidden');
    const again = await as<{ requestConsultations: unknown }>('officer@icsr.example', 'FRI', request, { input });
    expect(again.requestConsultations).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'departmentIds.0' }],
    });
    const stale = await as<{ requestConsultations: { __typename: string } }>('officer@icsr.example', 'FRI', request, {
      input: { ...input, departmentIds: [orgId('MOST')], expectedVersion: before.version - 1 },
    });
    expect(stale.requestConsultations.__typename).toBe('StaleVersion');
    expect(await caseRow(relocationId)).toEqual(before);
    expect(await auditCount(relocationId)).toBe(audits);
  });
});

const requestInformation = /* GraphQL */ `
  mutation($input: RequestInformationInput!) {
    requestInformation(input: $input) {
      __typename
      ... on InformationRequestChanged { informationRequest { id state pausesPhaseClock version } }
      ... on Error { message }
    }
  }`;

const answer = /* GraphQL */ `
  mutation($input: AnswerInformationRequestInput!) {
    answerInformationRequest(input: $input) {
      __typename
      ... on InformationRequestChanged { informationRequest { state answer } }
      ... on Error { message }
    }
  }`;

type Requested = {
  requestInformation: {
    __typename: string;
    informationRequest: { id: string; state: string; pausesPhaseClock: boolean; version: number };
  };
};

describe('requesting information', () => {
  it('pauses the review clock under CN_CSR until the addressed firm answers', async () => {
    const running = await work('officer@icsr.example', 'WED');
    expect(running.node!.currentClock).toMatchObject({ phase: 'REVIEW', paused: false });
    const dueBefore = running.node!.currentClock!.dueAt;

    const requested = await as<Requested>('officer@icsr.example', 'WED', requestInformation, {
      input: {
        caseId: caseId(relocationId),
        addressedToOrganizationId: orgId('HUAXIN-IC'),
        questions: 'Which process steps stay in China?',
      },
    });
    expect(requested.requestInformation.informationRequest).toMatchObject({ state: 'OPEN', pausesPhaseClock: true });
    const item = requested.requestInformation.informationRequest;
    expect((await work('officer@icsr.example', 'WED')).node!.currentClock).toMatchObject({ paused: true });

    // The addressed firm sees its request; a department sees none.
    expect((await work('rep@huaxin.example', 'WED')).node!.informationRequests.map((r) => r.id)).toEqual([item.id]);
    expect((await work('liaison@miit.example', 'WED')).node!.informationRequests).toEqual([]);
    const notAddressed = await as<{ answerInformationRequest: { __typename: string } }>(
      'liaison@miit.example',
      'FRI',
      answer,
      { input: { informationRequestId: item.id, expectedVersion: item.version, answer: 'Not ours.' } },
    );
    expect(notAddressed.answerInformationRequest.__typename).toBe('NotFound');

    const answered = await as<{ answerInformationRequest: Record<string, unknown> }>(
      'rep@huaxin.example',
      'FRI',
      answer,
      {
        input: { informationRequestId: item.id, expectedVersion: item.version, answer: 'Process development and R&D.' },
      },
    );
    expect(answered.answerInformationRequest).toEqual({
      __typename: 'InformationRequestChanged',
      informationRequest: { state: 'ANSWERED', answer: 'Process development and R&D.' },
    });
    const resumed = (await work('officer@icsr.example', 'FRI')).node!.currentClock!;
    expect(resumed.paused).toBe(false);
    // The days the request was open do not count: the review is due later than before.
    expect(new Date(resumed.dueAt).getTime()).toBeGreaterThan(new Date(dueBefore).getTime());
  });

  it('pauses nothing under US_CFIUS', async () => {
    // TEST SETUP: the seeded cut-off case (in screening) is put on the CFIUS regime directly.
    const [cfius] = await database.db.select().from(regimes).where(eq(regimes.code, 'US_CFIUS'));
    await database.db.update(cases).set({ regimeId: cfius!.id }).where(eq(cases.id, cutoffId));
    const version = (await caseRow(cutoffId)).version;
    const classified = await as<{ classifyCase: { __typename: string } }>('officer@icsr.example', 'MON', classify, {
      input: {
        caseId: caseId(cutoffId),
        expectedVersion: version,
        ...relocationClassification,
        securityType: 'CAPABILITY_DEFICIT',
        keyDimension: 'DIVISION_OF_LABOUR_LOCK_IN',
        // The policy proposes the strategy and grade; the officer confirms them.
        strategy: undefined,
        subStrategy: undefined,
      },
    });
    expect(classified.classifyCase.__typename).toBe('CaseClassified');
    await as('officer@icsr.example', 'MON', caseAction('startReview'), {
      input: { caseId: caseId(cutoffId), expectedVersion: version + 1 },
    });
    const running = (await work('officer@icsr.example', 'TUE', cutoffId)).node!.currentClock!;
    expect(running).toMatchObject({ phase: 'REVIEW', paused: false });

    const requested = await as<Requested>('officer@icsr.example', 'TUE', requestInformation, {
      input: {
        caseId: caseId(cutoffId),
        addressedToOrganizationId: orgId('JINGHUA-PR'),
        questions: 'How much ArF stock do you hold?',
      },
    });
    const item = requested.requestInformation.informationRequest;
    expect(item).toMatchObject({ state: 'OPEN', pausesPhaseClock: false });
    // The same key and input replays the first result instead of opening a second request.
    const keyed = {
      caseId: caseId(cutoffId),
      addressedToOrganizationId: orgId('HUAXIN-IC'),
      questions: 'Which 28 nm lines depend on ArF?',
      idempotencyKey: 'cfius-request-1',
    };
    const first = await as<Requested>('officer@icsr.example', 'TUE', requestInformation, { input: keyed });
    const replay = await as<Requested>('officer@icsr.example', 'TUE', requestInformation, { input: keyed });
    expect(replay.requestInformation.informationRequest.id).toBe(first.requestInformation.informationRequest.id);
    const office = (await work('officer@icsr.example', 'TUE', cutoffId)).node!;
    expect(office.informationRequests).toHaveLength(2);
    expect((await work('officer@icsr.example', 'TUE', cutoffId)).node!.currentClock).toEqual(running);
    await as('rep@jinghua.example', 'FRI', answer, {
      input: { informationRequestId: item.id, expectedVersion: item.version, answer: 'Four months.' },
    });
    expect((await work('officer@icsr.example', 'FRI', cutoffId)).node!.currentClock).toEqual(running);
  });

  it('refuses a request to an organisation that is not a party, naming the field', async () => {
    const result = await as<{ requestInformation: { __typename: string; fieldErrors?: { field: string }[] } }>(
      'officer@icsr.example',
      'FRI',
      /* GraphQL */ `
        mutation($input: RequestInformationInput!) {
          requestInformation(input: $input) { __typename ... on ValidationError { fieldErrors { field } } }
        }`,
      {
        input: {
          caseId: caseId(relocationId),
          addressedToOrganizationId: orgId('MERIDIAN-CAP'),
          questions: 'Anything?',
        },
      },
    );
    expect(result.requestInformation).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'addressedToOrganizationId' }],
    });
  });
});
