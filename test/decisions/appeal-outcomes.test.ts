/**
 * The rest of the decision's life: a varied ruling (the panel's decision replaces the one appealed),
 * a remittal (the decision is set aside and the departments are consulted again in a new round),
 * representation requests cancelled when their proposal is sent back, waiving a condition, and
 * refiling a withdrawn case as a new linked draft. Driven through the domain services, each call in
 * its own transaction as a mutation would run it; one call through the API checks the typed errors.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNodes, caseParties, cases } from '../../db/schema/cases.ts';
import { clocks } from '../../db/schema/clocks.ts';
import { conditions, decisions } from '../../db/schema/decisions.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { consultations, representationRequests } from '../../db/schema/work-items.ts';
import type { Queryable, Tx } from '../../src/database/database.ts';
import { admitAppeal, decideAppeal, fileAppeal } from '../../src/domain/appeals/appeals.ts';
import { verifyAuditTrail } from '../../src/domain/audit/verify-audit-trail.ts';
import { createFiling, refileCase } from '../../src/domain/cases/case-filing.ts';
import { closeMonitoring, waiveCondition } from '../../src/domain/conditions/conditions.ts';
import { requestConsultations, respondToConsultation } from '../../src/domain/consultations/consultations.ts';
import { approveDecision, sendBackDecision } from '../../src/domain/decisions/approve-decision.ts';
import { proposeDecision } from '../../src/domain/decisions/propose-decision.ts';
import { requestRepresentations, submitRepresentation } from '../../src/domain/decisions/representations.ts';
import { applyCaseEvent } from '../../src/domain/engine/apply-case-event.ts';
import { AppError } from '../../src/domain/errors.ts';
import { personActor } from '../../src/domain/people/person-actor.ts';
import { type Actor, systemActor } from '../../vocabulary/actor.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
/** Every step happens a minute after the previous one, so the order of events is the order of instants. */
let instant = new Date('2026-11-23T02:00:00.000Z');
const tick = () => {
  instant = new Date(instant.getTime() + 60_000);
  return instant;
};

let huaxin: string;
let miit: string;
const people: Record<string, Actor> = {};
const who = (email: string) => people[email]!;

/** Runs one service call in its own transaction, as one mutation would. */
const run = <T>(fn: (tx: Tx) => Promise<T>) => database.db.transaction(fn);

