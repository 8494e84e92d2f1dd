/**
 * The administrator's journey (issue 17): signed in with a one-time code, the administrator invites a
 * person (the activation token shown once), changes their roles and clearance with a reason,
 * deactivates them, issues a password reset for a colleague, creates a service account (its token
 * shown once), and loads a year's official holiday schedule from a file, the provisional year then
 * gone. The calendars page is checked again in Chinese. No case page is theirs.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launchBrowser, personContext } from './support/browser.ts';
import { OutsideParty } from './support/parties.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the administrator’s journey', () => {
  it('manages people, a service account and a calendar year', async () => {
    const started = Date.now();
    const context = await personContext(browser, baseUrl, 'en');
    const admin = new OutsideParty(await context.newPage(), 'en');
    const page = admin.page;
    onTestFailed(async () => {
      await page.screenshot({ path: `${process.env.E2E_FAILURE_DIR ?? '/tmp'}/e2e-failure-admin.png` }).catch(() => {});
    });
    await admin.signIn('admin@icsr.example', { totp: true });
    expect(new URL(page.url()).pathname).toBe('/people');
    await page.getByTestId('people').getByText('Chen Jing 陈静').waitFor();
    await admin.checkAccessibility('people');

    // Invite: the activation token is shown once.
    await page.getByRole('button', { name: admin.t('admin.invite'), exact: true }).click();
    const invite = page.locator('form#invite');
    await admin.pick(invite, admin.t('admin.organization'), 'Industry-Chain Security Review Office');
    await invite.getByLabel(admin.t('admin.name')).fill('Sun Yue 孙悦');
    await invite.getByLabel(admin.t('fields.email')).fill('sun.yue@icsr.example');
    await admin.pick(invite, admin.t('admin.roles'), admin.processLabel('ROLE', 'CASE_OFFICER'));
    await page.getByRole('button', { name: admin.t('admin.sendInvitation'), exact: true }).click();
    await expect.poll(() => page.getByTestId('one-time-secret').textContent()).toMatch(/\S{16,}/);
    const row = page.getByTestId('people').locator('tr').filter({ hasText: 'Sun Yue 孙悦' });
    await row.waitFor();

    // Roles and clearance, with a reason.
    await row.getByRole('button', { name: admin.t('admin.editAccessOf').replace('{{name}}', 'Sun Yue 孙悦') }).click();
    const access = page.locator('form#access');
    await admin.pick(access, admin.t('admin.roles'), admin.processLabel('ROLE', 'AUDITOR'));
    await access.getByLabel(admin.t('fields.reason')).fill('Joins the audit unit.');
    await page.getByRole('button', { name: admin.t('admin.save'), exact: true }).click();
    await row.getByText(admin.processLabel('ROLE', 'AUDITOR')).waitFor();

    // Deactivate the invitation.
    await row.getByRole('button', { name: admin.t('admin.deactivateOf').replace('{{name}}', 'Sun Yue 孙悦') }).click();
    await page.locator('form#deactivate').getByLabel(admin.t('fields.reason')).fill('Invited by mistake.');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: admin.t('admin.deactivate'), exact: true })
      .click();
    await row.getByText(admin.t('admin.statuses.DEACTIVATED')).waitFor();

    // A password reset for a colleague: a one-time token.
    const colleague = page.getByTestId('people').locator('tr').filter({ hasText: 'Chen Jing 陈静' });
    const before = await page.getByTestId('one-time-secret').textContent();
    await colleague
      .getByRole('button', { name: admin.t('admin.resetOf').replace('{{name}}', 'Chen Jing 陈静') })
      .click();
    await expect.poll(() => page.getByTestId('one-time-secret').textContent()).not.toBe(before);
    await admin.checkAccessibility('people after changes');

    // A service account: the token shown once.
    await page.getByRole('link', { name: admin.t('menu.serviceAccounts'), exact: true }).click();
    await page.getByRole('button', { name: admin.t('admin.createAccount'), exact: true }).click();
    const account = page.locator('form#service-account');
    await admin.pick(account, admin.t('admin.organization'), 'Ministry of Commerce');
    await account.getByLabel(admin.t('admin.name')).fill('MOFCOM case system');
    await admin.pick(account, admin.t('admin.roles'), admin.processLabel('ROLE', 'LIAISON'));
    await page.getByRole('button', { name: admin.t('admin.create'), exact: true }).click();
    await expect.poll(() => page.getByTestId('one-time-secret').textContent()).toMatch(/^icsr_sa_/);
    await page.getByTestId('service-accounts').getByText('MOFCOM case system').waitFor();
    await admin.checkAccessibility('service accounts');

    // A year's schedule from a file: 2028 is no longer provisional on the US calendar.
    await page.getByRole('link', { name: admin.t('menu.calendars'), exact: true }).click();
    await page.getByTestId('provisional-US-2028').waitFor();
    const load = page.locator('form#load-year');
    await admin.choose(load, admin.t('admin.calendar'), 'United States federal business days (US)');
    await load.getByLabel(admin.t('admin.year')).fill('2028');
    await load.getByLabel(admin.t('admin.source')).fill('OPM federal holidays 2028');
    await load.locator('input[type=file]').setInputFiles({
      name: 'us-2028.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('date,kind,name\n2028-07-04,HOLIDAY,Independence Day\n2028-12-25,HOLIDAY,Christmas Day\n'),
    });
    await load.getByRole('button', { name: admin.t('admin.load'), exact: true }).click();
    await page.getByTestId('year-loaded').waitFor();
    await page.getByTestId('provisional-US-2028').waitFor({ state: 'detached' });
    await admin.checkAccessibility('calendars and regimes');
    await admin.expectNotFound('/queue');

    // The same page in Chinese.
    await page.getByText('中文', { exact: true }).click();
    const zh = new OutsideParty(page, 'zh-CN');
    await page.getByRole('link', { name: zh.t('menu.calendars'), exact: true }).click();
    await page.getByRole('heading', { name: zh.t('admin.regimes'), exact: true }).waitFor();
    await zh.checkAccessibility('calendars and regimes');
    await context.close();
    process.stdout.write(`e2e timing (admin): journey ${Date.now() - started} ms\n`);
  });
});
