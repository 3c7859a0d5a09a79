import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    // One real PostgreSQL and one real Kafka broker for the whole run; each test file takes its own database and topics.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // CI logs list every test by name; a terminal gets the compact view.
    reporters: [process.env.CI ? 'verbose' : 'default', './test/plain-summary-reporter.ts'],
  },
});
