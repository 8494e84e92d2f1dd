/**
 * The browser suite (`npm run test:e2e`): Playwright (playwright-core) driving Debian's Chromium
 * against a fresh `npm start` on the embedded database, a random port and a new DATA_DIR. One
 * server for the run; files one after another (the journeys share its data and the 2 cores).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['**/*.e2e.ts'],
    globalSetup: ['support/server.ts'],
    pool: 'forks',
    fileParallelism: false,
    // A whole journey (two people, every page checked by axe) on a busy 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // Waits for what the server answers on a loaded 2-core machine, not for a fixed moment.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
