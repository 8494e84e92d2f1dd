/**
 * Drives cases through the API as the people who would act, on one controllable clock, for the
 * transition-coverage test. Person events go through GraphQL mutations; clock expiries go through
 * the engine as the system, at an instant just past the deadline of the clock they are about.
 * After every step the `observe` hook sees the case (the illegal-event sweep runs there).
 */
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { expect } from 'vitest';
import { cases } from '../../../db/schema/cases.ts';
import { clocks } from '../../../db/schema/clocks.ts';
import { conditions, decisions } from '../../../db/schema/decisions.ts';
import { organizations, people } from '../../../db/schema/organizations.ts';
import type { Tx } from '../../../src/database/database.ts';
import { applyCaseEvent } from '../../../src/domain/engine/apply-case-event.ts';
import { applyWorkItemEvent, type WorkItemKind, workItemSpecs } from '../../../src/domain/engine/work-items.ts';
import { systemActor } from '../../../vocabulary/actor.ts';
import type { ClockPhase } from '../../../vocabulary/terms.ts';
import { bearerFor } from '../../support/sign-in.ts';
import type { TestDatabase } from '../../support/test-database.ts';
import type { TestServer } from '../../support/test-server.ts';

type Data = Record<string, unknown> & { __typename: string };
const errorTypes = ['NotFound', 'Forbidden', 'ValidationError', 'InvalidTransition', 'StaleVersion', 'Conflict'];
const errorSelection = '... on ValidationError { fieldErrors { field message } } ... on Error { message }';

export const OFFICER = 'officer@icsr.example';
export const LEAD = 'lead@icsr.example';
export const PANEL = ['panel1@icsr.example', 'panel2@icsr.example'] as const;
export const ADMIN = 'admin@icsr.example';

const classification = {
  securityType: 'CAPABILITY_DESTRUCTION',
  keyDimension: 'INDUSTRY_TRANSFER',
  capabilities: ['MANUFACTURING'],
  maturity: 'MATURE',
  strategy: 'DEFENCE',
  subStrategy: 'MOTHER_FACTORY',
  reason: 'A relocation of capacity abroad: industry transfer, medium risk.',
};

export class Driver {
  /** The server's instant: every request reads it; steps only ever move it forward. */
  clock = new Date('2026-11-23T02:00:00.000Z');

  /** The server the driver talks to; it reads {@link clock} as its `now`. */
  server!: TestServer;

  constructor(
    readonly database: TestDatabase,
    readonly observe: (caseId: string) => Promise<void>,
  ) {}

  nextDay(days = 1) {
    this.clock = new Date(this.clock.getTime() + days * 86_400_000);
  }

  /** Moves the clock past `instant` (never back): a deadline has passed. */
  passDeadline(instant: Date) {
    const after = new Date(instant.getTime() + 1000);
    if (after > this.clock) this.clock = after;
  }

  /** Runs a mutation as `email`; an error in its result (or in the response) fails the test, with its message. */
  async mutate(
    email: string,
    field: string,
    args:
      | { inputType: string; input: Record<string, unknown> }
      | { document: string; variables: Record<string, unknown> },
    selection = '__typename',
  ): Promise<Data> {
    const document =
      'document' in args
        ? args.document
        : `mutation($input: ${args.inputType}!) { ${field}(input: $input) { __typename ${selection} ${errorSelection} } }`;
    const variables = 'document' in args ? args.variables : { input: args.input };
    const result = await this.server.graphql<Record<string, Data>>(
      document,
      variables,
      await bearerFor(this.database, email, this.clock),
    );
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const data = result.data![field]!;
    expect(errorTypes, `${field} as ${email}: ${JSON.stringify(data)}`).not.toContain(data.__typename);
    return data;
  }

  async orgId(code: string): Promise<string> {
    const [row] = await this.database.db.select().from(organizations).where(eq(organizations.code, code));
    return row!.id;
  }

  async orgGid(code: string) {
    return encodeGlobalID('Organization', await this.orgId(code));
  }

  async personGid(email: string) {
    const [row] = await this.database.db.select().from(people).where(eq(people.email, email));
    return encodeGlobalID('Person', row!.id);
  }

  /** A firm's representative files a draft; nothing else happens to it yet. */
  async createFiling(filerEmail: string, firmCode: string, title: string): Promise<CaseRun> {
    const created = await this.mutate(
      filerEmail,
      'createFiling',
      {
        inputType: 'CreateFilingInput',
        input: { filerOrganizationId: await this.orgGid(firmCode), title, subject: 'RELOCATION' },
      },
      '... on CaseChanged { case { id } }',
    );
    const run = new CaseRun(this, decodeGlobalID((created.case as { id: string }).id).id, filerEmail);
    await this.observe(run.id);
    return run;
  }

