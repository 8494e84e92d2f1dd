/**
 * Every transition of every workflow definition is taken at least once, and every illegal event in
 * every state is refused with InvalidTransition (issue 5, "Tests that must exist").
 *
 * The list of transitions comes from the registry's tables; what was covered comes from the audit
 * trail the engines wrote (state before and after, event, sender), never from this test's own
 * bookkeeping. Person events go through the GraphQL mutations as the person who would act; clock
 * expiries go through the engine as the system, at an instant past the clock's deadline. One seeded
 * database serves the whole file; each scenario drives its own cases, in order.
 */

import { decodeGlobalID } from '@pothos/plugin-relay';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { informationRequests } from '../../db/schema/work-items.ts';
import { cnCsrRegime } from '../../workflows/regimes/cn-csr.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { ADMIN, type CaseRun, Driver, LEAD, OFFICER } from './coverage/driver.ts';
import { IllegalEventSweep } from './coverage/illegal-events.ts';
import {
  allTransitions,
  definitions,
  lastAuditId,
  recordedTransitions,
  transitionKey,
} from './coverage/transitions.ts';

let database: TestDatabase;
let server: TestServer;
let driver: Driver;
let sweep: IllegalEventSweep;
/** Audit entries up to this one were written by the seed: only later ones count. */
let seededUpTo: number;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  driver = new Driver(database, (caseId) => sweep.observeCase(caseId));
  sweep = new IllegalEventSweep(database.db, () => driver.clock);
  server = await startTestServer(database, { deps: { now: () => driver.clock } });
  driver.server = server;
  seededUpTo = await lastAuditId(database.db);

  // CN_CSR v1 gives an information request no clock of its own (the phase clock pauses instead) and
  // the in-depth review no extension. The administrator publishes a version that has both, as the
  // default for new cases, so that ANSWER_DEADLINE_PASSED and EXTEND_PHASE in IN_DEPTH can happen.
  const answerWithin = { unit: 'WORKING_DAYS', length: 10, source: 'test regime: 10 WD to answer' } as const;
  const { code: _code, version: _version, ...draft } = cnCsrRegime;
  const definition = {
    ...draft,
    name: 'Cybersecurity review, with an answer limit and an in-depth extension (test)',
    clocks: {
      ...draft.clocks,
      IN_DEPTH: { ...draft.clocks.IN_DEPTH!, extension: { length: 30, maxTimes: 1 } },
      INFORMATION_REQUEST: answerWithin,
    },
    informationRequestAnswerWithin: answerWithin,
  };
  await driver.mutate(
    ADMIN,
    'publishRegimeVersion',
    {
      inputType: 'PublishRegimeVersionInput',
      input: { code: 'CN_CSR', definition: JSON.stringify(definition), isDefault: true, reason: 'coverage test' },
    },
    '... on Regime { version }',
  );
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

describe('the transitions listed from the definitions', () => {
  it('tell alternatives apart by the state they lead to, as the audit trail records them', () => {
    const keys = allTransitions().map(transitionKey);
    expect(new Set(keys).size).toBe(keys.length);
    // Sanity: the list is the definitions' rows, each `from` state counted once.
    const rows = definitions.flatMap((d) => d.transitions.flatMap((row) => row.from.map(() => row)));
    expect(keys).toHaveLength(rows.length);
  });
});

describe('filing', () => {
  it('a firm discards its draft', async () => {
    const draft = await driver.createFiling('rep@jinghua.example', 'JINGHUA-PR', 'A draft the firm thinks better of');
    await draft.act('rep@jinghua.example', 'discardFiling');
    expect(await draft.state()).toBe('CLOSED');
  });

  it('a returned filing lapses when the resubmission window passes', async () => {
    const filing = await driver.fileFirmCase('rep@dongfang-eda.example', 'DONGFANG-EDA', 'An incomplete filing');
    await filing.act(OFFICER, 'returnForCompletion', 'The ownership chart is missing.');
    await filing.expire('RESUBMISSION_WINDOW_EXPIRED', 'RESUBMISSION');
    expect(await filing.state()).toBe('WITHDRAWN');
  });
});

