/**
 * The full story through the browser across the roles (issue 17), in English: a firm files; the
 * officer accepts, classifies, sends it to review and consults MIIT, which objects; an institute
 * assesses; the firm answers an information request; in-depth review; a decision with a condition is
 * proposed, the firm is heard, a second lead reviewer approves it (four eyes); the firm appeals; the
 * panel varies the decision; the firm reports compliance; monitoring closes; the auditor verifies the
 * trail intact. Steps without a page object yet (inviting the institute, asking for information,
 * proposing with conditions, endorsing, confirming the condition, closing monitoring) go through the
 * API as the office.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launchBrowser, personContext } from './support/browser.ts';
import { Assessor, FirmRepresentative, Liaison, OutsideParty, PanelMember } from './support/parties.ts';
import { CaseOfficer, LeadReviewer } from './support/people.ts';
import { OfficeStory, officeFinishes } from './support/story.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function as<P>(
  make: new (page: import('playwright-core').Page, language: 'en') => P,
  email: string,
  totp = false,
) {
  const context = await personContext(browser, baseUrl, 'en');
  const person = new make(await context.newPage(), 'en') as P & OutsideParty;
  await (person as unknown as CaseOfficer).signIn(email, totp ? { totp: true } : {});
  return { person, close: () => context.close() };
}

describe('the full story', () => {
  it('runs from a filing to closed monitoring, the trail intact', async () => {
    const started = Date.now();
    const office = await OfficeStory.begin(baseUrl);
    const firmSession = await as(FirmRepresentative, 'rep@huaxin.example');
    const firm = firmSession.person;
    onTestFailed(async () => {
      await firm.page
        .screenshot({ path: `${process.env.E2E_FAILURE_DIR ?? '/tmp'}/e2e-failure-story.png` })
        .catch(() => {});
    });
    await firm.fileDraft({
      title: 'Full story: moving hybrid bonding to Johor',
      subject: 'RELOCATION',
      node: 'Advanced packaging',
      summary: 'Hybrid bonding moves to Johor in 2027; R&D stays in Wuxi.',
    });
    await firm.page.getByRole('button', { name: firm.t('firm.submit'), exact: true }).click();
    await firm.expectNext('SUBMITTED');
    const reference = (await firm.page.getByTestId('case-reference').textContent()) ?? '';
    const caseId = decodeURIComponent(new URL(firm.page.url()).pathname.split('/').at(-1) ?? '');

    // Screening and review by the officer, in the browser.
    const officerSession = await as(CaseOfficer, 'officer@icsr.example');
    const officer = officerSession.person;
    await officer.page.goto(`/cases/${encodeURIComponent(caseId)}`);
    await officer.expectCaseState('SUBMITTED');
    await officer.act('ACCEPT');
    await officer.expectCaseState('SCREENING');
    await officer.classify({ reason: 'Facts as filed.' });
    await officer.act('START_REVIEW');
    await officer.expectCaseState('REVIEW');
    await officer.requestConsultations(
      ['Ministry of Industry and Information Technology'],
      'Is the R&D promise credible?',
    );
    await office.inviteInstitute(caseId, 'CIIE', 'Assess the hybrid-bonding know-how at risk.');
    await office.requestInformation(caseId, 'HUAXIN-IC', 'Which bonding steps stay in Wuxi?');

    // MIIT objects.
    const miitSession = await as(Liaison, 'liaison@miit.example');
    await miitSession.person.openConsultation(reference);
    await miitSession.person.giveOpinion('OBJECT', 'Hybrid bonding has no second domestic source.');
    await miitSession.close();

    // CIIE assesses; the office endorses.
    const ciieSession = await as(Assessor, 'assessor@ciie.example');
    const ciie = ciieSession.person;
    await ciie.openAssessment(reference);
    await ciie.declare(false, 'No ties to the parties.');
    await ciie.expectNextStep('acceptOrDecline');
    await ciie.accept();
    await ciie.submitReport({
      scores: { INNOVATION: 3, MANUFACTURING: 4, SUPPORT: 2, REGULATORY: 1 },
      strategy: 'DEFENCE',
      subStrategy: 'MOTHER_FACTORY',
      report: 'The capacity leaves; the know-how can stay.',
      button: 'assessor.submit',
    });
    await ciieSession.close();
    await officeFinishes(office, caseId, 'endorse');

    // The firm answers the information request.
    await firm.page.reload();
    await firm.answer(
      'answer-',
      firm.t('information.answer'),
      'Process development and pilot runs.',
      firm.t('firm.sendAnswer'),
    );

    // The objection sends the case to in-depth review; a decision with a condition is proposed.
    await officer.page.reload();
    await officer.act('ESCALATE_TO_IN_DEPTH');
    await officer.expectCaseState('IN_DEPTH');
    await officerSession.close();
    await office.proposeWithCondition(caseId, {
      reasons: 'The objection is met by keeping R&D at home.',
      noticeText: 'Cleared on condition that hybrid-bonding R&D stays in China.',
      condition: 'Keep hybrid-bonding R&D in China until 2030.',
      owner: 'HUAXIN-IC',
    });

    // The firm is heard; a second person approves (four eyes).
    await firm.page.reload();
    await firm.answer(
      'representation',
      firm.t('firm.representation'),
      'Until 2028 would do.',
      firm.t('firm.sendRepresentation'),
    );
    const leadSession = await as(LeadReviewer, 'lead2@icsr.example', true);
    await leadSession.person.openWaitingDecision(reference);
    await leadSession.person.act('APPROVE_DECISION');
    await leadSession.person.expectCaseState('DECIDED');
    await leadSession.close();

    // The firm appeals; the panel varies the decision.
    await firm.page.reload();
    await firm.answer('appeal', firm.t('firm.grounds'), 'The condition outlasts the risk.', firm.t('firm.fileAppeal'));
    await firm.expectNext('APPEALED');
    const panelSession = await as(PanelMember, 'panel1@icsr.example');
    const panel = panelSession.person;
    await panel.openAppeal(reference);
    await panel.admit('Zhao Lei 赵磊', 'Filed in time.');
    await panel.vary({
      reasons: 'Two years suffice.',
      outcome: 'CLEARED_WITH_CONDITIONS',
      decisionReasons: 'The panel shortens the condition.',
      notice: 'Cleared on condition that hybrid-bonding R&D stays in China until 2028.',
      condition: 'Keep hybrid-bonding R&D in China until 2028.',
      owner: 'Huaxin Integrated Circuit Manufacturing Co.',
    });
    await panelSession.close();

    // The firm reports compliance; the office confirms and closes monitoring.
    await firm.page.reload();
    await firm.expectNext('MONITORING');
    await firm.answer(
      'compliance-',
      firm.t('firm.complianceReport'),
      'R&D stays in Wuxi.',
      firm.t('firm.sendCompliance'),
      true,
    );
    await officeFinishes(office, caseId, 'monitoring-done');
    await firm.page.reload();
    await firm.expectNext('CLOSED');
    await firmSession.close();

    // The auditor: the trail intact.
    const auditorSession = await as(OutsideParty, 'auditor@icsr.example');
    await auditorSession.person.page.goto(`/audit/${encodeURIComponent(caseId)}`);
    const verification = auditorSession.person.page.getByTestId('case-verification');
    await verification.waitFor();
    expect(await verification.getAttribute('data-valid')).toBe('true');
    await auditorSession.person.checkAccessibility('the closed case’s trail');
    await auditorSession.close();
    process.stdout.write(`e2e timing (full story): ${Date.now() - started} ms\n`);
  });
});
