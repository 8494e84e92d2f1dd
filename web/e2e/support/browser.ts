/** Debian's Chromium through playwright-core (npm cannot download a browser here). */
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // Without the background-networking flags Chromium keeps dialling out on a closed network.
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
    ],
  });
}

/** A browser profile whose language is `locale` (the console's default language comes from it). */
export function personContext(browser: Browser, baseURL: string, locale: 'en' | 'zh-CN'): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: locale === 'en' ? 'en-GB' : 'zh-CN',
    timezoneId: 'Europe/London',
    viewport: { width: 1440, height: 900 },
  });
}
