import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from './test-database.ts';

let dir: string;
let databaseUrl: string;

function corebridge(...args: string[]) {
  return spawnSync(process.execPath, ['cli/main.ts', ...args, '--reports', join(dir, 'reports')], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    timeout: 90_000,
  });
}

// Message faults of every kind the digest must replay: losses, copies, held-back messages.
const scenario = `name: tiny-replay
seed: 11
speed: 20
dataset: { organisations: 6 }
duration: 20s
traffic: { postingsPerSecond: 10, readsPerSecond: 1, crmChangesPerSecond: 2, mdmChangesPerSecond: 2 }
timeline:
  - at: 2s
    for: 12s
    fault: { target: abs.events, match: { topic: abs.postings }, probability: 0.2, effect: { type: duplicate } }
  - at: 2s
    for: 12s
    fault: { target: mdm.mq, probability: 0.3, effect: { type: duplicate } }
  - at: 4s
    for: 8s
    fault: { target: crm.mq, probability: 0.3, effect: { type: delay, ms: 1500, jitterMs: 500 } }
expect: { convergedWithin: 30s }
`;

const digestOf = (stdout: string) =>
  /history\s+tiny-replay\s+memory\s+seed 11\s+sha256:([0-9a-f]{64})/.exec(stdout)?.[1];

describe('corebridge scenario replay', () => {
  let reportFile: string;
  let reported: string | undefined;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corebridge-replay-'));
    databaseUrl = await testDatabase('replay');
    file = join(dir, 'tiny-replay.yaml');
    await writeFile(file, scenario);
    const run = corebridge('scenario', 'run', file);
    expect(run.status, run.stderr).toBe(0);
    reported = digestOf(run.stdout);
    reportFile = join(dir, 'reports', 'tiny-replay-memory.json');
  }, 120_000);

  it('prints the history digest in the verdict table and embeds the scenario in the report', async () => {
    expect(reported).toMatch(/^[0-9a-f]{64}$/);
    const report = JSON.parse(await readFile(reportFile, 'utf8'));
    expect(report.scenario).toEqual({ file, source: scenario });
    expect(report.result.history.digest).toBe(reported);
    expect(report.result.history.messages).toBeGreaterThan(200);
    expect(report.result.history.faults).toBeGreaterThan(0);
  });

  it('re-runs the reported run and says the digest matched, leaving the original report as it was', async () => {
    const before = await readFile(reportFile, 'utf8');
    const replay = corebridge('scenario', 'replay', reportFile);
    expect(replay.status, replay.stderr).toBe(0);
    expect(replay.stdout).toContain(`replayed  sha256:${reported}`);
    expect(replay.stdout).toContain('Reproduced: the same history digest');
    expect(await readFile(reportFile, 'utf8')).toBe(before);
    const copy = JSON.parse(
      await readFile(join(dir, 'reports', 'replays', 'tiny-replay-memory.json'), 'utf8'),
    );
    expect(copy.result.history.digest).toBe(reported);
  }, 120_000);

  it('refuses a file that is not a run report with exit 2', async () => {
    const other = join(dir, 'other.json');
    await writeFile(other, JSON.stringify({ hello: 'world' }));
    const replay = corebridge('scenario', 'replay', other);
    expect(replay.status).toBe(2);
    expect(replay.stderr).toContain(`Failed to replay ${other}: it is not a CoreBridge run report.`);
    const text = join(dir, 'notes.json');
    await writeFile(text, 'not json');
    expect(corebridge('scenario', 'replay', text).stderr).toContain('it is not JSON');
  });

  it('refuses with exit 3 when the scenario changed since, and replays the report’s copy with --embedded', async () => {
    await writeFile(file, scenario.replace('seed: 11', 'seed: 12'));
    const refused = corebridge('scenario', 'replay', reportFile);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain(`${file} changed since the report was written. Pass --embedded`);
    const embedded = corebridge('scenario', 'replay', reportFile, '--embedded');
    expect(embedded.status, embedded.stderr).toBe(0);
    expect(embedded.stdout).toContain(`replayed  sha256:${reported}`);
  }, 120_000);

  it('gives another digest for another seed', async () => {
    await writeFile(file, scenario.replace('seed: 11', 'seed: 12'));
    const run = corebridge('scenario', 'run', file);
    const other = /history\s+tiny-replay\s+memory\s+seed 12\s+sha256:([0-9a-f]{64})/.exec(run.stdout)?.[1];
    expect(other).toMatch(/^[0-9a-f]{64}$/);
    expect(other).not.toBe(reported);
  }, 120_000);
});
