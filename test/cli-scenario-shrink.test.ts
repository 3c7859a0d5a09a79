import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { testDatabase } from './test-database.ts';

let dir: string;
let databaseUrl: string;

function corebridge(...args: string[]) {
  return spawnSync(process.execPath, ['cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    timeout: 150_000,
  });
}

const scenario = (convergedWithin: string) => `name: tiny-shrink
seed: 5
speed: 20
dataset: { organisations: 4 }
duration: 10s
traffic: { postingsPerSecond: 5 }
timeline:
  - at: 2s
    for: 4s
    fault: { target: abs.events, match: { topic: abs.postings }, effect: { type: reorder, withinMessages: 2 } }
  - at: 3s
    for: 4s
    fault: { target: abs.events, match: { topic: abs.postings }, probability: 0.5, effect: { type: duplicate } }
expect: { convergedWithin: ${convergedWithin} }
`;

describe('corebridge scenario shrink', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corebridge-shrink-'));
    databaseUrl = await testDatabase('shrink_cli');
  });

  it('refuses bad options with exit 2 before running anything', async () => {
    const file = join(dir, 'any.yaml');
    await writeFile(file, scenario('30s'));
    const budget = corebridge('scenario', 'shrink', file, '--max-runs', 'many');
    expect(budget.status).toBe(2);
    expect(budget.stderr).toContain('--max-runs many is not a whole number ≥ 1');
    const same = corebridge('scenario', 'shrink', file, '--out', file);
    expect(same.status).toBe(2);
    expect(same.stderr).toContain('--out names the scenario itself');
  });

  it('exits 1 when the scenario fails no verdict: nothing to shrink', { timeout: 120_000 }, async () => {
    const file = join(dir, 'passes.yaml');
    await writeFile(file, scenario('30s'));
    const run = corebridge('scenario', 'shrink', file);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain(`Nothing to shrink: ${file} passes every verdict`);
  });

  it('writes a smaller scenario that still fails the verdict, printing each step', {
    timeout: 150_000,
  }, async () => {
    // Converging in no time at all is impossible: every candidate fails "converged within".
    const file = join(dir, 'fails.yaml');
    await writeFile(file, scenario('0s'));
    const run = corebridge('scenario', 'shrink', file, '--verdict', 'converged within', '--max-runs', '2');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\[1\/2\] drop .*: still fails converged within, kept/);
    const out = join(dir, 'fails.min.yaml');
    expect(run.stdout).toContain(`Smallest found within 2 runs: ${out}`);
    const minimal = parse(await readFile(out, 'utf8'));
    expect(minimal.name).toBe('tiny-shrink-min');
    expect(minimal.timeline.length).toBeLessThan(2);
    expect(await readFile(file, 'utf8')).toBe(scenario('0s'));
  });
});
