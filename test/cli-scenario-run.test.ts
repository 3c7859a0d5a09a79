import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from './test-database.ts';

let dir: string;
let databaseUrl: string;

function corebridge(...args: string[]) {
  return corebridgeWith({}, ...args);
}

function corebridgeWith(env: Record<string, string>, ...args: string[]) {
  // Reports go to the test's folder, not the project's reports/.
  const reports = args[0] === 'scenario' ? ['--reports', join(dir, 'reports')] : [];
  return spawnSync(process.execPath, ['cli/main.ts', ...args, ...reports], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env },
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
    const report = await readFile(join(dir, 'reports', 'tiny-outage-memory.html'), 'utf8');
    expect(report).toContain('<figure class="chart" id="lag">');
    expect(await readFile(join(dir, 'reports', 'index.html'), 'utf8')).toContain(
      '<a href="tiny-outage-memory.html">tiny-outage</a>',
    );
  });

  it('fails a scenario with a load action when there is no k6, saying how to get one', async () => {
    const file = join(dir, 'load.yaml');
    await writeFile(
      file,
      tinyScenario('30s').replace(
        'timeline:',
        'timeline:\n  - at: 1s\n    for: 4s\n    action: { type: load, script: load/webhook-storm.k6.ts }',
      ),
    );
    const run = corebridgeWith({ K6_BIN: join(dir, 'no-such-k6') }, 'scenario', 'run', file);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /tiny-outage\s+memory\s+run\s+completes\s+Failed to find k6: K6_BIN=.*no-such-k6 is not an executable file/,
    );
    expect(run.stdout).toContain('scenarios: 0 passed, 1 failed');
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
