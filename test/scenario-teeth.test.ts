import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../infra/logger.ts';
import { loadScenario } from '../scenarios/runner/load-scenario.ts';
import { runScenario } from '../scenarios/runner/run-scenario.ts';
import { migrate } from '../sync-service/db/migrate.ts';
import { PROTECTIONS, type Protection } from './scenario-protections.ts';
import { scenarioTestEnvironment } from './scenario-test-environment.ts';

/** The damage a protection's removal does to the database, before the service starts. */
const breaking = (sql: string) => async (url: string) => {
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql).finally(() => client.end());
};

async function runWithout(protection: Protection) {
  const file = `scenarios/${protection.scenario}.yaml`;
  const scenario = await loadScenario(file);
  return runScenario(scenario, file, {
    environment: scenarioTestEnvironment(
      'memory',
      `teeth-${protection.scenario}`,
      protection.breakDatabase ? breaking(protection.breakDatabase) : undefined,
    ),
    log: createLogger('teeth', 'silent'),
    customizeSync: protection.customizeSync,
  });
}

describe('each scenario has teeth: without the protection it proves, its verdict fails', () => {
  for (const protection of PROTECTIONS) {
    it(`${protection.scenario} fails "${protection.verdict}" without the ${protection.protection}`, {
      timeout: 240_000,
    }, async () => {
      const result = await runWithout(protection);
      expect(result.error).toBeUndefined();
      const verdict = result.verdicts.find((v) => v.check === protection.verdict);
      expect(verdict, `verdicts: ${result.verdicts.map((v) => v.check).join(', ')}`).toBeDefined();
      expect(verdict?.passed, `${verdict?.check}: ${verdict?.actual}`).toBe(false);
      process.stderr.write(
        `without ${protection.protection}: ${protection.scenario} ${verdict?.check} ${verdict?.actual} (expected ${verdict?.expected})\n`,
      );
    });
  }

  it('the README lists every protection with its scenario and the verdict that fails', async () => {
    const readme = await readFile('README.md', 'utf8');
    for (const p of PROTECTIONS) {
      expect(readme).toContain(`| \`${p.scenario}\` | ${p.protection} | ${p.verdict} | ${p.removedBy} |`);
    }
  });
});