describe('withdrawal before a decision', () => {
  const rep = 'rep@meridian.example';
  const file = (title: string) => driver.fileFirmCase(rep, 'MERIDIAN-CAP', title);

  it('from SUBMITTED, by the firm', async () => {
    const filing = await file('Withdrawn once filed');
    await filing.act(rep, 'withdrawCase');
    expect(await filing.state()).toBe('WITHDRAWN');
  });

  it('from RETURNED, after a resubmission and a second return', async () => {
    const filing = await file('Withdrawn once returned');
    await filing.act(OFFICER, 'returnForCompletion', 'The ownership chart is missing.');
    await filing.act(rep, 'submitFiling');
    await filing.act(OFFICER, 'returnForCompletion', 'The chart is still incomplete.');
    await filing.act(rep, 'withdrawCase');
    expect(await filing.state()).toBe('WITHDRAWN');
  });

  it('from SCREENING, recorded by the office', async () => {
    const filing = await file('Withdrawn in screening');
    await filing.act(OFFICER, 'acceptFiling');
    await filing.act(OFFICER, 'withdrawCase');
    expect(await filing.state()).toBe('WITHDRAWN');
  });

  it('from REVIEW', async () => {
    const filing = await file('Withdrawn in review');
    await filing.toReview();
    await filing.act(rep, 'withdrawCase');
    expect(await filing.state()).toBe('WITHDRAWN');
  });

  it('from IN_DEPTH', async () => {
    const filing = await file('Withdrawn in in-depth review');
    await filing.toReview();
    await filing.act(OFFICER, 'escalateToInDepth');
    await filing.act(rep, 'withdrawCase');
    expect(await filing.state()).toBe('WITHDRAWN');
  });

  it('from DECISION_PROPOSED', async () => {
    const filing = await file('Withdrawn with a decision proposed');
    await filing.toReview();
    await filing.propose('CLEARED');
    await filing.act(rep, 'withdrawCase');
    expect(await filing.state()).toBe('WITHDRAWN');
  });
});