/** The error code a service call fails with (and, by the transaction rolling back, writes nothing). */
async function failure(fn: (tx: Tx) => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run(fn);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Inside a transaction, read through it: PGlite has one connection, and a second query would wait forever. */
async function caseRow(caseId: string, q: Queryable = database.db) {
  const [row] = await q.select().from(cases).where(eq(cases.id, caseId));
  return row!;
}

const event = async (email: string, caseId: string, name: string, reason?: string) =>
  run(async (tx) =>
    applyCaseEvent(
      tx,
      who(email),
      { caseId, event: name, expectedVersion: (await caseRow(caseId, tx)).version, ...(reason ? { reason } : {}) },
      tick(),
    ),
  );

/** A Huaxin filing, accepted, graded and in review. */
async function filingInReview(title: string): Promise<string> {
  const filed = await run((tx) =>
    createFiling(
      tx,
      who('rep@huaxin.example'),
      { filerOrganizationId: huaxin, title, subject: 'RELOCATION', summary: 'Moving the back-end line.' },
      tick(),
    ),
  );
  await run((tx) =>
    applyCaseEvent(
      tx,
      who('rep@huaxin.example'),
      { caseId: filed.id, event: 'SUBMIT', expectedVersion: filed.version },
      tick(),
    ).then((r) => r.case),
  );
  await event('officer@icsr.example', filed.id, 'ACCEPT');
  // TEST DATA: the grade START_REVIEW needs (classification has its own tests).
  await database.db.update(cases).set({ riskGrade: 'MEDIUM', riskScore: 40 }).where(eq(cases.id, filed.id));
  await event('officer@icsr.example', filed.id, 'START_REVIEW');
  return filed.id;
}

async function propose(caseId: string, outcome: 'PROHIBITED' | 'CLEARED') {
  return run(async (tx) =>
    proposeDecision(
      tx,
      who('officer@icsr.example'),
      {
        caseId,
        expectedVersion: (await caseRow(caseId, tx)).version,
        outcome,
        reasons: 'INTERNAL: the line is the last domestic source of interposers.',
        noticeText: `The office proposes: ${outcome}.`,
      },
      tick(),
    ),
  );
}

/** Proposes a prohibition, hears the firm, approves it, and has the firm appeal and the panel admit it. */
async function admittedAppealOnProhibition(caseId: string): Promise<string> {
  const { decision } = await propose(caseId, 'PROHIBITED');
  const [request] = await run((tx) =>
    requestRepresentations(tx, who('officer@icsr.example'), { decisionId: decision.id }, tick()),
  );
  await run((tx) =>
    submitRepresentation(
      tx,
      who('rep@huaxin.example'),
      { representationRequestId: request!.id, expectedVersion: request!.version, representation: 'We object.' },
      tick(),
    ),
  );
  await run(async (tx) =>
    approveDecision(
      tx,
      who('lead2@icsr.example'),
      { caseId, expectedVersion: (await caseRow(caseId, tx)).version },
      tick(),
    ),
  );
  await run(async (tx) =>
    fileAppeal(
      tx,
      who('rep@huaxin.example'),
      { caseId, expectedVersion: (await caseRow(caseId, tx)).version, grounds: 'The shares were misread.' },
      tick(),
    ),
  );
  const panel = [who('panel1@icsr.example'), who('panel2@icsr.example')].map((a) =>
    a.kind === 'PERSON' ? a.personId : '',
  );
  await run(async (tx) =>
    admitAppeal(
      tx,
      who('panel1@icsr.example'),
      { caseId, expectedVersion: (await caseRow(caseId, tx)).version, panelMemberIds: panel, reason: 'Arguable.' },
      tick(),
    ),
  );
  return decision.id;
}

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database, { deps: { now: () => instant } });
  for (const email of [
    'rep@huaxin.example',
    'rep@jinghua.example',
    'officer@icsr.example',
    'lead@icsr.example',
    'lead2@icsr.example',
    'panel1@icsr.example',
    'panel2@icsr.example',
    'liaison@miit.example',
  ]) {
    people[email] = await personActor(database.db, email);
  }
  const orgs = await database.db.select().from(organizations);
  huaxin = orgs.find((o) => o.code === 'HUAXIN-IC')!.id;
  miit = orgs.find((o) => o.code === 'MIIT')!.id;
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

