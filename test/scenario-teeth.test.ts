import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { createDatabase } from '../infra/postgres/start-postgres.ts';
import { loadScenario } from '../scenarios/runner/load-scenario.ts';
import { runScenario } from '../scenarios/runner/run-scenario.ts';
import type { ScenarioEnvironment } from '../scenarios/runner/scenario-environment.ts';
import { migrate } from '../sync-service/db/migrate.ts';
import { PROTECTIONS, type Protection } from './scenario-protections.ts';

/** A memory-bus environment whose databases get the protection's damage before the service starts. */
function environment(name: string, breakDatabase: string | undefined): ScenarioEnvironment {
  let runs = 0;
  return {
    busKind: 'memory',
    describe: 'memory',
    async newDatabase() {
      const url = await createDatabase(
        inject('postgresUrl'),
        `teeth_${name.replaceAll('-', '_')}_${process.pid}_${runs++}`,
      );
      if (breakDatabase) {
        await migrate(url);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(breakDatabase).finally(() => client.end());
      }
      return url;
    },
    newBus: () => createMemoryBus(),
    stop: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
}

async function runWithout(protection: Protection) {
  const file = `scenarios/${protection.scenario}.yaml`;
  const scenario = await loadScenario(file);
  return runScenario(scenario, file, {
    environment: environment(protection.scenario, protection.breakDatabase),
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