describe('cases the office opens', () => {
  it('ex officio, closed after screening', async () => {
    const opened = await driver.openCase({ title: 'A rumoured sale of a mask shop' });
    await opened.act(OFFICER, 'closeAfterScreening', 'No key technology at stake.');
    expect(await opened.state()).toBe('CLOSED');
  });

  it('on referral: work items of every kind, extensions, send-backs from both phases, a decision nobody appeals', {
    timeout: 120_000,
  }, async () => {
    const referral = await driver.openCase({
      title: 'Proposed acquisition of an EDA vendor, referred by the ministry',
      referringDepartmentId: await driver.orgGid('MOFCOM'),
      parties: [
        { organizationId: await driver.orgGid('MERIDIAN-CAP'), role: 'ACQUIRER' },
        { organizationId: await driver.orgGid('DONGFANG-EDA'), role: 'TARGET' },
      ],
    });
    await referral.toReview();
    await referral.act(LEAD, 'extendPhase', 'The acquirer’s filings are voluminous.');

    // Two departments: one answers in time, the other only after its deadline has passed.
    const consultation = await referral.requestConsultations(['MIIT', 'NDRC']);
    driver.nextDay();
    await referral.respondToConsultation('liaison@miit.example', consultation.MIIT!);
    await driver.expireWorkItem('consultation', consultation.NDRC!, 'RESPONSE_DEADLINE_PASSED', referral.id);
    await referral.respondToConsultation('liaison@ndrc.example', consultation.NDRC!);

    // One institute reports, is sent back once and endorsed; the other declines.
    const assessor = 'assessor@ciie.example';
    const report = {
      report: 'Capability abroad is limited.',
      capabilityScores: { INNOVATION: 3, MANUFACTURING: 2, SUPPORT: 3, REGULATORY: 4 },
      recommendedStrategy: 'DEFENCE',
      recommendedSubStrategy: 'MOTHER_FACTORY',
    };
    const on = (item: { id: string; version: number }) => ({ assessmentId: item.id, expectedVersion: item.version });
    let ciie = await referral.inviteInstitute('CIIE');
    await referral.mutate(assessor, 'declareConflict', 'DeclareConflictInput', {
      assessmentId: ciie.id,
      hasConflict: false,
      statement: 'No ties to either party.',
    });
    ciie = (await referral.assessmentStep(assessor, 'acceptAssessment', 'AssessmentActionInput', on(ciie)))!;
    ciie = (await referral.assessmentStep(assessor, 'submitAssessment', 'SubmitAssessmentInput', {
      ...on(ciie),
      ...report,
    }))!;
    ciie = (await referral.assessmentStep(OFFICER, 'returnAssessment', 'AssessmentReasonInput', {
      ...on(ciie),
      reason: 'Score the support capability too.',
    }))!;
    ciie = (await referral.assessmentStep(assessor, 'submitAssessment', 'SubmitAssessmentInput', {
      ...on(ciie),
      ...report,
    }))!;
    await referral.assessmentStep(LEAD, 'endorseAssessment', 'AssessmentActionInput', on(ciie));
    const icrs = await referral.inviteInstitute('ICRS');
    await referral.assessmentStep('assessor@icrs.example', 'declineAssessment', 'AssessmentReasonInput', {
      ...on(icrs),
      reason: 'No capacity this quarter.',
    });
    // Invited again later, it does not take the invitation up: the office withdraws it.
    const icrsAgain = await referral.inviteInstitute('ICRS');
    await referral.assessmentStep(OFFICER, 'withdrawAssessment', 'AssessmentReasonInput', {
      ...on(icrsAgain),
      reason: 'The question is settled; the assessment is no longer needed.',
    });
    // Invited a third time, it accepts but cannot report in time: the office withdraws it before the report.
    let icrsThird = await referral.inviteInstitute('ICRS');
    await referral.mutate('assessor@icrs.example', 'declareConflict', 'DeclareConflictInput', {
      assessmentId: icrsThird.id,
      hasConflict: false,
      statement: 'No ties to either party.',
    });
    icrsThird = (await referral.assessmentStep(
      'assessor@icrs.example',
      'acceptAssessment',
      'AssessmentActionInput',
      on(icrsThird),
    ))!;
    await referral.assessmentStep(LEAD, 'withdrawAssessment', 'AssessmentReasonInput', {
      ...on(icrsThird),
      reason: 'The institute cannot report before the review ends.',
    });

    // Information: the acquirer answers; the target lets the deadline pass.
    const toAcquirer = await referral.requestInformation('MERIDIAN-CAP');
    driver.nextDay();
    await referral.mutate('rep@meridian.example', 'answerInformationRequest', 'AnswerInformationRequestInput', {
      informationRequestId: toAcquirer.id,
      expectedVersion: toAcquirer.version,
      answer: 'Its own funds.',
    });
    const toTarget = decodeGlobalID((await referral.requestInformation('DONGFANG-EDA')).id).id;
    await driver.expireWorkItem('informationRequest', toTarget, 'ANSWER_DEADLINE_PASSED', referral.id);
    const [expired] = await database.db.select().from(informationRequests).where(eq(informationRequests.id, toTarget));
    expect(expired!.state).toBe('EXPIRED');

    // Proposed in review and sent back there; in-depth review, extended, proposed and sent back;
    // proposed again and approved; nobody appeals and, with no conditions, the case closes.
    await referral.propose('CLEARED');
    await referral.sendBack('Wait for the in-depth review.');
    expect(await referral.state()).toBe('REVIEW');
    await referral.act(OFFICER, 'escalateToInDepth');
    await referral.act(OFFICER, 'extendPhase', 'A second institute is needed.');
    await referral.propose('CLEARED');
    await referral.sendBack('Reason the proportionality.');
    expect(await referral.state()).toBe('IN_DEPTH');
    await referral.decide('CLEARED');
    await referral.expire('APPEAL_WINDOW_EXPIRED', 'APPEAL_WINDOW');
    expect(await referral.state()).toBe('CLOSED');
  });
});

