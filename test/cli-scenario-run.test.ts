import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from './test-database.ts';

let dir: string;
let databaseUrl: string;

function corebridge(...args: string[]) {
  return spawnSync(process.execPath, ['cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
}

const tinyScenario = (convergedWithin: string) => `name: tiny-outage
seed: 3
speed: 20
dataset: { organisations: 5 }
duration: 20s
traffic: { postingsPerSecond: 10, readsPerSecond: 2 }
timeline:
  - at: 5s
    for: 10s
    fault: { target: abs.rest, effect: { type: outage } }
expect:
  convergedWithin: ${convergedWithin}
`;

describe('corebridge scenario run', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corebridge-cli-'));
    databaseUrl = await testDatabase('cli');
  });

  it('refuses a bad file with exit code 2, naming file, line and field, before starting anything', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, tinyScenario('30s').replace('at: 5s', 'at: later'));
    const run = corebridge('scenario', 'run', file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file}:8:9: timeline[0].at:`);
    expect(run.stdout).not.toContain('scenario ');
  });

  it('exits 0 and prints the verdict table when every verdict passes', async () => {
    const file = join(dir, 'pass.yaml');
    await writeFile(file, tinyScenario('30s'));
    const run = corebridge('scenario', 'run', file);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /tiny-outage\s+memory\s+lost\s+≤ 0\s+0 \(ABS 0 of \d+ postings, CRM 0 of 0 records, MDM 0 of 0 clients\)\s+pass/,
    );
    expect(run.stdout).toContain('scenarios: 1 passed, 0 failed');
  });

  it('exits 1 and writes the failed verdict to JUnit XML when a bound is missed', async () => {
    const file = join(dir, 'strict.yaml');
    const junit = join(dir, 'out', 'junit.xml');
    // Converging in zero scenario seconds is impossible: the check must fail.
    await writeFile(file, tinyScenario('0s'));
    const run = corebridge('scenario', 'run', file, '--junit', junit);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('scenarios: 0 passed, 1 failed');
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(
      /<testcase classname="tiny-outage" name="tiny-outage.converged within"><failure message="expected ≤ 0 s, got/,
    );
  });
});
