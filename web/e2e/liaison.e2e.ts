/**
 * A department liaison's journey (issue 17), in both languages: the office consults MIIT and NDRC
 * on a case of its own; MIIT's liaison (English) finds it among the consultations to answer with its
 * deadline, reads the shared file and objects with a rationale; NDRC's liaison (Chinese) then sees
 * MIIT's opinion beside its own question and concurs. The office's pages answer "not found".
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launchBrowser, personContext } from './support/browser.ts';
import { Liaison } from './support/parties.ts';
import { OfficeStory } from './support/story.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the department liaison’s journey', () => {
  it('answers a consultation and reads the other department’s opinion', async () => {
    const started = Date.now();
    const office = await OfficeStory.begin(baseUrl);
    const { id, reference } = await office.caseUnderReview('Liaison journey: relocation of a test line');
    await office.consult(id, ['MIIT', 'NDRC'], 'Does the move weaken domestic supply of packaging capacity?');

    // MIIT, in English.
    const miitContext = await personContext(browser, baseUrl, 'en');
    const miit = new Liaison(await miitContext.newPage(), 'en');
    onTestFailed(async () => {
      await miit.page
        .screenshot({ path: `${process.env.E2E_FAILURE_DIR ?? '/tmp'}/e2e-failure-liaison.png` })
        .catch(() => {});
    });
    await miit.signIn('liaison@miit.example');
    expect(new URL(miit.page.url()).pathname).toBe('/consultations');
    await miit.openConsultation(reference);
    await miit.page.getByText('Does the move weaken domestic supply of packaging capacity?').waitFor();
    await expect.poll(() => miit.page.locator('.working-days').count()).toBeGreaterThan(0);
    await miit.checkAccessibility('a consultation to answer');
    await miit.giveOpinion('OBJECT', 'The line is the only domestic source of fan-out packaging.');
    await miit.openCaseTab(miit.t('case.tabs.overview'));
    await miit.page.getByText('The packaging line moves abroad').waitFor();
    await miit.checkAccessibility('the shared case file');
    await miit.expectNotFound('/queue');
    await miitContext.close();

    // NDRC, in Chinese: MIIT's opinion is there to read.
    const ndrcContext = await personContext(browser, baseUrl, 'zh-CN');
    const ndrc = new Liaison(await ndrcContext.newPage(), 'zh-CN');
    await ndrc.signIn('liaison@ndrc.example');
    await ndrc.openConsultation(reference);
    await ndrc.openCaseTab(ndrc.t('liaison.tabs.opinions'));
    const others = ndrc.page.getByTestId('other-opinions');
    await others.getByText('The line is the only domestic source of fan-out packaging.').waitFor();
    await others.getByText(ndrc.processLabel('CONSULTATION_OPINION', 'OBJECT')).waitFor();
    await ndrc.checkAccessibility('other departments’ opinions');
    await ndrc.openCaseTab(ndrc.t('liaison.tabs.consultation'));
    await ndrc.giveOpinion('CONCUR_WITH_CONDITIONS', '以保留国内工艺研发为条件同意。');
    await ndrc.page.getByRole('link', { name: ndrc.t('liaison.back') }).click();
    await ndrc.page
      .getByTestId('consultations-answered')
      .getByRole('link', { name: new RegExp(reference) })
      .waitFor();
    await ndrc.checkAccessibility('consultations answered');
    await ndrcContext.close();
    process.stdout.write(`e2e timing (liaison): journey ${Date.now() - started} ms\n`);
  });
});
