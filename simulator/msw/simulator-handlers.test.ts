import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { createAbsClient } from '../../sync-service/abs/abs-client.ts';
import {
  IN_PROCESS_SIMULATOR_URL,
  type InProcessSimulator,
  inProcessSimulator,
} from './simulator-handlers.ts';

describe('the simulator in-process through msw', () => {
  const bus = createMemoryBus();
  let sim: InProcessSimulator;
  let server: ReturnType<typeof setupServer>;
  beforeAll(async () => {
    sim = await inProcessSimulator({
      seed: 5,
      dataset: { organisations: 6, accountsPerOrganisation: 2 },
      bus,
      clock: { now: () => Date.now() },
    });
    server = setupServer(...sim.handlers);
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(async () => {
    server.close();
    await sim.stop();
    await bus.stop();
  });

  it('answers the real ABS client, unchanged, at a URL that exists only in the test', async () => {
    const abs = createAbsClient(IN_PROCESS_SIMULATOR_URL);
    const organisations = await abs.listOrganisations();
    expect(organisations.map((o) => o.id)).toEqual([...sim.simulator.abs.store.organisations.keys()]);
    const accounts = await abs.accountsOf(organisations[0]?.id ?? '');
    expect(accounts.length).toBeGreaterThan(0);
  });

  it('injects faults the control API adds, in the vendor shape', async () => {
    const control = await fetch(`${IN_PROCESS_SIMULATOR_URL}/_control/faults/rules`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.simulator.controlToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'down', target: 'abs.rest', effect: { type: 'outage' } }),
    });
    expect(control.status).toBe(201);
    const abs = createAbsClient(IN_PROCESS_SIMULATOR_URL);
    await expect(abs.listOrganisations()).rejects.toThrow(/HTTP 503/);
    sim.simulator.faults.remove('down');
  });

  it('turns a refused connection into a network error for the client', async () => {
    sim.simulator.faults.add({
      id: 'refuse',
      target: 'abs.rest',
      effect: { type: 'outage', mode: 'refuse' },
    });
    await expect(createAbsClient(IN_PROCESS_SIMULATOR_URL).listOrganisations()).rejects.toThrow(
      /Failed to call ABS/,
    );
    sim.simulator.faults.remove('refuse');
  });
});
