/**
 * The auditor's journey (issue 17), in Chinese: the audit trail search opens with the administrative
 * chain verified; a case found by its title shows its trail, every entry with who did what, and the
 * chain's verification: intact; in the case file, a logged document's read log names who downloaded
 * it. The office's workbench pages for leads answer "not found".
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launchBrowser, personContext } from './support/browser.ts';
import { OutsideParty } from './support/parties.ts';
import { OfficeStory } from './support/story.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the auditor’s journey', () => {
  it('verifies the administrative chain and a case’s trail', async () => {
    const started = Date.now();
    const office = await OfficeStory.begin(baseUrl);
    const { id, reference } = await office.caseUnderReview('Audit journey: a relocation under review');
    await office.loggedDocument(id, 'Audit journey minutes');

    const context = await personContext(browser, baseUrl, 'zh-CN');
    const auditor = new OutsideParty(await context.newPage(), 'zh-CN');
    onTestFailed(async () => {
      await auditor.page
        .screenshot({ path: `${process.env.E2E_FAILURE_DIR ?? '/tmp'}/e2e-failure-auditor.png` })
        .catch(() => {});
    });
    await auditor.signIn('auditor@icsr.example');
    expect(new URL(auditor.page.url()).pathname).toBe('/audit');
    const admin = auditor.page.getByTestId('admin-verification');
    await admin.waitFor();
    expect(await admin.getAttribute('data-valid')).toBe('true');
    await auditor.checkAccessibility('audit trails');

    await auditor.page.getByLabel(auditor.t('queue.search'), { exact: true }).fill('Audit journey');
    await auditor.page.getByRole('button', { name: auditor.t('audit.find'), exact: true }).click();
    await expect.poll(() => new URL(auditor.page.url()).searchParams.get('text')).toBe('Audit journey');
    await auditor.openFromList(auditor.page.getByTestId('audit-cases'), reference);
    const verification = auditor.page.getByTestId('case-verification');
    await verification.waitFor();
    expect(await verification.getAttribute('data-valid')).toBe('true');
    // Opened, classified, sent to review: each entry with who did it.
    await expect
      .poll(() => auditor.page.getByTestId('audit-trail').locator('tbody tr.ant-table-row').count())
      .toBeGreaterThan(2);
    await auditor.page.getByTestId('audit-trail').getByText('Li Wei 李伟').first().waitFor();
    await auditor.checkAccessibility('a case’s audit trail');
    // The case file's documents tab: the read log of a logged document, which only auditors see.
    await auditor.page.goto(`/cases/${encodeURIComponent(id)}?tab=documents`);
    await auditor.page
      .getByRole('button', { name: `${auditor.t('documents.readLog')}: Audit journey minutes`, exact: true })
      .click();
    await auditor.page.locator('.read-log').getByText('Li Wei 李伟', { exact: false }).waitFor();
    await auditor.checkAccessibility('a document’s read log');
    await auditor.expectNotFound('/approvals');
    await context.close();
    process.stdout.write(`e2e timing (auditor): journey ${Date.now() - started} ms\n`);
  });
});
