/**
 * The reviewer's journey of issue 16, in a real browser, in both languages: an officer signs in,
 * filters the queue, opens a case, classifies it, requests consultations and proposes a decision;
 * a lead reviewer signs in with a one-time code and approves it. axe checks every page on the way.
 * The timings (queue's first rows, case file) are printed for the README, not asserted.
 */

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launchBrowser, personContext } from './support/browser.ts';
import { CaseOfficer, type Language, LeadReviewer } from './support/people.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Each language takes its own seeded case, and its own lead reviewer (a TOTP code is single-use). */
const journeys: {
  language: Language;
  reference: string;
  state: string;
  lead: string;
  title: string;
  overrideGrade?: string;
  escalate: boolean;
}[] = [
  {
    language: 'en',
    reference: 'ICSR-2026-000001',
    state: 'SUBMITTED',
    lead: 'lead@icsr.example',
    title: 'Relocation',
    overrideGrade: 'MEDIUM',
    escalate: false,
  },
  {
    language: 'zh-CN',
    reference: 'ICSR-2026-000002',
    state: 'SCREENING',
    lead: 'lead2@icsr.example',
    title: 'photoresist',
    escalate: true,
  },
];

describe.each(journeys)('the reviewer’s journey in $language', (journey) => {
  it('runs from the queue to an approved decision', async () => {
    const officerContext = await personContext(browser, baseUrl, journey.language);
    const officer = new CaseOfficer(await officerContext.newPage(), journey.language);
    const page = officer.page;
    // Every open page (the officer's and the lead reviewer's), to see what the failing step saw.
    onTestFailed(async () => {
      const pages = browser.contexts().flatMap((context) => context.pages());
      await Promise.all(
        pages.map((open, i) =>
          open
            .screenshot({ path: `${process.env.E2E_FAILURE_DIR ?? '/tmp'}/e2e-failure-${journey.language}-${i}.png` })
            .catch(() => {}),
        ),
      );
    });

    await page.goto('/');
    await page.getByRole('button', { name: officer.t('signIn.submit'), exact: true }).waitFor();
    await officer.checkAccessibility('sign-in');
    await officer.signIn('officer@icsr.example');
    expect(new URL(page.url()).pathname).toBe('/queue');

    // The queue, first rows timed from navigation.
    const queueStarted = Date.now();
    await page.goto('/queue');
    await page.locator('.queue-table tbody tr.ant-table-row').first().waitFor();
    const queueMs = Date.now() - queueStarted;
    await officer.checkAccessibility('queue');

    await officer.filterQueue({ states: [journey.state], text: journey.title });
    await expect.poll(() => new URL(page.url()).searchParams.getAll('state')).toEqual([journey.state]);
    await expect.poll(() => officer.queueRow(journey.reference).count()).toBe(1);
    await expect.poll(() => page.locator('.queue-table tbody tr.ant-table-row').count()).toBe(1);
    // The filter lives in the URL: a reload (a bookmark, a shared link) shows the same queue.
    await page.reload();
    await expect.poll(() => officer.queueRow(journey.reference).count()).toBe(1);

    const caseStarted = Date.now();
    await officer.openCase(journey.reference);
    await officer.caseState().waitFor();
    const caseMs = Date.now() - caseStarted;
    await officer.expectCaseState(journey.state);
    await officer.checkAccessibility('case file');

    if (journey.state === 'SUBMITTED') {
      await officer.act('ACCEPT');
      await officer.expectCaseState('SCREENING');
    }

    await officer.classify({
      reason: 'Facts as filed; the relocated line is the only domestic source.',
      ...(journey.overrideGrade
        ? { overrideGrade: journey.overrideGrade, overrideReason: 'Process development stays at home.' }
        : {}),
    });
    await officer.checkAccessibility('classification');
    await officer.act('START_REVIEW');
    await officer.expectCaseState('REVIEW');

    const departments =
      officer.language === 'zh-CN'
        ? ['工业和信息化部', '国家发展和改革委员会']
        : ['Ministry of Industry and Information Technology', 'National Development and Reform Commission'];
    await officer.requestConsultations(departments, 'Does the move weaken domestic supply?');
    await officer.checkAccessibility('consultations');

    if (journey.escalate) {
      await officer.act('ESCALATE_TO_IN_DEPTH');
      await officer.expectCaseState('IN_DEPTH');
    }

    await officer.proposeDecision({
      outcome: 'CLEARED',
      reasons: 'The capability stays at home under the mother-factory arrangement.',
      noticeText: 'The transaction is cleared.',
      openWorkReason: 'The consultations are asked for information only.',
    });
    await officer.openTab('decision');
    await officer.checkAccessibility('decision');
    await officer.openTab('timeline');
    await page.locator('.timeline-entry').first().waitFor();
    await officer.checkAccessibility('timeline');
    await officer.signOut();
    await officerContext.close();

    const leadContext = await personContext(browser, baseUrl, journey.language);
    const lead = new LeadReviewer(await leadContext.newPage(), journey.language);
    await lead.signIn(journey.lead, { totp: true });
    await lead.openWaitingDecision(journey.reference);
    await lead.expectCaseState('DECISION_PROPOSED');
    await lead.act('APPROVE_DECISION');
    await lead.expectCaseState('DECIDED');
    await lead.checkAccessibility('decided case');
    await leadContext.close();

    process.stdout.write(
      `e2e timing (${journey.language}): queue first rows ${queueMs} ms after navigation, case file ${caseMs} ms after the click\n`,
    );
  });
});