describe('a varied ruling', () => {
  let caseId: string;
  let appealedId: string;

  beforeAll(async () => {
    caseId = await filingInReview('Relocation of the interposer line (varied on appeal)');
    appealedId = await admittedAppealOnProhibition(caseId);
  });

  it('needs the varied decision, named as a field, through the API too', async () => {
    const before = await caseRow(caseId);
    const result = await server.graphql<{
      decideAppeal: { __typename: string; fieldErrors?: { field: string }[] };
    }>(
      `mutation($input: DecideAppealInput!) { decideAppeal(input: $input) {
        __typename ... on ValidationError { fieldErrors { field } } } }`,
      {
        input: {
          caseId: encodeGlobalID('Case', caseId),
          expectedVersion: before.version,
          outcome: 'VARIED',
          reasons: 'A prohibition goes further than the risk requires.',
        },
      },
      await bearerFor(database, 'panel2@icsr.example', instant),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.decideAppeal.__typename).toBe('ValidationError');
    expect(result.data!.decideAppeal.fieldErrors!.map((e) => e.field)).toEqual(['variedDecision']);
    expect((await caseRow(caseId)).version).toBe(before.version);
  });

  it('refuses a varied decision whose condition binds somebody who is no party, and writes nothing', async () => {
    const before = await database.db.select().from(decisions).where(eq(decisions.caseId, caseId));
    const refused = await failure(async (tx) =>
      decideAppeal(
        tx,
        who('panel2@icsr.example'),
        {
          caseId,
          expectedVersion: (await caseRow(caseId, tx)).version,
          outcome: 'VARIED',
          reasons: 'Conditions suffice.',
          variedDecision: {
            outcome: 'CLEARED_WITH_CONDITIONS',
            reasons: 'INTERNAL: keep the mother line at home.',
            noticeText: 'Cleared on condition that the pilot line stays.',
            conditions: [{ description: 'Keep the pilot line.', ownerOrganizationId: miit }],
          },
        },
        tick(),
      ),
    );
    expect(refused.code).toBe('VALIDATION');
    expect(await database.db.select().from(decisions).where(eq(decisions.caseId, caseId))).toEqual(before);
  });

  it('replaces the decision appealed with the panel’s, and monitors its conditions', async () => {
    const { appeal, variedDecision } = await run(async (tx) =>
      decideAppeal(
        tx,
        who('panel2@icsr.example'),
        {
          caseId,
          expectedVersion: (await caseRow(caseId, tx)).version,
          outcome: 'VARIED',
          reasons: 'Conditions suffice.',
          variedDecision: {
            outcome: 'CLEARED_WITH_CONDITIONS',
            strategy: 'DEFENCE',
            subStrategy: 'MOTHER_FACTORY',
            reasons: 'INTERNAL: keep the mother line at home.',
            noticeText: 'Cleared on condition that the pilot line stays.',
            conditions: [
              { description: 'Keep the pilot line in Wuxi.', ownerOrganizationId: huaxin, dueOn: '2027-06-30' },
            ],
          },
        },
        tick(),
      ),
    );
    expect(appeal.state).toBe('VARIED');
    expect((await caseRow(caseId)).state).toBe('MONITORING');
    const rows = await database.db.select().from(decisions).where(eq(decisions.caseId, caseId));
    expect(rows.find((d) => d.id === appealedId)!.state).toBe('SUPERSEDED');
    const issued = rows.find((d) => d.id === variedDecision!.id)!;
    expect(issued).toMatchObject({
      state: 'APPROVED',
      variesDecisionId: appealedId,
      outcome: 'CLEARED_WITH_CONDITIONS',
    });
    const conditionClocks = await database.db
      .select()
      .from(clocks)
      .where(and(eq(clocks.caseId, caseId), eq(clocks.phase, 'CONDITION')));
    // The condition's own clock runs to the end of its due date, Beijing time.
    expect(conditionClocks).toHaveLength(1);
    expect(conditionClocks[0]).toMatchObject({ ownerKind: 'CONDITION', stoppedAt: null });
    expect(conditionClocks[0]!.dueAt!.toISOString()).toBe('2027-06-30T15:59:59.999Z');
  });

  it('lets only a lead reviewer waive a condition, with reasons; then the case closes', async () => {
    const [condition] = await database.db.select().from(conditions).where(eq(conditions.caseId, caseId));
    const input = { conditionId: condition!.id, expectedVersion: condition!.version, reason: 'The line was sold.' };
    expect((await failure((tx) => waiveCondition(tx, who('officer@icsr.example'), input, tick()))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await failure((tx) => waiveCondition(tx, who('lead@icsr.example'), { ...input, reason: ' ' }, tick()))).code,
    ).toBe('VALIDATION');
    expect(
      (await failure((tx) => waiveCondition(tx, who('lead@icsr.example'), { ...input, expectedVersion: 99 }, tick())))
        .code,
    ).toBe('STALE_VERSION');
    const waived = await run((tx) => waiveCondition(tx, who('lead@icsr.example'), input, tick()));
    expect(waived.state).toBe('WAIVED');
    await run(async (tx) =>
      closeMonitoring(
        tx,
        who('officer@icsr.example'),
        { caseId, expectedVersion: (await caseRow(caseId, tx)).version },
        tick(),
      ),
    );
    expect((await caseRow(caseId)).state).toBe('CLOSED');
    expect((await verifyAuditTrail(database.db, systemActor('test'), { caseId })).valid).toBe(true);
  });
});