  /** A firm files and submits. */
  async fileFirmCase(filerEmail: string, firmCode: string, title: string): Promise<CaseRun> {
    const run = await this.createFiling(filerEmail, firmCode, title);
    await run.act(filerEmail, 'submitFiling');
    return run;
  }

  /** The office opens a case itself: ex officio, or on a department's referral. */
  async openCase(input: Record<string, unknown>): Promise<CaseRun> {
    const opened = await this.mutate(
      OFFICER,
      'openCase',
      { inputType: 'OpenCaseInput', input: { subject: 'ACQUISITION', ...input } },
      '... on CaseChanged { case { id } }',
    );
    const run = new CaseRun(this, decodeGlobalID((opened.case as { id: string }).id).id, null);
    await this.observe(run.id);
    return run;
  }

  /** The running clock of an owner and phase. */
  async runningClock(ownerKind: string, ownerId: string, phase: ClockPhase) {
    const [clock] = await this.database.db
      .select()
      .from(clocks)
      .where(
        and(
          eq(clocks.ownerKind, ownerKind as 'CASE'),
          eq(clocks.ownerId, ownerId),
          eq(clocks.phase, phase),
          isNull(clocks.stoppedAt),
        ),
      );
    expect(clock, `a running ${phase} clock of ${ownerKind} ${ownerId}`).toBeDefined();
    return clock!;
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.database.db.transaction(work);
  }

  /** The system's clock event on a work item, once the item's own clock has run out. */
  async expireWorkItem(kind: WorkItemKind, itemId: string, event: string, caseId: string) {
    const spec = workItemSpecs[kind];
    const clock = await this.runningClock(spec.ownerKind, itemId, spec.phase);
    this.passDeadline(clock.dueAt);
    await this.transaction((tx) => applyWorkItemEvent(tx, systemActor('clock'), { kind, itemId, event }, this.clock));
    await this.observe(caseId);
  }
}

/** One case being driven; every step ends by letting the observer see it. */
export class CaseRun {
  readonly gid: string;

  constructor(
    readonly driver: Driver,
    readonly id: string,
    /** The firm representative who filed it; null for a case the office opened. */
    readonly filer: string | null,
  ) {
    this.gid = encodeGlobalID('Case', id);
  }

  async row() {
    const [row] = await this.driver.database.db.select().from(cases).where(eq(cases.id, this.id));
    return row!;
  }

  async state() {
    return (await this.row()).state;
  }

  async version() {
    return (await this.row()).version;
  }

  private async step<T>(work: () => Promise<T>): Promise<T> {
    const result = await work();
    await this.driver.observe(this.id);
    return result;
  }

  /** A mutation `field(input: $input)` as `email`, then the observer sees the case. */
  async mutate(email: string, field: string, inputType: string, input: Record<string, unknown>, selection?: string) {
    return this.step(() => this.driver.mutate(email, field, { inputType, input }, selection));
  }

  /** The office consults departments; returns each department's consultation by code. */
  async requestConsultations(codes: readonly string[]) {
    const requested = await this.mutate(
      OFFICER,
      'requestConsultations',
      'RequestConsultationsInput',
      {
        caseId: this.gid,
        expectedVersion: await this.version(),
        departmentIds: await Promise.all(codes.map((code) => this.driver.orgGid(code))),
        question: 'Does the transaction erode a capability?',
      },
      '... on ConsultationsRequested { consultations { id department { code } } }',
    );
    const list = requested.consultations as { id: string; department: { code: string } }[];
    return Object.fromEntries(list.map((c) => [c.department.code, decodeGlobalID(c.id).id]));
  }

  /** A department's liaison answers its consultation (in time or late), concurring. */
  async respondToConsultation(email: string, consultationId: string) {
    const current = await this.driver.database.db.query.consultations.findFirst({ where: { id: consultationId } });
    return this.mutate(email, 'respondToConsultation', 'RespondToConsultationInput', {
      consultationId: encodeGlobalID('Consultation', consultationId),
      expectedVersion: current!.version,
      opinion: 'CONCUR',
      rationale: 'No capability loss.',
    });
  }

  /** An assessment action; returns the assessment as the actor sees it afterwards (null once they may not). */
  async assessmentStep(email: string, field: string, inputType: string, input: Record<string, unknown>) {
    const changed = await this.mutate(
      email,
      field,
      inputType,
      input,
      '... on AssessmentChanged { assessment { id version } }',
    );
    return changed.assessment as { id: string; version: number } | null;
  }

  async inviteInstitute(code: string) {
    const invited = await this.assessmentStep(OFFICER, 'inviteInstitute', 'InviteInstituteInput', {
      caseId: this.gid,
      instituteId: await this.driver.orgGid(code),
      termsOfReference: 'Assess the capability at stake.',
    });
    return invited!;
  }

