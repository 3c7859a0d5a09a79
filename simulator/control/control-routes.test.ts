import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { type Simulator, startSimulator } from '../start-simulator.ts';

describe('simulator control API', () => {
  const bus = createMemoryBus();
  let sim: Simulator;
  const call = (method: string, path: string, body?: unknown, token = sim.controlToken) =>
    fetch(`${sim.url}/_control${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 3,
      dataset: { organisations: 5, accountsPerOrganisation: 2 },
      bus,
      clock: { now: () => Date.now() },
    });
  });
  afterAll(async () => {
    await sim.stop();
    await bus.stop();
  });

  it('refuses calls without the bearer token', async () => {
    const response = await call('GET', '/faults/rules', undefined, 'wrong');
    expect(response.status).toBe(401);
    expect((await json(response)).error).toMatchObject({ code: 'UNAUTHORIZED' });
    // Same length, one character off, and the token with a byte more: refused alike.
    const last = sim.controlToken.at(-1) === 'a' ? 'b' : 'a';
    for (const near of [`${sim.controlToken.slice(0, -1)}${last}`, `${sim.controlToken}x`]) {
      expect((await call('GET', '/faults/rules', undefined, near)).status).toBe(401);
    }
    expect((await call('GET', '/faults/rules')).status).toBe(200);
  });

  it('adds a rule that takes effect on the wire, journals it, and removes it', async () => {
    const added = await call('POST', '/faults/rules', {
      id: 'down',
      target: 'abs.rest',
      effect: { type: 'outage' },
    });
    expect(added.status).toBe(201);
    expect((await fetch(`${sim.url}/abs/api/v1/organisations`)).status).toBe(503);
    const journal = await json(await call('GET', '/faults/journal'));
    expect(
      (journal.entries as Array<{ ruleId: string; kind: string }>).some(
        (e) => e.ruleId === 'down' && e.kind === 'injected',
      ),
    ).toBe(true);
    expect((await call('DELETE', '/faults/rules/down')).status).toBe(204);
    expect((await fetch(`${sim.url}/abs/api/v1/organisations`)).status).toBe(200);
    expect((await call('DELETE', '/faults/rules/down')).status).toBe(404);
  });

  it('answers 400 with the problems for a bad rule, 409 for a taken id, 400 for bad JSON', async () => {
    const bad = await call('POST', '/faults/rules', { target: 'abs.rest', effect: { type: 'sequence-gap' } });
    expect(bad.status).toBe(400);
    const body = await json(bad);
    expect(body.error).toMatchObject({ code: 'INVALID_FAULT_RULE' });
    expect(JSON.stringify(body)).toMatch(/message channel/);
    const rule = {
      id: 'slow',
      target: 'abs.rest',
      effect: { type: 'latency', distribution: { kind: 'fixed', ms: 1 } },
    };
    expect((await call('POST', '/faults/rules', rule)).status).toBe(201);
    expect((await call('POST', '/faults/rules', rule)).status).toBe(409);
    expect((await call('POST', '/faults/rules', '{not json')).status).toBe(400);
    expect((await call('DELETE', '/faults/rules')).status).toBe(204);
  });

  it('grey-edits an ABS balance and shows it as drift and truth', async () => {
    const account = sim.abs.store.allAccounts()[0];
    const edited = await call('POST', '/abs/grey-edits', { accountId: account?.id, balanceMinor: 42 });
    expect(edited.status).toBe(201);
    const truth = await json(await call('GET', '/abs/truth/accounts'));
    expect(
      (truth.accounts as Array<{ id: string; balanceMinor: number }>).find((a) => a.id === account?.id)
        ?.balanceMinor,
    ).toBe(42);
    expect((await json(await call('GET', '/abs/drift'))).drift).toHaveLength(1);
    expect((await call('POST', '/abs/grey-edits', { accountId: 'x', balanceMinor: 1 })).status).toBe(400);
  });

  it('grey-edits CRM and MDM records without events, as drift', async () => {
    const client = [...sim.abs.store.organisations.keys()][1];
    const mdm = await call('POST', '/mdm/grey-edits', {
      clientId: client,
      patch: { legalAddress: 'г. Тверь, ул. Советская, д. 1' },
    });
    expect(mdm.status).toBe(201);
    expect((await json(await call('GET', '/mdm/drift'))).drift).toHaveLength(1);
    const crm = await call('POST', '/crm/grey-edits', {
      entity: 'company',
      id: '2',
      patch: { name: 'ООО «Исправлено»' },
    });
    expect(crm.status).toBe(201);
    expect(sim.crm.store.get('company', '2')?.name).toBe('ООО «Исправлено»');
    expect((await json(await call('GET', '/crm/drift'))).drift).toHaveLength(1);
    expect((await json(await call('GET', '/crm/truth/company/2'))).name).toBe('ООО «Исправлено»');
    expect((await json(await call('GET', `/mdm/truth/${client}`))).legalAddress).toBe(
      'г. Тверь, ул. Советская, д. 1',
    );
    expect((await call('GET', '/crm/truth/planet/2')).status).toBe(400);
    expect((await call('POST', '/crm/grey-edits', { entity: 'company', id: '999', patch: {} })).status).toBe(
      404,
    );
    expect((await call('POST', '/mdm/grey-edits', { clientId: client, patch: {} })).status).toBe(400);
  });

  it('resets to another seed on the same port: new data, no rules, an empty journal', async () => {
    const before = [...sim.abs.store.organisations.keys()][0];
    await call('POST', '/faults/rules', {
      id: 'slow',
      target: 'abs.rest',
      effect: { type: 'latency', distribution: { kind: 'fixed', ms: 1 } },
    });
    expect((await call('POST', '/reset', { seed: 'x' })).status).toBe(400);
    const reset = await call('POST', '/reset', { seed: 99 });
    expect(await json(reset)).toEqual({ seed: 99 });
    expect(sim.seed).toBe(99);
    expect([...sim.abs.store.organisations.keys()][0]).not.toBe(before);
    expect((await json(await call('GET', '/faults/rules'))).rules).toEqual([
      expect.objectContaining({ id: 'abs-capacity' }),
    ]);
    expect((await fetch(`${sim.url}/abs/api/v1/organisations`)).status).toBe(200);
  });

  it('moves the simulated clock forward, never back', async () => {
    const before = Date.parse(((await json(await call('GET', '/clock'))) as { now: string }).now);
    const moved = await json(await call('POST', '/clock/advance', { ms: 6 * 3_600_000 }));
    expect(Date.parse(moved.now as string) - before).toBeGreaterThanOrEqual(6 * 3_600_000);
    expect((await call('POST', '/clock/advance', { ms: -1 })).status).toBe(400);
  });

  it('refuses a jump past what dates can hold, and keeps serving', async () => {
    const refused = await call('POST', '/clock/advance', { ms: Number.MAX_SAFE_INTEGER });
    expect(refused.status).toBe(400);
    expect(((await json(refused)) as { error: { code: string } }).error.code).toBe('INVALID_CLOCK_ADVANCE');
    expect((await call('GET', '/clock')).status).toBe(200);
    expect((await fetch(`${sim.url}/abs/api/v1/organisations`)).status).toBe(200);
  });

  it('refuses a fault rule on a channel the simulator does not have', async () => {
    const refused = await call('POST', '/faults/rules', { target: 'nope.rest', effect: { type: 'outage' } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(JSON.stringify(await json(refused))).toContain('nope.rest is not a channel of the simulator');
  });

  it('publishes an OpenAPI document generated from the zod schemas', async () => {
    const document = await json(await fetch(`${sim.url}/_control/openapi.json`));
    expect(document.openapi).toBe('3.1.0');
    const text = JSON.stringify(document);
    for (const effect of ['outage', 'capacity-collapse', 'sequence-gap', 'avalanche', 'grey-edit'])
      expect(text).toContain(effect);
  });
});
