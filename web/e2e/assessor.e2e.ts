/**
 * An institute assessor's journey (issue 17), in both languages. CIIE's assessor (English) declares
 * no conflict, accepts the terms of reference, submits an evaluation, and revises it after the office
 * returns it. ICRS's assessor (Chinese) declares a conflict on another case, which leaves their view
 * at once: gone from the list, and its URL answers "not found".
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launchBrowser, personContext } from './support/browser.ts';
import { Assessor } from './support/parties.ts';
import { OfficeStory } from './support/story.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the institute assessor’s journey', () => {
  it('declares, accepts, reports and revises; a declared conflict removes the case', async () => {
    const started = Date.now();
    const office = await OfficeStory.begin(baseUrl);
    const assessed = await office.caseUnderReview('Assessor journey: relocation of a bonding line');
    await office.inviteInstitute(assessed.id, 'CIIE', 'Assess the effect of the move on packaging capacity.');
    const conflicted = await office.caseUnderReview('Assessor journey: a case with a conflict');
    await office.inviteInstitute(conflicted.id, 'ICRS', 'Assess the supplier concentration.');

    const ciieContext = await personContext(browser, baseUrl, 'en');
    const ciie = new Assessor(await ciieContext.newPage(), 'en');
    onTestFailed(async () => {
      await ciie.page
        .screenshot({ path: `${process.env.E2E_FAILURE_DIR ?? '/tmp'}/e2e-failure-assessor.png` })
        .catch(() => {});
    });
    await ciie.signIn('assessor@ciie.example');
    expect(new URL(ciie.page.url()).pathname).toBe('/assessments');
    await ciie.checkAccessibility('invitations and assessments');
    await ciie.openAssessment(assessed.reference);
    await ciie.page.getByText('Assess the effect of the move on packaging capacity.').waitFor();
    await ciie.expectNextStep('declare');
    await ciie.checkAccessibility('an invitation');
    await ciie.declare(false, 'No financial or personal ties to the parties.');
    await ciie.expectNextStep('acceptOrDecline');
    await ciie.accept();
    const evaluation = {
      scores: { INNOVATION: 2, MANUFACTURING: 4, SUPPORT: 3, REGULATORY: 1 },
      strategy: 'DEFENCE',
      subStrategy: 'MOTHER_FACTORY',
      report: 'Manufacturing capacity leaves; process know-how stays.',
    };
    await ciie.submitReport({ ...evaluation, button: 'assessor.submit' });
    await ciie.checkAccessibility('a submitted assessment');

    await office.returnAssessment(assessed.id, 'Quantify the capacity that leaves.');
    await ciie.page.reload();
    await ciie.expectNextStep('revise');
    await ciie.page.getByTestId('return-reason').filter({ hasText: 'Quantify the capacity that leaves.' }).waitFor();
    // The revision starts from the report as submitted.
    await expect.poll(() => ciie.page.locator('form#evaluation textarea').inputValue()).toBe(evaluation.report);
    await ciie.checkAccessibility('a returned assessment');
    await ciie.submitReport({
      ...evaluation,
      report: 'About 40% of domestic fan-out capacity leaves; process know-how stays.',
      button: 'assessor.resubmit',
    });
    await ciieContext.close();

    const icrsContext = await personContext(browser, baseUrl, 'zh-CN');
    const icrs = new Assessor(await icrsContext.newPage(), 'zh-CN');
    await icrs.signIn('assessor@icrs.example');
    await icrs.openAssessment(conflicted.reference);
    await icrs.checkAccessibility('an invitation');
    const caseUrl = icrs.page.url();
    await icrs.declare(true, '本人曾为当事企业提供咨询服务。');
    await icrs.page.getByTestId('conflict-removed').waitFor();
    await expect.poll(() => icrs.page.getByRole('link', { name: new RegExp(conflicted.reference) }).count()).toBe(0);
    await icrs.checkAccessibility('assessments after a conflict');
    await icrs.page.goto(caseUrl);
    await icrs.page.getByText(icrs.t('case.notFound'), { exact: true }).waitFor();
    await icrsContext.close();
    process.stdout.write(`e2e timing (assessor): journey ${Date.now() - started} ms\n`);
  });
});