  /** The office asks a party for information; returns the request's global ID and version. */
  async requestInformation(code: string) {
    const asked = await this.mutate(
      OFFICER,
      'requestInformation',
      'RequestInformationInput',
      { caseId: this.gid, addressedToOrganizationId: await this.driver.orgGid(code), questions: 'Who funds it?' },
      '... on InformationRequestChanged { informationRequest { id version } }',
    );
    return asked.informationRequest as { id: string; version: number };
  }

  /** A case action (CaseActionInput → CaseTransitioned). */
  async act(email: string, field: string, reason?: string) {
    return this.step(async () =>
      this.driver.mutate(
        email,
        field,
        {
          inputType: 'CaseActionInput',
          input: { caseId: this.gid, expectedVersion: await this.version(), ...(reason ? { reason } : {}) },
        },
        '... on CaseTransitioned { to }',
      ),
    );
  }

  async classify() {
    return this.step(async () =>
      this.driver.mutate(OFFICER, 'classifyCase', {
        inputType: 'ClassifyCaseInput',
        input: { caseId: this.gid, expectedVersion: await this.version(), ...classification },
      }),
    );
  }

  /** From SUBMITTED or SCREENING to REVIEW: accepted, classified, review started. */
  async toReview() {
    if ((await this.state()) === 'SUBMITTED') await this.act(OFFICER, 'acceptFiling');
    await this.classify();
    await this.act(OFFICER, 'startReview');
  }

  /** The officer proposes; a clearance with conditions binds the filer. */
  async propose(outcome: 'CLEARED' | 'CLEARED_WITH_CONDITIONS', conditionCount = 1) {
    const owner = await this.filerOrgGid();
    const conditionList =
      outcome === 'CLEARED_WITH_CONDITIONS'
        ? Array.from({ length: conditionCount }, (_, i) => ({
            description: `Condition ${i + 1}: keep process development at home for five years.`,
            ownerOrganizationId: owner,
            dueOn: '2027-06-30',
          }))
        : [];
    return this.step(async () => {
      const proposed = await this.driver.mutate(
        OFFICER,
        'proposeDecision',
        {
          inputType: 'ProposeDecisionInput',
          input: {
            caseId: this.gid,
            expectedVersion: await this.version(),
            outcome,
            strategy: 'DEFENCE',
            subStrategy: 'MOTHER_FACTORY',
            reasons: 'INTERNAL: process development must stay at home.',
            noticeText: 'The office proposes to clear the relocation.',
            conditions: conditionList,
          },
        },
        '... on DecisionAction { decision { id } }',
      );
      return (proposed.decision as { id: string }).id;
    });
  }

  private async filerOrgGid() {
    return encodeGlobalID('Organization', (await this.row()).filerOrganizationId!);
  }

  /** The proposal is disclosed to the parties; returns the requests (one per party). */
  async requestRepresentations(decisionGid: string) {
    return this.step(async () => {
      const requested = await this.driver.mutate(OFFICER, 'requestRepresentations', {
        document:
          'mutation($id: ID!) { requestRepresentations(decisionId: $id) { __typename ... on RepresentationsRequested { requests { id version } } ... on Error { message } } }',
        variables: { id: decisionGid },
      });
      return requested.requests as { id: string; version: number }[];
    });
  }

  async submitRepresentation(email: string, request: { id: string; version: number }) {
    return this.step(async () =>
      this.driver.mutate(email, 'submitRepresentation', {
        inputType: 'SubmitRepresentationInput',
        input: { representationRequestId: request.id, expectedVersion: request.version, representation: 'Agreed.' },
      }),
    );
  }

  /** Another lead reviewer than the proposer approves. */
  async approve() {
    return this.decisionAction(LEAD, 'approveDecision');
  }

  async sendBack(reason: string) {
    return this.decisionAction(LEAD, 'sendBackDecision', reason);
  }

  async closeMonitoring() {
    return this.decisionAction(OFFICER, 'closeMonitoring');
  }

  private async decisionAction(email: string, field: string, reason?: string) {
    return this.step(async () =>
      this.driver.mutate(email, field, {
        inputType: 'DecisionCaseInput',
        input: { caseId: this.gid, expectedVersion: await this.version(), ...(reason ? { reason } : {}) },
      }),
    );
  }

