/**
 * `npm run screenshots`: regenerates the README's pictures of the console (docs/screenshots/) from
 * a fresh `npm start`, in zh and en — the queue and a case file with its risk classification.
 * Chinese needs a CJK font in the system (Debian: fonts-noto-cjk).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, personContext } from './support/browser.ts';
import { CaseOfficer, type Language } from './support/people.ts';
import { root, startProduct } from './support/server.ts';

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
} finally {
  await browser.close();
  await server.stop();
}
