import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseFaultRule } from './fault-rule-error.ts';
import { faultRuleSchema } from './fault-rule-schema.ts';

describe('fault rule schema', () => {
  it('fills every effect parameter with its default and reads durations with units', () => {
    const rule = faultRuleSchema.parse({
      target: 'crm.rest',
      effect: { type: 'rate-limit' },
      window: { from: '30s', to: 90_000 },
    });
    expect(rule.effect).toEqual({ type: 'rate-limit', burst: 50, perSecond: 2 });
    expect(rule.window).toEqual({ from: 30_000, to: 90_000 });
  });

  it('takes the same rule from a scenario file and from the control API', () => {
    const fromYaml = {
      target: 'abs.events',
      match: { key: 'org-*' },
      effect: { type: 'sequence-gap', consumeNumber: false },
      probability: 0.01,
    };
    expect(faultRuleSchema.parse(JSON.parse(JSON.stringify(fromYaml)))).toEqual(
      faultRuleSchema.parse(fromYaml),
    );
  });

  it('refuses an effect on a channel it cannot act on, and says which kind fits', () => {
    const parsed = parseFaultRule({ target: 'abs.rest', effect: { type: 'duplicate' } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.problem).toBe('invalid');
      expect(parsed.error.message).toMatch(
        /^Failed to add the fault rule: effect\.type: duplicate does nothing on abs\.rest.*target a message channel/,
      );
    }
  });

  it.each([
    [
      {
        target: 'abs.rest',
        effect: {
          type: 'error-rate',
          errors: [
            { status: 500, rate: 0.7 },
            { status: 502, rate: 0.4 },
          ],
        },
      },
      /add up to more than 1/,
    ],
    [{ target: 'crm.mq', effect: { type: 'reorder' } }, /exactly one of withinMessages and withinMs/],
    [
      { target: 'abs.rest', effect: { type: 'outage' }, window: { from: '1m', to: '30s' } },
      /to must be after from/,
    ],
    [
      {
        target: 'abs.rest',
        effect: { type: 'latency', distribution: { kind: 'uniform', minMs: 50, maxMs: 10 } },
      },
      /minMs must not exceed maxMs/,
    ],
    [
      { target: 'ABS', effect: { type: 'outage' } },
      /ABS is not a channel of the simulator; use one of abs\.rest/,
    ],
    [{ target: 'abs.rest', effect: { type: 'outage' }, probability: 1.5 }, /probability/],
  ])('rejects %j', (input, message) => {
    const parsed = parseFaultRule(input);
    expect(parsed.ok ? 'accepted' : parsed.error.message).toMatch(message);
  });

  it('converts to JSON Schema for the generated OpenAPI (input side)', () => {
    const schema = z.toJSONSchema(faultRuleSchema, { io: 'input' }) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(schema.properties)).toEqual([
      'id',
      'target',
      'match',
      'effect',
      'window',
      'probability',
    ]);
  });
});

describe('fault rule targets', () => {
  it('refuses a channel the simulator does not have, suggesting the nearest one', () => {
    const typo = faultRuleSchema.safeParse({ target: 'abs.evnts', effect: { type: 'duplicate' } });
    expect(typo.success).toBe(false);
    expect(typo.error?.issues[0]?.message).toContain('Did you mean abs.events?');
    const unknown = faultRuleSchema.safeParse({ target: 'nope.rest', effect: { type: 'outage' } });
    expect(unknown.error?.issues[0]?.message).toContain('nope.rest is not a channel of the simulator');
  });
});