  /**
   * A decision in force: proposed, disclosed to the parties when it carries conditions (who answer,
   * or whose window runs out when `representations` is 'expire'), and approved.
   */
  async decide(
    outcome: 'CLEARED' | 'CLEARED_WITH_CONDITIONS',
    options: { conditions?: number; representations?: 'submit' | 'expire' } = {},
  ) {
    this.driver.nextDay();
    const decision = await this.propose(outcome, options.conditions ?? 1);
    if (outcome === 'CLEARED_WITH_CONDITIONS') {
      const requests = await this.requestRepresentations(decision);
      this.driver.nextDay();
      for (const request of requests) {
        if (options.representations === 'expire') {
          const { id } = decodeGlobalID(request.id);
          await this.driver.expireWorkItem('representationRequest', id, 'WINDOW_EXPIRED', this.id);
        } else {
          await this.submitRepresentation(this.filer!, request);
        }
      }
    }
    this.driver.nextDay();
    await this.approve();
    expect(await this.state()).toBe('DECIDED');
  }

  async fileAppeal() {
    this.driver.nextDay();
    return this.step(async () =>
      this.driver.mutate(this.filer!, 'fileAppeal', {
        inputType: 'FileAppealInput',
        input: {
          caseId: this.gid,
          expectedVersion: await this.version(),
          grounds: 'The decision is disproportionate.',
        },
      }),
    );
  }

  /** A panel of both members rules on admissibility. */
  async ruleOnAdmissibility(field: 'admitAppeal' | 'dismissAppeal') {
    const panelMemberIds = await Promise.all(PANEL.map((email) => this.driver.personGid(email)));
    return this.step(async () =>
      this.driver.mutate(PANEL[0], field, {
        inputType: 'AppealRulingInput',
        input: {
          caseId: this.gid,
          expectedVersion: await this.version(),
          panelMemberIds,
          reason: 'Ruled on the file.',
        },
      }),
    );
  }

  async decideAppeal(outcome: 'UPHELD' | 'REMITTED' | 'VARIED', variedDecision?: Record<string, unknown>) {
    this.driver.nextDay();
    return this.step(async () =>
      this.driver.mutate(PANEL[1], 'decideAppeal', {
        inputType: 'DecideAppealInput',
        input: {
          caseId: this.gid,
          expectedVersion: await this.version(),
          outcome,
          reasons: 'Ruled on the merits.',
          ...(variedDecision ? { variedDecision } : {}),
        },
      }),
    );
  }

  /** The panel varies the decision, recording the one it puts in place (binding the filer, if conditional). */
  async varyOnAppeal(outcome: 'CLEARED' | 'CLEARED_WITH_CONDITIONS') {
    const owner = await this.filerOrgGid();
    return this.decideAppeal('VARIED', {
      outcome,
      strategy: 'DEFENCE',
      subStrategy: 'MOTHER_FACTORY',
      reasons: 'The panel narrows the condition.',
      noticeText: 'The panel varies the decision.',
      conditions:
        outcome === 'CLEARED_WITH_CONDITIONS'
          ? [{ description: 'Keep process development at home for three years.', ownerOrganizationId: owner }]
          : [],
    });
  }

  /** The conditions of the decision in force (the newest approved one, as the engine reads it). */
  async conditions() {
    const [inForce] = await this.driver.database.db
      .select()
      .from(decisions)
      .where(and(eq(decisions.caseId, this.id), eq(decisions.state, 'APPROVED')))
      .orderBy(desc(decisions.proposedAt))
      .limit(1);
    const rows = await this.driver.database.db.select().from(conditions).where(eq(conditions.decisionId, inForce!.id));
    return rows.sort((a, b) => a.description.localeCompare(b.description));
  }

  async conditionRuling(email: string, field: string, condition: { id: string; version: number }, reason?: string) {
    return this.step(async () =>
      this.driver.mutate(email, field, {
        inputType: 'ConditionRulingInput',
        input: {
          conditionId: encodeGlobalID('Condition', condition.id),
          expectedVersion: condition.version,
          caseExpectedVersion: await this.version(),
          ...(reason ? { reason } : {}),
        },
      }),
    );
  }

  /** The system's clock event on the case, once the case's running `phase` clock has run out. */
  async expire(event: string, phase: ClockPhase) {
    const clock = await this.driver.runningClock('CASE', this.id, phase);
    this.driver.passDeadline(clock.dueAt);
    return this.step(async () => {
      const expectedVersion = await this.version();
      return this.driver.transaction((tx) =>
        applyCaseEvent(tx, systemActor('clock'), { caseId: this.id, event, expectedVersion }, this.driver.clock),
      );
    });
  }

  /** A system event on the case that no clock is about (all conditions settled). */
  async systemEvent(event: string) {
    return this.step(async () => {
      const expectedVersion = await this.version();
      return this.driver.transaction((tx) =>
        applyCaseEvent(tx, systemActor('monitoring'), { caseId: this.id, event, expectedVersion }, this.driver.clock),
      );
    });
  }
}
