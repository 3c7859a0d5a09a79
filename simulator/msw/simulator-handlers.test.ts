import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absAccountsResponseSchema, absOrganisationPageSchema } from '../../contracts/abs/abs-schemas.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
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

  // Plain fetch and the ABS contract: whatever client code runs in a test sees the same answers.
  const abs = (path: string) => fetch(`${IN_PROCESS_SIMULATOR_URL}/abs/api/v1${path}`);

  it('answers plain fetch, in the ABS contract, at a URL that exists only in the test', async () => {
    const page = absOrganisationPageSchema.parse(
      await (await abs('/organisations?offset=0&limit=500')).json(),
    );
    expect(page.items.map((o) => o.id)).toEqual([...sim.simulator.abs.store.organisations.keys()]);
    const answer = await abs(`/organisations/${page.items[0]?.id ?? ''}/accounts`);
    expect(absAccountsResponseSchema.parse(await answer.json()).accounts.length).toBeGreaterThan(0);
  });

  it('injects faults the control API adds, in the vendor shape', async () => {
    const control = await fetch(`${IN_PROCESS_SIMULATOR_URL}/_control/faults/rules`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.simulator.controlToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'down', target: 'abs.rest', effect: { type: 'outage' } }),
    });
    expect(control.status).toBe(201);
    expect((await abs('/organisations?offset=0&limit=500')).status).toBe(503);
    sim.simulator.faults.remove('down');
  });

  it('turns a refused connection into a network error, as fetch reports one', async () => {
    sim.simulator.faults.add({
      id: 'refuse',
      target: 'abs.rest',
      effect: { type: 'outage', mode: 'refuse' },
    });
    await expect(abs('/organisations?offset=0&limit=500')).rejects.toThrow(TypeError);
    sim.simulator.faults.remove('refuse');
  });
});
