import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SIGNATURE_HEADER, verifySignature } from '../contracts/webhooks/webhook-signature.ts';
import { listen, type RunningServer } from '../infra/http-server.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';

interface Delivery {
  readonly delivery: string;
  readonly event: string;
  readonly check: string;
  readonly body: { change: { id: string; sequence: number } };
}

async function read(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('CRM webhooks', () => {
  const bus = createMemoryBus();
  const deliveries: Delivery[] = [];
  let receiver: RunningServer;
  let sim: Simulator;
  const api = { channel: 'ui', client: null } as const;

  beforeAll(async () => {
    receiver = await listen(async (request, response) => {
      const raw = await read(request);
      deliveries.push({
        delivery: String(request.headers['x-corebridge-delivery']),
        event: String(request.headers['x-corebridge-event']),
        check: verifySignature(
          request.headers[SIGNATURE_HEADER] as string,
          raw,
          ['whsec'],
          Math.floor(Date.now() / 1000),
        ),
        body: JSON.parse(raw),
      });
      response.end();
    });
    sim = await startSimulator({
      seed: 8,
      dataset: { organisations: 5, accountsPerOrganisation: 1 },
      bus,
      clock: { now: () => Date.now() },
      crmWebhook: { url: receiver.url, secret: 'whsec' },
    });
  });
  afterAll(async () => {
    await sim.stop();
    await bus.stop();
    await receiver.close();
  });

  it('sends every change signed, and a duplicate fault delivers it twice under one delivery id', async () => {
    sim.crm.store.update('company', '1', { phone: '+79990000001' }, api);
    await vi.waitFor(() => expect(deliveries).toHaveLength(1));
    expect(deliveries[0]).toMatchObject({ event: 'crm.company.update', check: 'valid' });

    sim.faults.add({ id: 'twice', target: 'crm.webhooks', effect: { type: 'duplicate' } });
    sim.crm.store.update('company', '2', { phone: '+79990000002' }, api);
    await vi.waitFor(() => expect(deliveries).toHaveLength(3));
    const [first, second] = deliveries.slice(1);
    expect(first?.delivery).toBe(second?.delivery);
    expect(first?.body.change).toMatchObject({ id: '2', sequence: 2 });
    expect(deliveries.every((d) => d.check === 'valid')).toBe(true);
    sim.faults.remove('twice');
  });
});
