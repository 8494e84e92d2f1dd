/**
 * Around the journey: refusals told in words, a session that survives a reload, the language
 * remembered per person, an open case that follows someone else's change live, and a stale-version
 * answer that tells who changed the case and keeps what was typed.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './support/api.ts';
import { launchBrowser, personContext } from './support/browser.ts';
import { CaseOfficer, Person } from './support/people.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const acquisition = 'ICSR-2026-000003';

describe('signing in', () => {
  it('tells a wrong password in words, keeps the session over a reload and remembers the language', async () => {
    const context = await personContext(browser, baseUrl, 'en');
    const auditor = new Person(await context.newPage(), 'en');
    const page = auditor.page;
    await page.goto('/');
    await auditor.field(auditor.t('fields.email')).fill('auditor@icsr.example');
    await auditor.field(auditor.t('fields.password')).fill('not the password');
    await page.getByRole('button', { name: auditor.t('signIn.submit'), exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: auditor.t('signIn.errors.INVALID_CREDENTIALS') })
      .waitFor();
    await auditor.checkAccessibility('sign-in refused');

    await auditor.signIn('auditor@icsr.example');
    await page.getByRole('link', { name: auditor.t('menu.queue'), exact: true }).waitFor();
    const signedInAt = new URL(page.url()).pathname;
    // A reload: the access token was only in memory; the cookie restores the session silently, on
    // the same page (the auditor's own, the audit trails).
    await page.reload();
    await page.getByTestId('person-menu').waitFor();
    expect(new URL(page.url()).pathname).toBe(signedInAt);
    expect(signedInAt).toBe('/audit');

    await page.getByText('中文', { exact: true }).click();
    const chinese = new Person(page, 'zh-CN');
    await page.getByRole('link', { name: chinese.t('menu.queue'), exact: true }).waitFor();
    await chinese.signOut();
    await context.close();

    // Another browser whose language is English: the person's choice wins once signed in.
    const again = await personContext(browser, baseUrl, 'en');
    const sameAuditor = new Person(await again.newPage(), 'en');
    await sameAuditor.signIn('auditor@icsr.example', { keepLanguage: true });
    await sameAuditor.page.getByRole('link', { name: chinese.t('menu.queue'), exact: true }).waitFor();
    await sameAuditor.page.getByRole('link', { name: chinese.t('menu.inbox'), exact: true }).click();
    await sameAuditor.page.getByRole('heading', { name: chinese.t('inbox.heading'), exact: true }).waitFor();
    await new Person(sameAuditor.page, 'zh-CN').checkAccessibility('inbox');
    await sameAuditor.page.getByText('English', { exact: true }).click();
    await sameAuditor.page.getByRole('link', { name: sameAuditor.t('menu.queue'), exact: true }).waitFor();
    await again.close();
  });
});

describe('an open case', () => {
  const classify = `mutation($input: ClassifyCaseInput!) { classifyCase(input: $input) { __typename ... on Error { message } } }`;
  const read = `query($ref: String!) { cases(filter: { text: $ref }, first: 1) { nodes { id version } } }`;

  async function changeAsColleague() {
    const colleague = await apiAs(baseUrl, 'officer2@icsr.example');
    const found = await colleague<{ cases: { nodes: { id: string; version: number }[] } }>(read, { ref: acquisition });
    const target = found.cases.nodes[0]!;
    const answer = await colleague<{ classifyCase: { __typename: string } }>(classify, {
      input: {
        caseId: target.id,
        expectedVersion: target.version,
        securityType: 'CAPABILITY_DESTRUCTION',
        keyDimension: 'INDUSTRY_TRANSFER',
        capabilities: ['INNOVATION'],
        maturity: 'MATURE',
        reason: 'A colleague’s classification.',
      },
    });
    expect(answer.classifyCase.__typename).toBe('CaseClassified');
  }

  it('follows a colleague’s change live', async () => {
    const context = await personContext(browser, baseUrl, 'en');
    const officer = new CaseOfficer(await context.newPage(), 'en');
    await officer.signIn('officer@icsr.example');
    await officer.openCase(acquisition);
    await officer.openTab('classification');
    await officer.page.getByRole('button', { name: officer.t('classification.classify'), exact: true }).waitFor();
    await changeAsColleague();
    // No reload by the person: the caseEvents subscription brings the change.
    await officer.page.getByText(officer.t('case.changedLive')).waitFor();
    await officer.page.getByTestId('risk-result').waitFor();
    await context.close();
  });

  it('answers a stale change with who changed the case, and keeps what was typed', async () => {
    const context = await personContext(browser, baseUrl, 'zh-CN');
    const page = await context.newPage();
    // This page hears nothing live, so its copy of the case goes stale when a colleague changes it.
    await page.route('**/graphql', (route) =>
      route.request().postData()?.includes('"query":"subscription') ? route.abort() : route.continue(),
    );
    const officer = new CaseOfficer(page, 'zh-CN');
    await officer.signIn('officer@icsr.example');
    await officer.openCase(acquisition);
    await officer.openTab('classification');
    const reason = page.locator('form#classify').getByLabel(officer.t('fields.reason'));
    await reason.fill('我的分类理由，不能丢失。');
    await changeAsColleague();

    await page
      .locator('form#classify')
      .getByRole('button', { name: officer.t('classification.reclassify'), exact: true })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(officer.t('stale.title')).waitFor();
    await expect.poll(() => dialog.getByTestId('stale-who').textContent()).toContain('Chen Jing');
    await officer.checkAccessibility('stale version');
    await dialog.getByRole('button', { name: officer.t('stale.reload'), exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await reason.inputValue()).toBe('我的分类理由，不能丢失。');
    await page
      .locator('form#classify')
      .getByRole('button', { name: officer.t('classification.reclassify'), exact: true })
      .click();
    await page.getByText(officer.t('case.saved')).waitFor();
    await context.close();
  });
});
