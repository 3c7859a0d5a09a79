import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { type Simulator, startSimulator } from '../start-simulator.ts';

interface JournalPage {
  entries: Array<{ seq: number; ruleId: string; kind: string }>;
  next: number | null;
  dropped: number;
  totals: {
    appended: number;
    held: number;
    capacity: number;
    byRule: Record<string, Record<string, number>>;
  };
}

describe('GET /_control/faults/journal', () => {
  const bus = createMemoryBus();
  let sim: Simulator;
  const journal = (query = '') =>
    fetch(`${sim.url}/_control/faults/journal${query}`, {
      headers: { authorization: `Bearer ${sim.controlToken}` },
    });
  const page = async (query = '') => (await (await journal(query)).json()) as JournalPage;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 5,
      dataset: { organisations: 3, accountsPerOrganisation: 1 },
      bus,
      clock: { now: () => Date.now() },
      absCapacity: false,
      journalCapacity: 10,
    });
    sim.faults.add({
      id: 'slow',
      target: 'abs.rest',
      effect: { type: 'latency', distribution: { kind: 'fixed', ms: 0 } },
    });
    // rule-on, then 24 injections: 25 entries, the oldest 15 fall out of a journal of 10.
    for (let i = 0; i < 24; i++) await fetch(`${sim.url}/abs/api/v1/organisations`);
  });
  afterAll(async () => {
    await sim.stop();
    await bus.stop();
  });

  it('pages the entries it holds, says how many fell out, and counts every injection exactly', async () => {
    const first = await page('?limit=4');
    expect(first.entries.map((e) => e.seq)).toEqual([16, 17, 18, 19]);
    expect(first.next).toBe(19);
    expect(first.dropped).toBe(15);
    expect(first.totals).toEqual({
      appended: 25,
      held: 10,
      capacity: 10,
      byRule: { slow: { 'rule-on': 1, injected: 24 } },
    });
    const rest = await page(`?after=${first.next}&limit=100`);
    expect(rest.entries.map((e) => e.seq)).toEqual([20, 21, 22, 23, 24, 25]);
    expect(rest.next).toBeNull();
    expect((await page('?after=25')).entries).toEqual([]);
    // Default limit 1 000: the whole journal of 10 in one page.
    expect((await page()).entries).toHaveLength(10);
  });

  it.each([
    ['?after=-1', 'after'],
    ['?after=abc', 'after'],
    ['?after=1.5', 'after'],
    ['?limit=0', 'limit'],
    ['?limit=10001', 'limit'],
    ['?after=1&after=2', 'after'],
  ])('answers 400 INVALID_QUERY as JSON for %s', async (query, field) => {
    const response = await journal(query);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await response.json()) as { error: { code: string; message: string; issues: string[] } };
    expect(body.error.code).toBe('INVALID_QUERY');
    expect(body.error.message).toMatch(/^Failed to page the fault journal: .*\. Pass after/);
    expect(body.error.issues.join()).toContain(field);
  });
});