describe('a proposal sent back and a remittal', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await filingInReview('Relocation of the bumping line (remitted)');
    await run(async (tx) =>
      requestConsultations(
        tx,
        who('officer@icsr.example'),
        {
          caseId,
          expectedVersion: (await caseRow(caseId, tx)).version,
          departmentIds: [miit],
          question: 'Is the bumping line a node the chain depends on?',
        },
        tick(),
      ),
    );
    const [consultation] = await database.db.select().from(consultations).where(eq(consultations.caseId, caseId));
    await run((tx) =>
      respondToConsultation(
        tx,
        who('liaison@miit.example'),
        {
          consultationId: consultation!.id,
          expectedVersion: consultation!.version,
          opinion: 'CONCUR',
          rationale: 'Others can bump.',
        },
        tick(),
      ),
    );
  });

  it('cancels the representation requests still open on a proposal sent back, and stops their clocks', async () => {
    const { decision } = await propose(caseId, 'PROHIBITED');
    const [request] = await run((tx) =>
      requestRepresentations(tx, who('officer@icsr.example'), { decisionId: decision.id }, tick()),
    );
    expect(request!.state).toBe('OPEN');
    await run(async (tx) =>
      sendBackDecision(
        tx,
        who('lead2@icsr.example'),
        { caseId, expectedVersion: (await caseRow(caseId, tx)).version, reason: 'Look at the second source again.' },
        tick(),
      ),
    );
    const [after] = await database.db
      .select()
      .from(representationRequests)
      .where(eq(representationRequests.id, request!.id));
    expect(after!.state).toBe('CANCELLED');
    const [clock] = await database.db
      .select()
      .from(clocks)
      .where(and(eq(clocks.ownerKind, 'REPRESENTATION_REQUEST'), eq(clocks.ownerId, request!.id)));
    expect(clock!.stoppedAt).not.toBeNull();
    // The firm can no longer answer it.
    const late = await failure((tx) =>
      submitRepresentation(
        tx,
        who('rep@huaxin.example'),
        { representationRequestId: request!.id, expectedVersion: after!.version, representation: 'Too late.' },
        tick(),
      ),
    );
    expect(late.code).toBe('INVALID_TRANSITION');
  });

  it('sets the decision aside on a remittal, and opens a second round of consultations', async () => {
    const appealedId = await admittedAppealOnProhibition(caseId);
    await run(async (tx) =>
      decideAppeal(
        tx,
        who('panel2@icsr.example'),
        {
          caseId,
          expectedVersion: (await caseRow(caseId, tx)).version,
          outcome: 'REMITTED',
          reasons: 'The supply shares need a fresh look.',
        },
        tick(),
      ),
    );
    expect((await caseRow(caseId)).state).toBe('REVIEW');
    const [appealed] = await database.db.select().from(decisions).where(eq(decisions.id, appealedId));
    expect(appealed!.state).toBe('SET_ASIDE');

    await run(async (tx) =>
      requestConsultations(
        tx,
        who('officer@icsr.example'),
        {
          caseId,
          expectedVersion: (await caseRow(caseId, tx)).version,
          departmentIds: [miit],
          question: 'After the remittal: is the bumping line still replaceable?',
        },
        tick(),
      ),
    );
    const rounds = await database.db
      .select({ round: consultations.round, state: consultations.state })
      .from(consultations)
      .where(eq(consultations.caseId, caseId));
    expect(rounds.map((r) => r.round).sort()).toEqual([1, 2]);
    // Within the round, the department is not asked twice.
    const twice = await failure(async (tx) =>
      requestConsultations(
        tx,
        who('officer@icsr.example'),
        { caseId, expectedVersion: (await caseRow(caseId, tx)).version, departmentIds: [miit], question: 'Again?' },
        tick(),
      ),
    );
    expect(twice.code).toBe('VALIDATION');
    expect((await verifyAuditTrail(database.db, systemActor('test'), { caseId })).valid).toBe(true);
  });
});

