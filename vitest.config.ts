import { defineConfig } from 'vitest/config';

const shared = {
  // Pact's anonymous usage tracking calls home; a bank's network forbids it, so it is off unless asked for.
  env: { PACT_DO_NOT_TRACK: process.env.PACT_DO_NOT_TRACK ?? 'true' },
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'main',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', '**/*.pact-provider.test.ts'],
          // One real PostgreSQL, Kafka broker and RabbitMQ for the whole run; each test file takes its own database and topics.
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        // Pact providers verify the files the consumer tests write, so they run in a second group, after them.
        test: {
          ...shared,
          name: 'pact-provider',
          include: ['**/*.pact-provider.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
    // CI logs list every test by name; a terminal gets the compact view.
    reporters: [process.env.CI ? 'verbose' : 'default', './test/plain-summary-reporter.ts'],
  },
});
