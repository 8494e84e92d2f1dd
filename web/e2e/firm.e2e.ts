/**
 * A firm's journey (issue 17), in English: Huaxin's representative files through the wizard (draft,
 * completeness check, submit), answers the office's information request, is heard on the proposed
 * decision within its window, and appeals the decision within the appeal window. The office's side
 * runs through the API, with a department's opinion, an institute's terms of reference, a risk
 * grade and internal reasons on the case: none of their text reaches the firm's pages or its
 * browser's network answers.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launchBrowser, personContext } from './support/browser.ts';
import { FirmRepresentative } from './support/parties.ts';
import { OfficeStory, respondAs } from './support/story.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// What the firm must never read, written where only the office, departments and institutes may.
const secrets = {
  opinion: 'OPINION-MARKER: MIIT doubts the mother-factory promise',
  terms: 'TERMS-MARKER: assess the bonding know-how at risk',
  reasons: 'REASONS-MARKER: internal deliberation on the grade',
};

describe('the firm’s journey', () => {
  it('files, answers, is heard and appeals, and never sees what is not its own', async () => {
    const started = Date.now();
    const office = await OfficeStory.begin(baseUrl);
    const context = await personContext(browser, baseUrl, 'en');
    const firm = new FirmRepresentative(await context.newPage(), 'en');
    firm.recordNetwork();
    onTestFailed(async () => {
      await firm.page
        .screenshot({ path: `${process.env.E2E_FAILURE_DIR ?? '/tmp'}/e2e-failure-firm.png` })
        .catch(() => {});
    });

    await firm.signIn('rep@huaxin.example');
    expect(new URL(firm.page.url()).pathname).toBe('/my-cases');
    await firm.page.getByTestId('firm-cases').waitFor();
    await firm.checkAccessibility('our cases');
    await firm.fileDraft({
      title: 'Firm journey: moving wafer-level bonding to Penang',
      subject: 'RELOCATION',
      node: 'Advanced packaging',
      summary: 'The bonding line moves to Penang in 2027; R&D stays in Wuxi.',
    });
    await firm.expectNext('DRAFT');
    await expect.poll(() => firm.page.getByTestId('check-nodes').getAttribute('data-ok')).toBe('true');
    await firm.checkAccessibility('a draft with its completeness check');
    await firm.page.getByRole('button', { name: firm.t('firm.submit'), exact: true }).click();
    await firm.expectNext('SUBMITTED');
    const reference = (await firm.page.getByTestId('case-reference').textContent()) ?? '';
    expect(reference).toMatch(/^ICSR-\d{4}-\d{6}$/);
    const caseId = decodeURIComponent(new URL(firm.page.url()).pathname.split('/').at(-1) ?? '');

    // The office takes the case up, consults, commissions an assessment and asks the firm.
    await office.transition(caseId, 'acceptFiling');
    await office.classifyAndReview(caseId);
    await office.consult(caseId, ['MIIT'], 'Is the mother-factory arrangement credible?');
    await respondAs(baseUrl, 'liaison@miit.example', caseId, 'CONCUR_WITH_CONDITIONS', secrets.opinion);
    await office.inviteInstitute(caseId, 'CIIE', secrets.terms);
    await office.requestInformation(caseId, 'HUAXIN-IC', 'Which bonding steps stay in Wuxi?');

    await firm.page.reload();
    await firm.expectNext('REVIEW');
    await firm.page.getByText('Which bonding steps stay in Wuxi?').waitFor();
    await firm.checkAccessibility('an information request');
    await firm.answer(
      'answer-',
      firm.t('information.answer'),
      'Process development and pilot runs.',
      firm.t('firm.sendAnswer'),
    );

    // A proposal with a condition: the firm is heard on its notice text.
    await office.transition(caseId, 'escalateToInDepth');
    await office.proposeWithCondition(caseId, {
      reasons: secrets.reasons,
      noticeText: 'Cleared on condition that process R&D stays in China.',
      condition: 'Keep process R&D for bonding in China until 2030.',
      owner: 'HUAXIN-IC',
    });
    await firm.page.reload();
    await firm.expectNext('DECISION_PROPOSED');
    await firm.page.getByTestId('disclosed-text').filter({ hasText: 'Cleared on condition' }).waitFor();
    await expect.poll(() => firm.page.getByTestId('firm-representations').locator('.working-days').count()).toBe(1);
    await firm.checkAccessibility('the right to be heard');
    await firm.answer(
      'representation',
      firm.t('firm.representation'),
      'The condition should end in 2028.',
      firm.t('firm.sendRepresentation'),
    );

    // Decided: the firm appeals within the window.
    await office.approveAs('lead@icsr.example', caseId);
    await firm.page.reload();
    await firm.expectNext('DECIDED');
    await firm.page.getByText('Keep process R&D for bonding in China until 2030.').waitFor();
    await firm.checkAccessibility('a decision open to appeal');
    await firm.answer('appeal', firm.t('firm.grounds'), 'The condition outlasts the risk.', firm.t('firm.fileAppeal'));
    await firm.expectNext('APPEALED');
    await firm.page.getByTestId('firm-appeal').waitFor();
    await firm.page.getByRole('link', { name: firm.t('firm.back') }).click();
    await firm.page
      .getByTestId('firm-cases')
      .getByRole('link', { name: new RegExp(reference) })
      .waitFor();

    // Nothing of the deliberations reached the firm: not on screen, not over the network.
    const everything = [...firm.received, await firm.page.content()].join('\n');
    expect(firm.received.length).toBeGreaterThan(10);
    for (const secret of Object.values(secrets)) expect(everything).not.toContain(secret);
    for (const field of ['"riskScore"', '"riskGrade"', '"reasons"', '"opinion"', '"rationale"', '"assessments"']) {
      expect(everything).not.toContain(field);
    }
    await context.close();
    process.stdout.write(`e2e timing (firm): journey ${Date.now() - started} ms\n`);
  });
});
