import PubSubApiClient from 'salesforce-pubsub-api-client';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { CRM_TEST_CREDENTIALS } from '../simulator/crm/crm-flavor.ts';
import { salesforceId } from '../simulator/crm/salesforce/index.ts';
import { CHANGE_EVENT_SCHEMAS } from '../simulator/crm/salesforce/pubsub/index.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';

/**
 * The Salesforce Pub/Sub API of the simulator, used by the published Node client
 * (`salesforce-pubsub-api-client`) exactly as against an org: it logs in by OAuth client
 * credentials at the simulator's HTTP port, asks `/services/oauth2/userinfo` for the org id,
 * opens its gRPC channel to the Pub/Sub port and decodes the Avro events itself, bitmaps
 * included. The client only speaks TLS and pins its own CA bundle, so the port serves a throwaway
 * self-signed certificate and the client is told `rejectUnauthorizedSsl: false` — its documented
 * switch for test servers. Nothing of the client is patched.
 */

// biome-ignore lint/suspicious/noExplicitAny: the client hands out decoded Avro records untyped.
type Decoded = { replayId: number; schemaId: string; payload: any };
// biome-ignore lint/suspicious/noExplicitAny: gRPC errors arrive untyped through the callback.
type Received = { events: Decoded[]; errors: any[]; keepalives: number; lastEvent: boolean; ended: boolean };

const WAIT = { timeout: 10_000, interval: 20 };
const UI = { channel: 'ui', client: null } as const;
const HOUR = 60 * 60 * 1000;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const { clientId, clientSecret } = CRM_TEST_CREDENTIALS.salesforce;

let offset = 0;
const clock = { now: () => Date.now() + offset };
const bus = createMemoryBus();
let sim: Simulator;
const clients: PubSubApiClient[] = [];
const receivers: Received[] = [];

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  sim = await startSimulator({
    seed: 17,
    dataset: { organisations: 6, accountsPerOrganisation: 1 },
    bus,
    clock,
    absCapacity: false,
    pubsubPort: 0,
    pubsubTls: { key: pems.private, cert: pems.cert },
    pubsubKeepaliveMs: 100,
  });
});

afterAll(async () => {
  // Server first, and close the clients once every stream has heard it went: the client's close()
  // drops its stream listeners, and a stream ending after that throws with nobody listening.
  await sim?.stop();
  await vi.waitFor(
    () => expect(receivers.every((got) => got.errors.length > 0 || got.ended)).toBe(true),
    WAIT,
  );
  for (const client of clients) client.close();
  await bus.stop();
});

async function connect(): Promise<PubSubApiClient> {
  const client = new PubSubApiClient(
    {
      authType: 'oauth-client-credentials',
      loginUrl: sim.url,
      clientId,
      clientSecret,
      pubSubEndpoint: sim.pubsubAddress,
      rejectUnauthorizedSsl: false,
    },
    quiet,
  );
  await client.connect();
  clients.push(client);
  return client;
}

function receiver(): Received & { callback: Parameters<PubSubApiClient['subscribe']>[1] } {
  const received: Received = { events: [], errors: [], keepalives: 0, lastEvent: false, ended: false };
  receivers.push(received);
  return Object.assign(received, {
    callback: (_subscription: unknown, type: string, data: unknown) => {
      if (type === 'event') received.events.push(data as Decoded);
      if (type === 'error') received.errors.push(data);
      if (type === 'grpcKeepAlive') received.keepalives++;
      if (type === 'lastEvent') received.lastEvent = true;
      if (type === 'end') received.ended = true;
    },
  });
}

/** The stream's newest replay id: subscribing from it (CUSTOM) sees exactly what happens next. */
const now = () => Number(sim.crm.pubsub?.log.latestReplayId);
const schemaOf = (entity: string) => CHANGE_EVENT_SCHEMAS.find((schema) => schema.entityName === entity)?.id;

