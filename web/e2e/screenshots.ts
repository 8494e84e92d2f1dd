/**
 * `npm run screenshots`: regenerates the README's pictures of the console (docs/screenshots/) from
 * a fresh `npm start`, in zh and en — the queue and a case file with its risk classification, and each
 * other role's first page (issue 17).
 * Chinese needs a CJK font in the system (Debian: fonts-noto-cjk).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, personContext } from './support/browser.ts';
import { OutsideParty } from './support/parties.ts';
import { CaseOfficer, type Language } from './support/people.ts';
import { root, startProduct } from './support/server.ts';
import { OfficeStory } from './support/story.ts';

const out = path.join(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const fonts = (() => {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();
if (!fonts) process.stderr.write('screenshots: no Chinese font found; install fonts-noto-cjk for the zh pictures\n');

const menuOf: Record<string, string> = {
  liaison: 'consultations',
  assessor: 'assessments',
  firm: 'myCases',
  panel: 'appeals',
  auditor: 'audit',
  admin: 'people',
};

const server = await startProduct();
const browser = await launchBrowser();
try {
  for (const [language, suffix] of [
    ['zh-CN', 'zh'],
    ['en', 'en'],
  ] as [Language, string][]) {
    const context = await personContext(browser, server.url, language);
    const officer = new CaseOfficer(await context.newPage(), language);
    await officer.signIn('officer@icsr.example');
    await officer.page.locator('.queue-table tbody tr.ant-table-row').first().waitFor();
    await officer.page.screenshot({ path: path.join(out, `queue-${suffix}.png`) });
    await officer.openCase('ICSR-2026-000002');
    if (language === 'zh-CN') {
      await officer.classify({ reason: '两家日本供应商宣布停止出口 ArF 光刻胶。' });
    } else {
      await officer.openTab('classification');
      await officer.page.getByTestId('risk-result').waitFor();
    }
    await officer.page.mouse.move(0, 0);
    // The "done" toast of the classification fades on its own.
    await officer.page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => {});
    await officer.page.screenshot({ path: path.join(out, `case-${suffix}.png`), fullPage: true });
    await context.close();
    process.stdout.write(`wrote docs/screenshots/queue-${suffix}.png and case-${suffix}.png\n`);
  }
  // Each other role's first page, with something on it: a consultation, an invitation.
  const office = await OfficeStory.begin(server.url);
  const consulted = await office.caseUnderReview('Relocation of a wafer-level bonding line to Penang');
  await office.consult(consulted.id, ['MIIT'], 'Does the move weaken domestic supply of packaging capacity?');
  await office.inviteInstitute(consulted.id, 'CIIE', 'Assess the bonding know-how at risk.');
  const roles: { name: string; email: string; totp?: boolean; ready: string }[] = [
    { name: 'liaison', email: 'liaison@miit.example', ready: '[data-testid="consultations-open"] tbody tr' },
    { name: 'assessor', email: 'assessor@ciie.example', ready: '[data-testid="assessments-mine"] tbody tr' },
    { name: 'firm', email: 'rep@huaxin.example', ready: '[data-testid="firm-cases"] tbody tr' },
    { name: 'panel', email: 'panel1@icsr.example', ready: '[data-testid="appeals-waiting"]' },
    { name: 'auditor', email: 'auditor@icsr.example', ready: '[data-testid="admin-verification"]' },
    { name: 'admin', email: 'admin@icsr.example', totp: true, ready: '[data-testid="people"] tbody tr' },
  ];
  for (const role of roles) {
    // Signed in once (a one-time code is single-use), pictured in Chinese, then switched to English.
    const context = await personContext(browser, server.url, 'zh-CN');
    const person = new OutsideParty(await context.newPage(), 'zh-CN');
    await person.signIn(role.email, role.totp ? { totp: true } : {});
    await person.page.locator(role.ready).first().waitFor();
    await person.page.mouse.move(0, 0);
    await person.page.screenshot({ path: path.join(out, `${role.name}-zh.png`) });
    await person.page.getByText('English', { exact: true }).click();
    await person.page
      .getByText(new OutsideParty(person.page, 'en').t(`menu.${menuOf[role.name]}`), { exact: true })
      .first()
      .waitFor();
    await person.page.locator(role.ready).first().waitFor();
    await person.page.waitForTimeout(500);
    await person.page.screenshot({ path: path.join(out, `${role.name}-en.png`) });
    await context.close();
    process.stdout.write(`wrote docs/screenshots/${role.name}-zh.png and ${role.name}-en.png\n`);
  }
} finally {
  await browser.close();
  await server.stop();
}
