import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSourcePolicy } from '../sync-service/resilience/source-policy.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

const WAIT = { timeout: 20_000, interval: 50 };
type Part = { asOf: string; source: { name: string; state: string; since: string } };
type Body = Part & { accounts: Part[]; legalDetails: Part; lastSequence: number };

/**
 * `asOf` means freshness: a quiet account's stamp moves on while the ABS answers, and stops with a
 * `down` source while it does not, so the DBO can tell "ABS unavailable" from "nothing booked".
 */
describe('read API freshness: asOf and source state per part', () => {
  let system: TestSystem;
  let client: string;
  let account: string;

  beforeAll(async () => {
    system = await startTestSystem({
      name: 'freshness',
      seed: 43,
      organisations: 3,
      sync: (sim) => ({
        mdmUrl: sim.url,
        absProbeEveryMs: 100,
        // A breaker that opens after two failed calls and tries again after 300 ms: the outage shows fast.
        sourcePolicy: (o) => createSourcePolicy({ ...o, attempts: 1, openAfter: 2, halfOpenAfterMs: 300 }),
      }),
    });
    client = [...system.sim.abs.store.organisations.keys()][1] as string;
    account = system.sim.abs.store.accountsOf(client)[0]?.id as string;
    // The cache holds the MDM's legal details once the MDM has changed them.
    system.sim.mdm.store.change(client, { legalAddress: 'Kazan, Baumana 5' });
    await vi.waitFor(async () => {
      const answer = await fetch(`${system.sync.url}/api/v1/clients/${client}`);
      expect(((await answer.json()) as Body).legalDetails).toBeDefined();
    }, WAIT);
  });
  afterAll(() => system.stop());

  const balance = async () =>
    (await (await fetch(`${system.sync.url}/api/v1/accounts/${account}/balance`)).json()) as Body;
  const rowAsOf = async () => {
    const db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ as_of: Date }>('SELECT as_of FROM accounts WHERE id = $1', [account]);
      return (rows[0] as { as_of: Date }).as_of.getTime();
    } finally {
      await db.end();
    }
  };

  it('moves a quiet account’s asOf on while the ABS answers, with the ABS up', async () => {
    const first = await balance();
    expect(first.source).toMatchObject({ name: 'abs', state: 'up' });
    await vi.waitFor(async () => {
      const later = await balance();
      expect(later.lastSequence).toBe(first.lastSequence); // nothing was booked
      expect(Date.parse(later.asOf)).toBeGreaterThan(Date.parse(first.asOf));
      expect(Date.parse(later.asOf)).toBeGreaterThan(await rowAsOf());
    }, WAIT);
    const answer = (await (await fetch(`${system.sync.url}/api/v1/clients/${client}`)).json()) as Body;
    expect(answer.accounts[0]?.source).toMatchObject({ name: 'abs', state: 'up' });
    expect(answer.legalDetails.source).toMatchObject({ name: 'mdm', state: 'up' });
    expect(answer.asOf).toBe([answer.legalDetails, ...answer.accounts].map((p) => p.asOf).sort()[0]);
  });

  it('says down with since during an ABS outage, its asOf frozen, and up again after', async () => {
    const { sim, sync } = system;
    const before = Date.now();
    sim.faults.add({ id: 'abs-rest-down', target: 'abs.rest', effect: { type: 'outage' } });
    sim.faults.add({ id: 'abs-events-down', target: 'abs.events', effect: { type: 'outage' } });
    const down = await vi.waitFor(async () => {
      const answer = await balance();
      expect(answer.source.state).toBe('down');
      return answer;
    }, WAIT);
    expect(Date.parse(down.source.since)).toBeGreaterThanOrEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 800)); // several probes and half-open trials
    const still = await balance();
    expect(still.source).toEqual(down.source);
    expect(still.asOf).toBe(down.asOf);
    const whole = (await (await fetch(`${sync.url}/api/v1/clients/${client}`)).json()) as Body;
    expect(whole.accounts[0]?.source.state).toBe('down');
    expect(whole.legalDetails.source.state).toBe('up'); // the MDM is not the one that failed

    sim.faults.remove('abs-rest-down');
    sim.faults.remove('abs-events-down');
    await vi.waitFor(async () => {
      const answer = await balance();
      expect(answer.source.state).toBe('up');
      expect(Date.parse(answer.asOf)).toBeGreaterThan(Date.parse(down.asOf));
    }, WAIT);
  });
});
