/**
 * `npm run test:faults`: the fault suite (test/faults/*.fault.ts). Faults are injected by the tests
 * themselves against private servers, so the files run one after another; each test is bounded.
 * Needs PostgreSQL (TEST_DATABASE_URL, default this machine's) and the PostgreSQL 15 binaries.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['test/faults/**/*.fault.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 120_000,
  },
});
