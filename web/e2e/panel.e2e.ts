/**
 * The appeals panel's journey (issue 17): Huaxin appealed a decision with conditions; a panel member
 * (English) finds it among the appeals waiting, seats a colleague, admits it with reasons and varies
 * the decision with a new condition; the firm's representative (Chinese) then reports on its
 * compliance with the varied condition while the case is monitored, and reads the report back.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launchBrowser, personContext } from './support/browser.ts';
import { FirmRepresentative, PanelMember } from './support/parties.ts';
import { appealAs, fileAs, OfficeStory, representAs } from './support/story.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the appeals panel’s journey', () => {
  it('admits an appeal and varies the decision; the firm reports on the varied condition', async () => {
    const started = Date.now();
    const office = await OfficeStory.begin(baseUrl);
    const { id } = await fileAs(baseUrl, 'rep@huaxin.example', {
      title: 'Panel journey: licensing the bonding process abroad',
      summary: 'A licence of the bonding process to a partner in Malaysia.',
      subject: 'TECHNOLOGY_TRANSFER',
    });
    await office.transition(id, 'acceptFiling');
    await office.classifyAndReview(id);
    await office.transition(id, 'escalateToInDepth');
    await office.proposeWithCondition(id, {
      reasons: 'The licence carries the core recipe.',
      noticeText: 'Cleared on condition that the recipe is not licensed.',
      condition: 'Do not license the bonding recipe.',
      owner: 'HUAXIN-IC',
    });
    await representAs(baseUrl, 'rep@huaxin.example', id, 'The recipe is already public.');
    await office.approveAs('lead@icsr.example', id);
    await appealAs(baseUrl, 'rep@huaxin.example', id, 'The recipe is already public.');
    const { node } = await office.api<{ node: { reference: string } }>(
      `query($id: ID!) { node(id: $id) { ... on Case { reference } } }`,
      { id },
    );
    const reference = node.reference;

    const panelContext = await personContext(browser, baseUrl, 'en');
    const panel = new PanelMember(await panelContext.newPage(), 'en');
    onTestFailed(async () => {
      await panel.page
        .screenshot({ path: `${process.env.E2E_FAILURE_DIR ?? '/tmp'}/e2e-failure-panel.png` })
        .catch(() => {});
    });
    await panel.signIn('panel1@icsr.example');
    expect(new URL(panel.page.url()).pathname).toBe('/appeals');
    await panel.openAppeal(reference);
    await panel.page.getByText('The recipe is already public.').waitFor();
    await panel.expectAppealState('FILED');
    await panel.checkAccessibility('an appeal to admit');
    await panel.admit('Zhao Lei 赵磊', 'Filed in time by the filer, on the merits of the condition.');
    await panel.checkAccessibility('an appeal to rule on');
    await panel.vary({
      reasons: 'Only the recipe’s final step is still secret.',
      outcome: 'CLEARED_WITH_CONDITIONS',
      decisionReasons: 'The panel narrows the condition to the final step.',
      notice: 'Cleared on condition that the final bonding step is not licensed.',
      condition: 'Do not license the final bonding step.',
      owner: 'Huaxin Integrated Circuit Manufacturing Co.',
    });
    await panelContext.close();

    // The firm, in Chinese, reports on the varied condition.
    const firmContext = await personContext(browser, baseUrl, 'zh-CN');
    const firm = new FirmRepresentative(await firmContext.newPage(), 'zh-CN');
    await firm.signIn('rep@huaxin.example');
    await firm.page
      .getByTestId('firm-cases')
      .getByRole('link', { name: new RegExp(reference) })
      .click();
    await firm.expectNext('MONITORING');
    await firm.page.getByText('Do not license the final bonding step.').waitFor();
    await firm.checkAccessibility('a monitored case');
    await firm.answer(
      'compliance-',
      firm.t('firm.complianceReport'),
      '最后一道键合工序未对外许可。',
      firm.t('firm.sendCompliance'),
      true,
    );
    // The report stays on the page, under its condition, for the firm to read back.
    await firm.page.getByTestId('compliance-reports').getByText('最后一道键合工序未对外许可。').waitFor();
    await firm.checkAccessibility('a condition with its compliance report');
    await firmContext.close();
    process.stdout.write(`e2e timing (panel): journey ${Date.now() - started} ms\n`);
  });
});
