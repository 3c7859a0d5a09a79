import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MDM_MQ_TOPIC, mdmMessageSchema } from '../contracts/mdm/mdm-schemas.ts';
import type { BusMessage } from '../infra/event-bus.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { CRM_TEST_CREDENTIALS } from '../simulator/crm/crm-flavor.ts';
import { CRM_MQ_TOPIC } from '../simulator/crm/crm-mq-feed.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';
import { createSalesforceClient } from '../sync-service/crm/salesforce-client.ts';

const clock = { now: () => Date.now() };

describe('one simulator, three systems over one seeded world', () => {
  const bus = createMemoryBus();
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      seed: 21,
      dataset: { organisations: 25, accountsPerOrganisation: 3 },
      bus,
      clock,
    });
  });
  afterAll(async () => {
    await sim.stop();
    await bus.stop();
  });

  it('gives a client the same id and INN in the ABS, the CRM and the MDM', async () => {
    const organisation = [...sim.abs.store.organisations.values()][7];
    if (!organisation) throw new Error('no organisation');
    const mdm = (await (await fetch(`${sim.url}/mdm/api/v1/legal-entities/${organisation.id}`)).json()) as {
      inn: string;
    };
    expect(mdm.inn).toBe(organisation.inn);
    expect(sim.crm.store.findByExternalId('company', organisation.id)?.inn).toBe(organisation.inn);
    const byInn = await fetch(`${sim.url}/mdm/api/v1/legal-entities?inn=${organisation.inn}`);
    expect(((await byInn.json()) as { clientId: string }).clientId).toBe(organisation.id);
  });

  it('answers MDM look-ups of unknown or malformed ids with codes', async () => {
    const unknown = await fetch(`${sim.url}/mdm/api/v1/legal-entities/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect((await fetch(`${sim.url}/mdm/api/v1/legal-entities/nope`)).status).toBe(400);
    expect((await fetch(`${sim.url}/mdm/api/v1/legal-entities?inn=12`)).status).toBe(400);
  });

  it('numbers MDM feed messages per client, keeps the reference log, and gives back a number lost before numbering', async () => {
    const received: BusMessage[] = [];
    await bus.subscribe({
      groupId: 'mdm-test',
      topic: MDM_MQ_TOPIC,
      handleBatch: async (b) => void received.push(...b),
    });
    const client = [...sim.abs.store.organisations.keys()][3] as string;
    sim.mdm.store.change(client, { legalAddress: 'г. Москва, ул. Новая, д. 1' });
    sim.faults.add({
      id: 'lost-early',
      target: 'mdm.mq',
      effect: { type: 'sequence-gap', consumeNumber: false },
    });
    sim.mdm.store.change(client, { legalAddress: 'г. Москва, ул. Новая, д. 2' });
    sim.faults.remove('lost-early');
    sim.mdm.store.change(client, { legalAddress: 'г. Москва, ул. Новая, д. 3' });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    const messages = received.map((m) => mdmMessageSchema.parse(JSON.parse(m.value.toString())));
    expect(messages.map((m) => [m.sequence, m.state?.legalAddress])).toEqual([
      [1, 'г. Москва, ул. Новая, д. 1'],
      [2, 'г. Москва, ул. Новая, д. 3'],
    ]);
    const log = await fetch(`${sim.url}/mdm/api/v1/sequence-log/legal-details/${client}`);
    expect(await log.json()).toMatchObject({ lastSequence: 2 });
  });

  it('serves the Salesforce flavor, with injected errors in Salesforce shape', async () => {
    // The sync service's own Salesforce client logs in, as it will against a real org.
    const { accessToken } = await createSalesforceClient({
      ...CRM_TEST_CREDENTIALS.salesforce,
      loginUrl: sim.url,
    }).login();
    const query = `${sim.url}/services/data/v60.0/query?q=${encodeURIComponent('SELECT Id, Name FROM Account LIMIT 3')}`;
    const headers = { authorization: `Bearer ${accessToken}` };
    const ok = await fetch(query, { headers });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { records: unknown[] }).records).toHaveLength(3);

    sim.faults.add({
      id: 'sf-limit',
      target: 'crm.rest',
      effect: { type: 'rate-limit', burst: 1, perSecond: 0.001 },
    });
    try {
      await fetch(query, { headers });
      const limited = await fetch(query, { headers });
      expect(limited.status).toBe(403);
      expect(await limited.json()).toEqual([
        expect.objectContaining({ errorCode: 'REQUEST_LIMIT_EXCEEDED' }),
      ]);
    } finally {
      sim.faults.remove('sf-limit');
    }
  });

  it('grey-edits CRM cards and MDM records when a fault rule asks, emitting nothing', async () => {
    const crmBefore = sim.crm.store.drift.length;
    const mdmBefore = sim.mdm.store.drift.length;
    sim.faults.add({ id: 'crm-grey', target: 'crm.rest', effect: { type: 'grey-edit', count: 2 } });
    sim.faults.add({ id: 'mdm-grey', target: 'mdm.rest', effect: { type: 'grey-edit', count: 3 } });
    await vi.waitFor(() => {
      expect(sim.crm.store.drift.length - crmBefore).toBe(2);
      expect(sim.mdm.store.drift.length - mdmBefore).toBe(3);
    });
    expect(sim.mdm.feed.backlog).toBe(0);
  });

  it('turns a change event the fault engine drops into a Salesforce GAP event for that record', async () => {
    const received: BusMessage[] = [];
    await bus.subscribe({
      groupId: 'cdc-test',
      topic: 'crm.salesforce.cdc',
      handleBatch: async (b) => void received.push(...b),
    });
    sim.faults.add({ id: 'cdc-gap', target: 'crm.events', effect: { type: 'sequence-gap' } });
    sim.crm.store.update('company', '9', { phone: '+79990000009' }, { channel: 'ui', client: null });
    sim.faults.remove('cdc-gap');
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(0));
    const header = (
      JSON.parse(received.at(-1)?.value.toString() ?? '{}') as {
        payload: { ChangeEventHeader: { changeType: string; recordIds: string[] } };
      }
    ).payload.ChangeEventHeader;
    expect(header.changeType).toBe('GAP_UPDATE');
    expect(header.recordIds).toHaveLength(1);

    sim.faults.add({
      id: 'cdc-overflow',
      target: 'crm.events',
      effect: { type: 'sequence-gap', consumeNumber: false },
    });
    sim.crm.store.update('company', '9', { phone: '+79990000010' }, { channel: 'ui', client: null });
    sim.faults.remove('cdc-overflow');
    const last = () =>
      (
        JSON.parse(received.at(-1)?.value.toString() ?? '{}') as {
          payload: { ChangeEventHeader: { changeType: string; recordIds: string[] } };
        }
      ).payload.ChangeEventHeader;
    await vi.waitFor(() => expect(last().changeType).toBe('GAP_OVERFLOW'));
    expect(last().recordIds).toEqual([]);
  });

  it('puts CRM card changes on the CRM MQ feed', async () => {
    const received: BusMessage[] = [];
    await bus.subscribe({
      groupId: 'crm-test',
      topic: CRM_MQ_TOPIC,
      handleBatch: async (b) => void received.push(...b),
    });
    sim.crm.store.update('company', '5', { phone: '+79990000000' }, { channel: 'ui', client: null });
    const forCompany5 = () =>
      received.filter((m) => m.key === '5').map((m) => JSON.parse(m.value.toString()));
    await vi.waitFor(() => expect(forCompany5()).toHaveLength(1));
    expect(forCompany5()[0]).toMatchObject({ source: 'crm', entity: 'company', id: '5', sequence: 1 });
  });
});

describe('the Bitrix24 flavor, chosen per run', () => {
  it('answers crm.company.get over an inbound webhook for a seeded company', async () => {
    await using bus = createMemoryBus();
    await using sim = await startSimulator({
      seed: 21,
      dataset: { organisations: 5, accountsPerOrganisation: 1 },
      bus,
      clock,
      crmFlavor: 'bitrix24',
    });
    const { userId, token } = CRM_TEST_CREDENTIALS.bitrix24;
    const response = await fetch(`${sim.url}/rest/${userId}/${token}/crm.company.get.json?id=2`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { ID: string; TITLE: string } };
    expect(body.result).toMatchObject({ ID: '2', TITLE: sim.crm.store.get('company', '2')?.name });
  });
});