describe('refiling a withdrawn case', () => {
  let withdrawnId: string;

  beforeAll(async () => {
    const filed = await run((tx) =>
      createFiling(
        tx,
        who('rep@huaxin.example'),
        {
          filerOrganizationId: huaxin,
          title: 'Sale of the wafer-test subsidiary',
          subject: 'ACQUISITION',
          summary: 'A foreign buyer for the test house.',
        },
        tick(),
      ),
    );
    await run((tx) =>
      applyCaseEvent(
        tx,
        who('rep@huaxin.example'),
        { caseId: filed.id, event: 'SUBMIT', expectedVersion: filed.version },
        tick(),
      ).then((r) => r.case),
    );
    await event('rep@huaxin.example', filed.id, 'WITHDRAW', 'The buyer withdrew its offer.');
    withdrawnId = filed.id;
  });

  it('is refused for a case that is not withdrawn, and for a firm that did not file it', async () => {
    const reviewed = await filingInReview('Relocation still under review');
    expect((await failure((tx) => refileCase(tx, who('rep@huaxin.example'), { caseId: reviewed }, tick()))).code).toBe(
      'INVALID_TRANSITION',
    );
    expect(
      (await failure((tx) => refileCase(tx, who('rep@jinghua.example'), { caseId: withdrawnId }, tick()))).code,
    ).toBe('NOT_FOUND');
  });

  it('creates a new draft linked to the withdrawn case, with its parties, once', async () => {
    const draft = await run((tx) =>
      refileCase(
        tx,
        who('rep@huaxin.example'),
        { caseId: withdrawnId, title: 'Sale of the wafer-test subsidiary (refiled)' },
        tick(),
      ),
    );
    expect(draft).toMatchObject({ state: 'DRAFT', refiledFromCaseId: withdrawnId, reference: null });
    expect(draft.title).toBe('Sale of the wafer-test subsidiary (refiled)');
    const parties = await database.db.select().from(caseParties).where(eq(caseParties.caseId, draft.id));
    const original = await database.db.select().from(caseParties).where(eq(caseParties.caseId, withdrawnId));
    expect(parties.map((p) => `${p.organizationId}:${p.role}`).sort()).toEqual(
      original.map((p) => `${p.organizationId}:${p.role}`).sort(),
    );
    expect(await database.db.select().from(caseNodes).where(eq(caseNodes.caseId, draft.id))).toHaveLength(
      (await database.db.select().from(caseNodes).where(eq(caseNodes.caseId, withdrawnId))).length,
    );
    expect((await caseRow(withdrawnId)).state).toBe('WITHDRAWN');
    expect(
      (await failure((tx) => refileCase(tx, who('rep@huaxin.example'), { caseId: withdrawnId }, tick()))).code,
    ).toBe('CONFLICT');
    // The refiled draft is filed like any other: it gets its own reference.
    const submitted = await run((tx) =>
      applyCaseEvent(
        tx,
        who('rep@huaxin.example'),
        { caseId: draft.id, event: 'SUBMIT', expectedVersion: draft.version },
        tick(),
      ).then((r) => r.case),
    );
    expect(submitted.state).toBe('SUBMITTED');
    expect(submitted.reference).toMatch(/^ICSR-2026-\d{6}$/);
    expect((await verifyAuditTrail(database.db, systemActor('test'), { caseId: withdrawnId })).valid).toBe(true);
  });
});