describe('decisions that stand, are varied or are remitted', () => {
  /** MONITORING → REVIEW: the office records a breach of the first open condition. */
  async function breach(run: CaseRun) {
    const [condition] = (await run.conditions()).filter((c) => c.state === 'OPEN');
    await run.conditionRuling(OFFICER, 'recordConditionBreach', condition!, 'Process development moved abroad.');
    expect(await run.state()).toBe('REVIEW');
  }

  it('appeal dismissed → monitoring; breach → review; cleared; appeal upheld → closed', {
    timeout: 60_000,
  }, async () => {
    const run = await driver.fileFirmCase('rep@huaxin.example', 'HUAXIN-IC', 'Relocation of a test line');
    await run.toReview();
    await run.decide('CLEARED_WITH_CONDITIONS');
    await run.fileAppeal();
    await run.ruleOnAdmissibility('dismissAppeal');
    expect(await run.state()).toBe('MONITORING');
    await breach(run);
    await run.decide('CLEARED');
    await run.fileAppeal();
    await run.ruleOnAdmissibility('admitAppeal');
    await run.decideAppeal('UPHELD');
    expect(await run.state()).toBe('CLOSED');
  });

  it('representations lapse; appeal upheld → monitoring; breach; cleared; appeal dismissed → closed', {
    timeout: 60_000,
  }, async () => {
    const run = await driver.fileFirmCase('rep@jinghua.example', 'JINGHUA-PR', 'Relocation of a resin line');
    await run.toReview();
    await run.decide('CLEARED_WITH_CONDITIONS', { representations: 'expire' });
    await run.fileAppeal();
    await run.ruleOnAdmissibility('admitAppeal');
    await run.decideAppeal('UPHELD');
    expect(await run.state()).toBe('MONITORING');
    await breach(run);
    await run.decide('CLEARED');
    await run.fileAppeal();
    await run.ruleOnAdmissibility('dismissAppeal');
    expect(await run.state()).toBe('CLOSED');
  });

  it('remitted; decided again; the window passes → monitoring; one condition met, one waived; closed by the office', {
    timeout: 60_000,
  }, async () => {
    const run = await driver.fileFirmCase('rep@dongfang-eda.example', 'DONGFANG-EDA', 'Relocation of a design centre');
    await run.toReview();
    await run.decide('CLEARED_WITH_CONDITIONS');
    await run.fileAppeal();
    await run.ruleOnAdmissibility('admitAppeal');
    await run.decideAppeal('REMITTED');
    expect(await run.state()).toBe('REVIEW');
    // A proposal disclosed to the parties is sent back before they answer: the request is cancelled.
    const disclosed = await run.propose('CLEARED_WITH_CONDITIONS');
    await run.requestRepresentations(disclosed);
    await run.sendBack('Tighten the condition first.');
    await run.decide('CLEARED_WITH_CONDITIONS', { conditions: 2 });
    await run.expire('APPEAL_WINDOW_EXPIRED', 'APPEAL_WINDOW');
    expect(await run.state()).toBe('MONITORING');
    const [first, second] = await run.conditions();
    await run.conditionRuling(OFFICER, 'confirmConditionMet', first!);
    await run.conditionRuling(LEAD, 'waiveCondition', second!, 'Overtaken by the new export rules.');
    await run.closeMonitoring();
    expect(await run.state()).toBe('CLOSED');
  });

  it('varied with conditions → monitoring; the conditions met, the system closes it', { timeout: 60_000 }, async () => {
    const run = await driver.fileFirmCase('rep@meridian.example', 'MERIDIAN-CAP', 'Relocation of a fund’s holding');
    await run.toReview();
    await run.decide('CLEARED_WITH_CONDITIONS');
    await run.fileAppeal();
    await run.ruleOnAdmissibility('admitAppeal');
    await run.varyOnAppeal('CLEARED_WITH_CONDITIONS');
    expect(await run.state()).toBe('MONITORING');
    for (const condition of await run.conditions()) {
      await run.conditionRuling(OFFICER, 'confirmConditionMet', condition);
    }
    await run.systemEvent('ALL_CONDITIONS_MET');
    expect(await run.state()).toBe('CLOSED');
  });

  it('varied to a plain clearance → closed', { timeout: 60_000 }, async () => {
    const run = await driver.fileFirmCase('rep@huaxin.example', 'HUAXIN-IC', 'Relocation of a second test line');
    await run.toReview();
    await run.decide('CLEARED_WITH_CONDITIONS');
    await run.fileAppeal();
    await run.ruleOnAdmissibility('admitAppeal');
    await run.varyOnAppeal('CLEARED');
    expect(await run.state()).toBe('CLOSED');
  });
});

