/**
 * The office withdraws an assessment invitation and invites another institute (issue 11), in the
 * browser, in both languages: the assessments tab offers "Withdraw invitation" where the API lists
 * WITHDRAW for the assessment, asks for the required reasons, and the list shows it withdrawn; the
 * invitation form then invites another institute, whose new invitation can be withdrawn in turn.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launchBrowser, personContext } from './support/browser.ts';
import { CaseOfficer, type Language } from './support/people.ts';
import { OfficeStory } from './support/story.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const institutes = {
  ICRS: { en: 'Institute for Chain Resilience Studies', 'zh-CN': '产业链韧性研究院' },
  CIIE: { en: 'Institute of Industrial Economics', 'zh-CN': '工业经济研究所' },
} as const;

describe.each(['en', 'zh-CN'] as const)('the office withdraws an invitation in %s', (language: Language) => {
  it('withdraws the invitation with reasons, and invites another institute', async () => {
    const office = await OfficeStory.begin(baseUrl);
    const { id, reference } = await office.caseUnderReview(`Withdrawal journey (${language}): a relocated line`);
    await office.inviteInstitute(id, 'ICRS', 'Assess the supplier concentration.');

    const context = await personContext(browser, baseUrl, language);
    const officer = new CaseOfficer(await context.newPage(), language);
    const page = officer.page;
    onTestFailed(async () => {
      await page
        .screenshot({ path: `${process.env.E2E_FAILURE_DIR ?? '/tmp'}/e2e-failure-withdraw-${language}.png` })
        .catch(() => {});
    });
    await officer.signIn('officer@icsr.example');
    await page.goto(`/cases/${encodeURIComponent(id)}?tab=assessments`);
    await page.getByTestId('case-reference').filter({ hasText: reference }).waitFor();

    const row = (institute: keyof typeof institutes) =>
      page.getByTestId('assessment').filter({ hasText: institutes[institute][language] });
    const withdraw = (institute: keyof typeof institutes) =>
      row(institute).getByRole('button', { name: officer.t('assessments.actions.WITHDRAW'), exact: true });
    const stateOf = (institute: keyof typeof institutes) => row(institute).getByTestId('assessment-state');
    const invited = officer.processLabel('ASSESSMENT_STATE', 'INVITED');
    const withdrawn = officer.processLabel('ASSESSMENT_STATE', 'WITHDRAWN');

    await expect.poll(() => stateOf('ICRS').textContent()).toBe(invited);
    await officer.checkAccessibility('assessments with an open invitation');

    // The reasons are required: confirming without them sends nothing.
    await withdraw('ICRS').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(officer.t('fields.reason')).waitFor();
    await officer.checkAccessibility('the withdrawal dialog');
    const confirm = dialog.getByRole('button', { name: officer.t('assessments.confirmWithdraw'), exact: true });
    await confirm.click();
    await dialog.getByText(officer.t('case.reasonRequired')).waitFor();
    expect(await stateOf('ICRS').textContent()).toBe(invited);

    await dialog.getByLabel(officer.t('fields.reason')).fill('Every assessor of the institute declared a conflict.');
    await confirm.click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => stateOf('ICRS').textContent()).toBe(withdrawn);
    // A withdrawn invitation is final: the API lists nothing to do on it, so nothing is offered.
    await expect.poll(() => withdraw('ICRS').count()).toBe(0);

    // Another institute, through the same form.
    const form = page.locator('form#invite');
    await officer.choose(form, officer.t('assessments.institute'), institutes.CIIE[language]);
    await form.getByLabel(officer.t('assessments.terms')).fill('Assess the supplier concentration, in its place.');
    await form.getByRole('button', { name: officer.t('assessments.sendInvitation'), exact: true }).click();
    await expect.poll(() => stateOf('CIIE').textContent()).toBe(invited);
    await expect.poll(() => withdraw('CIIE').count()).toBe(1);
    await officer.checkAccessibility('assessments after a withdrawal');

    // The API agrees with the page: one invitation withdrawn with the reasons, one open.
    const { node } = await office.api<{ node: { assessments: { state: string; institute: { code: string } }[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Case { assessments { state institute { code } } } } }',
      { id },
    );
    expect(node.assessments.map((a) => [a.institute.code, a.state]).sort()).toEqual([
      ['CIIE', 'INVITED'],
      ['ICRS', 'WITHDRAWN'],
    ]);
    await context.close();
  });
});

describe('the seeded capability-gap case', () => {
  it('shows the committee’s class beside the sub-strategy the policy derived, flagged where they differ', async () => {
    const context = await personContext(browser, baseUrl, 'en');
    const officer = new CaseOfficer(await context.newPage(), 'en');
    await officer.signIn('officer@icsr.example');
    // Added last by the seed, so its reference follows the first three.
    await officer.filterQueue({ text: 'ICSR-2026-000004' });
    await officer.openCase('ICSR-2026-000004');
    await officer.expectCaseState('REVIEW');
    await officer.openTab('classification');
    const result = officer.page.getByTestId('risk-result');
    await result.getByTestId('committee-disagrees').waitFor();
    await result.getByText(officer.label('SUB_STRATEGY', 'DOMESTIC_SUBSTITUTION'), { exact: false }).first().waitFor();
    await result.getByText(officer.label('SUB_STRATEGY', 'LEADERSHIP'), { exact: false }).first().waitFor();
    await officer.checkAccessibility('the capability-gap case’s classification');
    await context.close();
  });
});
