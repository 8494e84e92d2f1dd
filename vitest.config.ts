import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One copy of graphql: Pothos and the tests must share its classes (instanceof checks).
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
