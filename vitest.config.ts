import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Pact providers verify the files the consumer tests write, so they run in a second group, after them.
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', '**/*.pact-provider.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'pact-provider', include: ['**/*.pact-provider.test.ts'], sequence: { groupOrder: 1 } },
      },
    ],
    // One real PostgreSQL and one real Kafka broker for the whole run; each test file takes its own database and topics.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // CI logs list every test by name; a terminal gets the compact view.
    reporters: [process.env.CI ? 'verbose' : 'default', './test/plain-summary-reporter.ts'],
  },
});