describe('Salesforce Pub/Sub API, through the published Node client', () => {
  it('streams an Account update, decoded, with the ChangeEventHeader Salesforce sends', async () => {
    const client = await connect();
    const got = receiver();
    client.subscribe('/data/AccountChangeEvent', got.callback);
    // A LATEST subscription sees what comes after it is set up: the first keepalive says it is.
    await vi.waitFor(() => expect(got.keepalives).toBeGreaterThan(0), WAIT);
    sim.crm.store.update('company', '2', { phone: '+7 495 200-00-02' }, UI);

    await vi.waitFor(() => expect(got.events).toHaveLength(1), WAIT);
    const [event] = got.events;
    expect(event?.schemaId).toBe(schemaOf('Account'));
    expect(event?.payload.ChangeEventHeader).toMatchObject({
      entityName: 'Account',
      recordIds: [salesforceId('001', 2)],
      changeType: 'UPDATE',
      changeOrigin: '',
      sequenceNumber: 1,
      commitUser: expect.stringMatching(/^005/),
      transactionKey: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/),
      // Sent as hex bitmaps of schema positions; the client turns them back into names.
      changedFields: ['Phone', 'LastModifiedDate'],
      nulledFields: [],
      diffFields: [],
    });
    expect(event?.payload.ChangeEventHeader.commitTimestamp).toBeGreaterThan(Date.UTC(2025, 0, 1));
    expect(event?.payload).toMatchObject({ Phone: '+7 495 200-00-02', Name: null, INN__c: null });
    expect(event?.payload.LastModifiedDate).toBe(event?.payload.ChangeEventHeader.commitTimestamp);
    expect(got.errors).toEqual([]);
  });

  it("carries every object on /data/ChangeEvents, Contact's compound Name and nulled fields as bitmaps", async () => {
    const client = await connect();
    const got = receiver();
    client.subscribeFromReplayId('/data/ChangeEvents', got.callback, null, now());
    const contact = sim.crm.store.get('contact', '1');
    if (!contact) throw new Error('the seeded CRM has no contact 1');
    sim.crm.store.update('contact', '1', { lastName: 'Смирнова', email: null }, UI);
    sim.crm.store.update('company', '3', { phone: '+7 495 300-00-03' }, UI);

    await vi.waitFor(() => expect(got.events).toHaveLength(2), WAIT);
    const [person, company] = got.events;
    expect(person?.schemaId).toBe(schemaOf('Contact'));
    expect(company?.schemaId).toBe(schemaOf('Account'));
    const header = person?.payload.ChangeEventHeader;
    expect(header).toMatchObject({ entityName: 'Contact', recordIds: [salesforceId('003', 1)] });
    expect([...header.changedFields].sort()).toEqual(['Email', 'LastModifiedDate', 'Name.LastName']);
    expect(header.nulledFields).toEqual(contact.email === null ? [] : ['Email']);
    expect(person?.payload.Name).toMatchObject({ LastName: 'Смирнова' });
    expect(person?.payload.Email).toBeNull();
  });

  it('replays from a stored replay id, honouring num_requested, with ids that are not contiguous', async () => {
    const from = now();
    for (const phone of ['+7 1', '+7 2', '+7 3', '+7 4', '+7 5']) {
      sim.crm.store.update('company', '4', { phone }, UI);
    }
    const first = await connect();
    const all = receiver();
    first.subscribeFromReplayId('/data/AccountChangeEvent', all.callback, 5, from);
    await vi.waitFor(() => expect(all.lastEvent).toBe(true), WAIT);
    const ids = all.events.map((event) => event.replayId);
    expect(all.events.map((event) => event.payload.Phone)).toEqual(['+7 1', '+7 2', '+7 3', '+7 4', '+7 5']);
    expect(ids.slice(1).some((id, index) => id - (ids[index] as number) > 1)).toBe(true);

    // A new subscriber resumes after the second event, and gets no more than it asked for.
    const second = await connect();
    const two = receiver();
    second.subscribeFromReplayId('/data/AccountChangeEvent', two.callback, 2, ids[1] as number);
    await vi.waitFor(() => expect(two.lastEvent).toBe(true), WAIT);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(two.events.map((event) => event.payload.Phone)).toEqual(['+7 3', '+7 4']);
    expect(two.events.map((event) => event.replayId)).toEqual(ids.slice(2, 4));
  });

  it('turns an event the crm.events rules drop into GAP_UPDATE, and a lost number into GAP_OVERFLOW', async () => {
    const client = await connect();
    const got = receiver();
    client.subscribeFromReplayId('/data/AccountChangeEvent', got.callback, null, now());
    sim.faults.add({ id: 'gap', target: 'crm.events', effect: { type: 'sequence-gap' } });
    sim.crm.store.update('company', '5', { phone: '+7 495 500-00-05' }, UI);
    sim.faults.remove('gap');
    sim.faults.add({
      id: 'overflow',
      target: 'crm.events',
      effect: { type: 'sequence-gap', consumeNumber: false },
    });
    sim.crm.store.update('company', '5', { phone: '+7 495 500-00-06' }, UI);
    sim.faults.remove('overflow');

    await vi.waitFor(() => expect(got.events).toHaveLength(2), WAIT);
    const [gap, overflow] = got.events.map((event) => event.payload);
    expect(gap.ChangeEventHeader).toMatchObject({
      changeType: 'GAP_UPDATE',
      recordIds: [salesforceId('001', 5)],
      changedFields: [],
    });
    expect(gap.Phone).toBeNull();
    expect(overflow.ChangeEventHeader).toMatchObject({ changeType: 'GAP_OVERFLOW', recordIds: [] });
  });

  it('refuses a token the org did not issue with UNAUTHENTICATED and the auth error code', async () => {
    const client = new PubSubApiClient(
      {
        authType: 'user-supplied',
        accessToken: '00D000000000001!not-a-session',
        instanceUrl: sim.url.replace('http://', 'https://'),
        organizationId: '00D000000000001AAA',
        pubSubEndpoint: sim.pubsubAddress,
        rejectUnauthorizedSsl: false,
      },
      quiet,
    );
    await client.connect();
    clients.push(client);
    const got = receiver();
    client.subscribe('/data/AccountChangeEvent', got.callback);
    await vi.waitFor(() => expect(got.errors).toHaveLength(1), WAIT);
    expect(got.errors[0].code).toBe(16);
    expect(got.errors[0].metadata.get('error-code')).toEqual([
      'sfdc.platform.eventbus.grpc.service.auth.error',
    ]);
    expect(got.errors[0].details).toMatch(/rpcId: /);
  });

  it('refuses a replay id past the 72-hour retention with replayid.corrupted; EARLIEST starts after it', async () => {
    const stale = now();
    offset += 72 * HOUR + 1;
    sim.crm.store.update('company', '6', { phone: '+7 495 600-00-06' }, UI);

    // The clock jump also outlived the OAuth sessions: connect() logs in again.
    const client = await connect();
    const refused = receiver();
    client.subscribeFromReplayId('/data/AccountChangeEvent', refused.callback, 1, stale);
    await vi.waitFor(() => expect(refused.errors).toHaveLength(1), WAIT);
    expect(refused.errors[0].code).toBe(3);
    expect(refused.errors[0].metadata.get('error-code')).toEqual([
      'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted',
    ]);

    const again = await connect();
    const earliest = receiver();
    again.subscribeFromEarliestEvent('/data/AccountChangeEvent', earliest.callback, 10);
    await vi.waitFor(() => expect(earliest.events).toHaveLength(1), WAIT);
    expect(earliest.events[0]?.payload.Phone).toBe('+7 495 600-00-06');
  });

  it('delivers a burst end to end and reports the rate', async () => {
    const count = 2_000;
    const client = await connect();
    const got = receiver();
    client.subscribeFromReplayId('/data/AccountChangeEvent', got.callback, null, now());
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      sim.crm.store.update('company', String((i % 6) + 1), { phone: `+7 900 ${i}` }, UI);
    }
    const produced = performance.now();
    await vi.waitFor(() => expect(got.events).toHaveLength(count), { timeout: 60_000, interval: 20 });
    const seconds = (performance.now() - started) / 1000;
    const ids = got.events.map((event) => event.replayId);
    expect(ids.every((id, index) => index === 0 || id > (ids[index - 1] as number))).toBe(true);
    expect(got.events.at(-1)?.payload.Phone).toBe(`+7 900 ${count - 1}`);
    console.info(
      `Pub/Sub API end to end: ${count} events in ${seconds.toFixed(2)} s (${Math.round(produced - started)} ms of it making the changes), ${Math.round(count / seconds)} events/s`,
    );
  });

  it('ends open subscriptions with UNAVAILABLE on a reset, and serves the new org on the same port', async () => {
    const client = await connect();
    const before = receiver();
    client.subscribeFromReplayId('/data/AccountChangeEvent', before.callback, null, now());
    await vi.waitFor(() => expect(before.keepalives).toBeGreaterThan(0), WAIT);
    await sim.reset(18);
    await vi.waitFor(() => expect(before.errors).toHaveLength(1), WAIT);
    expect(before.errors[0].code).toBe(14);

    const after = receiver();
    (await connect()).subscribeFromEarliestEvent('/data/AccountChangeEvent', after.callback, 1);
    await vi.waitFor(() => expect(after.keepalives).toBeGreaterThan(0), WAIT);
    sim.crm.store.update('company', '1', { phone: '+7 495 100-00-18' }, UI);
    await vi.waitFor(() => expect(after.events).toHaveLength(1), WAIT);
  });
});
