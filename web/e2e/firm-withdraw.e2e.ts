/**
 * A firm withdraws and refiles (issue 17), in Chinese: Jinghua's representative withdraws a filed
 * case before any decision, then refiles it as a new draft linked to the withdrawn one.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launchBrowser, personContext } from './support/browser.ts';
import { FirmRepresentative } from './support/parties.ts';
import { fileAs } from './support/story.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a firm withdrawing and refiling', () => {
  it('withdraws a filed case and refiles it as a linked draft', async () => {
    const started = Date.now();
    const { id } = await fileAs(baseUrl, 'rep@jinghua.example', {
      title: 'Withdrawal journey: licence of a resist formulation',
      summary: 'A licence of the KrF formulation abroad.',
      subject: 'TECHNOLOGY_TRANSFER',
    });
    const context = await personContext(browser, baseUrl, 'zh-CN');
    const firm = new FirmRepresentative(await context.newPage(), 'zh-CN');
    onTestFailed(async () => {
      await firm.page
        .screenshot({ path: `${process.env.E2E_FAILURE_DIR ?? '/tmp'}/e2e-failure-withdraw.png` })
        .catch(() => {});
    });
    await firm.signIn('rep@jinghua.example');
    await firm.page.goto(`/my-cases/${encodeURIComponent(id)}`);
    await firm.expectNext('SUBMITTED');
    const reference = (await firm.page.getByTestId('case-reference').textContent()) ?? '';
    await firm.checkAccessibility('a filed case');
    const withdraw = firm.page.locator('form#withdraw');
    await withdraw.getByLabel(firm.t('fields.reason')).fill('交易方案调整，暂不推进。');
    await withdraw.getByRole('button', { name: firm.t('firm.withdraw'), exact: true }).click();
    await firm.expectNext('WITHDRAWN');
    await firm.page.getByRole('button', { name: firm.t('firm.refile'), exact: true }).click();
    await firm.expectNext('DRAFT');
    await firm.page.getByText(firm.t('firm.refiledFrom').replace('{{reference}}', reference)).waitFor();
    expect(new URL(firm.page.url()).pathname).not.toContain(encodeURIComponent(id));
    await firm.checkAccessibility('a refiled draft');
    await context.close();
    process.stdout.write(`e2e timing (firm withdraw): journey ${Date.now() - started} ms\n`);
  });
});
