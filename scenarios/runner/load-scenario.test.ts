import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isScenarioFileError, loadScenario, parseScenario } from './load-scenario.ts';

const valid = `name: tiny
seed: 1
speed: 10
dataset:
  organisations: 2
duration: 20s
traffic:
  postingsPerSecond: 5
timeline:
  - at: 5s
    for: 5s
    fault: { target: abs.rest, effect: { type: outage } }
expect:
  convergedWithin: 10s
`;

function problemsOf(text: string) {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (error) {
    if (isScenarioFileError(error)) return error.problems;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario files', () => {
  it('parses durations and fills defaults', () => {
    const scenario = parseScenario(valid, 'tiny.yaml');
    expect(scenario.duration).toBe(20_000);
    expect(scenario.timeline[0]).toMatchObject({ at: 5_000, for: 5_000 });
    expect(scenario.expect).toMatchObject({ lost: 0, duplicated: 0, diverged: 0, convergedWithin: 10_000 });
    expect(scenario.dataset.accountsPerOrganisation).toBe(3);
  });

  it('names file, line and field of a bad value', () => {
    const [problem] = problemsOf(valid.replace('at: 5s', 'at: soon'));
    expect(problem).toMatchObject({ file: 'bad.yaml', line: 10, field: 'timeline[0].at' });
    expect(problem?.message).toMatch(/not a duration/);
  });

  it('points an unknown key at its own line', () => {
    const [problem] = problemsOf(
      valid.replace('  postingsPerSecond: 5', '  postingsPerSecond: 5\n  colour: red'),
    );
    expect(problem).toMatchObject({ line: 9, field: 'traffic.colour' });
  });

  it('says a missing field is required, at its parent', () => {
    const [problem] = problemsOf(valid.replace('  convergedWithin: 10s\n', '  lost: 0\n'));
    expect(problem).toMatchObject({ line: 14, field: 'expect.convergedWithin', message: 'is required' });
  });

  it('takes a k6 load action for a window of scenario time, and refuses one without `for`', () => {
    const load =
      '  - at: 2s\n    for: 10s\n    action: { type: load, script: load/webhook-storm.k6.ts, rate: 30 }\n';
    const scenario = parseScenario(valid.replace('timeline:\n', `timeline:\n${load}`), 'load.yaml');
    expect(scenario.timeline[0]).toMatchObject({
      at: 2_000,
      for: 10_000,
      action: { type: 'load', script: 'load/webhook-storm.k6.ts', rate: 30, env: {} },
    });
    const [problem] = problemsOf(
      valid.replace('timeline:\n', `timeline:\n${load.replace('    for: 10s\n', '')}`),
    );
    expect(problem).toMatchObject({ line: 10, field: 'timeline[0].for', message: 'is required' });
  });

  it('takes timeline actions and the sync settings, with their defaults', () => {
    const scenario = parseScenario(
      valid.replace(
        'timeline:\n',
        'sync:\n  webhooks: true\ntimeline:\n  - at: 2s\n    action: { type: duplicate-webhooks }\n',
      ),
      'ok.yaml',
    );
    expect(scenario.sync).toEqual({ webhooks: true, crmWriter: false });
    expect(scenario.crmFlavor).toBe('salesforce');
    expect(scenario.timeline[0]).toMatchObject({
      at: 2_000,
      action: { type: 'duplicate-webhooks', deliveries: 200 },
    });
    expect(scenario.traffic).toMatchObject({
      crmChangesPerSecond: 0,
      mdmChangesPerSecond: 0,
      bankChangesPerSecond: 0,
    });
  });

  it('takes the bank → CRM actions with their defaults, and names an unknown action type', () => {
    const scenario = parseScenario(
      valid.replace(
        'timeline:\n',
        'timeline:\n  - at: 2s\n    action: { type: conflicting-edits }\n  - at: 3s\n    action: { type: crm-api-burst }\n',
      ),
      'ok.yaml',
    );
    expect(scenario.timeline.map((e) => e.action)).toEqual([
      { type: 'conflicting-edits', cards: 5 },
      { type: 'crm-api-burst', requests: 40 },
      undefined,
    ]);
    const [problem] = problemsOf(
      valid.replace('timeline:\n', 'timeline:\n  - at: 2s\n    action: { type: reboot }\n'),
    );
    expect(problem).toMatchObject({ field: 'timeline[0].action.type' });
  });

  it('takes a crash-sync action with its defaults, and refuses one without crashes or with unknown keys', () => {
    const crash = (action: string) =>
      valid.replace('    fault: { target: abs.rest, effect: { type: outage } }\n', `    action: ${action}\n`);
    const scenario = parseScenario(crash('{ type: crash-sync }'), 'ok.yaml');
    expect(scenario.timeline[0]).toMatchObject({
      at: 5_000,
      for: 5_000,
      action: { type: 'crash-sync', times: 1, restartAfter: 0 },
    });
    const spread = parseScenario(crash('{ type: crash-sync, times: 4, restartAfter: 1.5s }'), 'ok.yaml');
    expect(spread.timeline[0]?.action).toEqual({ type: 'crash-sync', times: 4, restartAfter: 1_500 });
    expect(problemsOf(crash('{ type: crash-sync, times: 0 }'))[0]).toMatchObject({
      field: 'timeline[0].action.times',
    });
    expect(problemsOf(crash('{ type: crash-sync, signal: SIGTERM }'))[0]?.field).toMatch(
      /^timeline\[0\]\.action/,
    );
    expect(
      parseScenario(
        valid.replace('  convergedWithin: 10s', '  convergedWithin: 10s\n  crashes: 3'),
        'ok.yaml',
      ).expect.crashes,
    ).toBe(3);
  });

  it('wants either a fault or an action in a timeline entry', () => {
    const both = valid.replace('    for: 5s\n', '    for: 5s\n    action: { type: duplicate-webhooks }\n');
    expect(problemsOf(both)[0]).toMatchObject({
      field: 'timeline[0].fault',
      message: 'give either a `fault` or an `action`',
    });
    const neither = valid.replace('    fault: { target: abs.rest, effect: { type: outage } }\n', '');
    expect(problemsOf(neither)[0]).toMatchObject({ field: 'timeline[0].fault' });
  });

  it('rejects a fault window that outlives the scenario', () => {
    const [problem] = problemsOf(valid.replace('for: 5s', 'for: 50s'));
    expect(problem).toMatchObject({ line: 11, field: 'timeline[0].for' });
  });

  it('reports YAML syntax errors with their line', () => {
    const [problem] = problemsOf('name: x\nseed: [1, 2\n');
    expect(problem?.line).toBeGreaterThanOrEqual(2);
  });

  it('accepts every scenario shipped in scenarios/', async () => {
    const files = (await readdir('scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) await expect(loadScenario(`scenarios/${file}`)).resolves.toBeTruthy();
  });
});
