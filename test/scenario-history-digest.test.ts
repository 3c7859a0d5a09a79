import { describe, expect, inject, it } from 'vitest';
import { createLogger } from '../infra/logger.ts';
import { parseScenario } from '../scenarios/runner/load-scenario.ts';
import { runScenario } from '../scenarios/runner/run-scenario.ts';
import { scenarioTestEnvironment } from './scenario-test-environment.ts';

const brokers = inject('kafkaBrokers');
// Every kind of message fault the digest must replay, and a grey edit between two postings.
const scenario = parseScenario(
  `name: digest
seed: 77
speed: 20
dataset: { organisations: 6 }
duration: 20s
traffic: { postingsPerSecond: 10, crmChangesPerSecond: 2, mdmChangesPerSecond: 2 }
timeline:
  - at: 2s
    for: 12s
    fault: { target: abs.events, match: { topic: abs.postings }, probability: 0.2, effect: { type: duplicate } }
  - at: 3s
    for: 5s
    fault: { target: abs.events, match: { topic: abs.postings }, effect: { type: reorder, withinMessages: 3 } }
  - at: 2s
    for: 10s
    fault: { target: crm.mq, probability: 0.2, effect: { type: delay, ms: 1000 } }
  - at: 2s
    for: 10s
    fault: { target: mdm.mq, probability: 0.2, effect: { type: duplicate } }
  - at: 7s
    fault: { target: abs.rest, effect: { type: grey-edit, count: 2 } }
expect: { convergedWithin: 30s }
`,
  'digest.yaml',
);

const run = (kind: 'memory' | 'kafka') =>
  runScenario(scenario, 'digest.yaml', {
    environment: scenarioTestEnvironment(kind, 'digest'),
    log: createLogger('digest', 'silent'),
  });

describe('the history digest', () => {
  it('is the same for two runs of one file and seed on the memory bus, and covers messages, faults and actions', async () => {
    const [first, second] = [await run('memory'), await run('memory')];
    expect(first.history?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(second.history).toEqual(first.history);
    // 200 postings and their balances; 40 CRM changes on the MQ feed and as change events; 40 MDM changes.
    expect(first.history?.messages).toBe(200 * 2 + 40 * 2 + 40);
    expect(first.history?.faults).toBeGreaterThan(10);
    expect(first.history?.actions).toBe(1);
    process.stderr.write(`digest memory ×2: ${first.history?.digest}\n`);
  });

  if (!brokers) process.stderr.write(`digest on Kafka skipped: ${inject('kafkaUnavailable')}\n`);
  it.skipIf(!brokers)('is the same on a real Kafka broker as on the memory bus', async () => {
    const [memory, kafka] = [await run('memory'), await run('kafka')];
    expect(kafka.bus).toBe('kafka');
    expect(kafka.history).toEqual(memory.history);
    process.stderr.write(`digest memory = kafka: ${kafka.history?.digest}\n`);
  });
});