describe('coverage', () => {
  it('every transition of every definition was recorded in the audit trail, by each kind of sender its row admits', async () => {
    const recorded = await recordedTransitions(database.db, seededUpTo);
    const seen = new Set(recorded.map((r) => `${transitionKey(r)} [${r.channel}]`));
    const listed = allTransitions();
    const missing = listed.flatMap((t) =>
      t.channels
        .map((channel) => `${transitionKey(t)} [${channel}]`)
        .filter((key) => !seen.has(key))
        .map(
          (key) =>
            `${key} (row ${t.row}${t.alternatives > 1 ? `, alternative ${t.alternative + 1} of ${t.alternatives}` : ''})`,
        ),
    );
    expect(missing).toEqual([]);
    // And the engines recorded nothing the definitions do not allow.
    const known = new Set(listed.map(transitionKey));
    expect(recorded.filter((r) => !known.has(transitionKey(r))).map(transitionKey)).toEqual([]);
  });

  it('every state of every definition was reached, and swept for illegal events', () => {
    const states = definitions.flatMap((d) => d.states.map((s) => `${d.id}:${s}`));
    expect(states.filter((s) => !sweep.swept.has(s))).toEqual([]);
  });

  it('every illegal event was refused with InvalidTransition naming the state, the event and the allowed events', () => {
    expect(sweep.attempts.filter((a) => a.problem !== '')).toEqual([]);
    // One attempt per illegal (state, event) pair of the states reached.
    const illegal = definitions.flatMap((d) =>
      d.states
        .filter((state) => sweep.swept.has(`${d.id}:${state}`))
        .flatMap((state) =>
          [...new Set(d.transitions.map((row) => row.event))]
            .filter((event) => !d.transitions.some((row) => row.event === event && row.from.includes(state)))
            .map((event) => `${d.id}:${state}:${event}`),
        ),
    );
    expect(sweep.attempts.map((a) => `${a.workflow}:${a.state}:${a.event}`).sort()).toEqual(illegal.sort());
  });

  it('sent each illegal event as a sender the definition allows for it, except where none of them sees the instance', () => {
    // The office never sees a firm's draft, so there the filer sends the office's events; an institute
    // that declined (or was withdrawn) no longer sees the case, so the system sends the assessor's events
    // to its assessment.
    const stoodIn = sweep.attempts.filter((a) => !a.senderAllowed);
    expect([...new Set(stoodIn.map((a) => `${a.workflow}:${a.state} by ${a.sender}`))].sort()).toEqual([
      'assessment:DECLINED by SYSTEM',
      'assessment:WITHDRAWN by SYSTEM',
      'case:DRAFT by FIRM_REPRESENTATIVE',
    ]);
  });
});
