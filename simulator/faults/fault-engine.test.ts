import { describe, expect, it } from 'vitest';
import { createFaultEngine } from './fault-engine.ts';
import { isFaultRuleError } from './fault-rule-error.ts';
import { ManualClock } from './test-support/manual-clock.ts';

const setup = (seed = 42) => {
  const clock = new ManualClock();
  const engine = createFaultEngine({ seed, clock, pollMs: 0 });
  return { clock, engine };
};

describe('fault engine', () => {
  it('adds validated rules with assigned ids, lists, removes and clears them', () => {
    const { engine } = setup();
    const a = engine.add({ target: 'abs.rest', effect: { type: 'outage' } });
    const b = engine.add({
      id: 'slow-crm',
      target: 'crm.rest',
      effect: { type: 'latency', distribution: { kind: 'fixed', ms: 5 } },
    });
    expect([a.id, b.id]).toEqual(['rule-1', 'slow-crm']);
    expect(engine.list().map((r) => r.id)).toEqual(['rule-1', 'slow-crm']);
    expect(() => engine.add({ id: 'slow-crm', target: 'crm.rest', effect: { type: 'outage' } })).toThrow(
      expect.objectContaining({ problem: 'duplicate-id' }),
    );
    expect(engine.remove('rule-1')).toBe(true);
    expect(engine.remove('rule-1')).toBe(false);
    engine.clear();
    expect(engine.list()).toEqual([]);
    expect(engine.journal.entries.map((e) => `${e.ruleId} ${e.kind}`)).toEqual([
      'rule-1 rule-on',
      'slow-crm rule-on',
      'rule-1 rule-off',
      'slow-crm rule-off',
    ]);
  });

  it('throws a FaultRuleError for an invalid rule, nothing half-added', () => {
    const { engine } = setup();
    let error: unknown;
    try {
      engine.add({ target: 'abs.rest', effect: { type: 'teleport' } });
    } catch (caught) {
      error = caught;
    }
    expect(isFaultRuleError(error)).toBe(true);
    expect(engine.list()).toEqual([]);
  });

  it('switches a windowed rule on and off at its window edges, in clock time from the engine start', () => {
    const { clock, engine } = setup();
    const start = clock.now();
    engine.add({ target: 'abs.events', effect: { type: 'outage' }, window: { from: '10s', to: '20s' } });
    expect(engine.isDown('abs.events')).toBe(false);
    clock.advance(10_000);
    expect(engine.isDown('abs.events')).toBe(true);
    expect(engine.isDown('crm.mq')).toBe(false);
    clock.advance(15_000);
    expect(engine.isDown('abs.events')).toBe(false);
    expect(engine.journal.entries.map((e) => [e.kind, e.at - start])).toEqual([
      ['rule-on', 10_000],
      ['rule-off', 20_000],
    ]);
  });

  it('fires an action once per activation, even when the clock jumps over the whole window', () => {
    const { clock, engine } = setup();
    const fired: string[] = [];
    engine.onAction('grey-edit', ({ target, effect, random }) => {
      fired.push(`${target} ×${effect.count}`);
      return { edited: [`org-${Math.floor(random() * 100)}`] };
    });
    engine.add({
      target: 'abs.rest',
      effect: { type: 'grey-edit', count: 3 },
      window: { from: '1m', to: '2m' },
    });
    engine.tick();
    expect(fired).toEqual([]);
    clock.advance(5 * 60_000);
    engine.tick();
    engine.tick();
    expect(fired).toEqual(['abs.rest ×3']);
    const action = engine.journal.entries.find((e) => e.kind === 'action');
    expect(action?.detail).toMatchObject({
      handlers: 1,
      outcomes: [{ edited: [expect.stringMatching(/^org-\d+$/)] }],
    });
  });

  it('draws an action rule’s probability once per activation, and journals a failing handler', async () => {
    const { engine } = setup(1);
    let runs = 0;
    engine.onAction('avalanche', async () => {
      runs++;
      throw new Error('ABS handler broke');
    });
    engine.add({ target: 'abs.events', effect: { type: 'avalanche' }, probability: 1 });
    engine.add({ target: 'abs.events', effect: { type: 'avalanche' }, probability: 0 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(1);
    const kinds = engine.journal.entries.map((e) => [e.ruleId, e.kind, e.detail]);
    expect(kinds).toEqual([
      ['rule-1', 'rule-on', { activationPassed: true }],
      ['rule-2', 'rule-on', { activationPassed: false }],
      ['rule-1', 'action', { handlers: 1, outcomes: [], errors: ['ABS handler broke'] }],
    ]);
  });

  it('sums the clock skew of a target', () => {
    const { engine } = setup();
    engine.add({ target: 'crm.mq', effect: { type: 'clock-skew', ms: -60_000 } });
    engine.add({ target: 'crm.mq', effect: { type: 'clock-skew', ms: 5_000 } });
    expect(engine.skewMs('crm.mq')).toBe(-55_000);
    expect(engine.skewMs('mdm.mq')).toBe(0);
  });
});
