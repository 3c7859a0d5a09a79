import { fileURLToPath } from 'node:url';
import { type Client, credentials, loadPackageDefinition, Metadata, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_ID } from '../salesforce-org.ts';
import { SalesforceSessions } from '../salesforce-sessions.ts';
import { CHANGE_EVENT_SCHEMAS } from './change-event-schema.ts';
import { PubSubEventLog } from './pubsub-event-log.ts';
import { type RunningPubSubServer, startPubSubServer } from './pubsub-server.ts';

/**
 * The unary RPCs over a plaintext port, with a bare grpc-js client built from the same proto —
 * what a client that takes insecure credentials sees. Subscribe is covered end to end with the
 * published client in test/salesforce-pubsub.test.ts.
 */

const PROTO = fileURLToPath(new URL('../../../../contracts/salesforce/pubsub_api.proto', import.meta.url));
type Call = (
  request: object,
  metadata: Metadata,
  done: (error: ServiceError | null, answer: never) => void,
) => void;
type PubSubClient = Client & Record<'GetTopic' | 'GetSchema' | 'Publish', Call>;

const clock = { now: () => Date.UTC(2026, 0, 15) };
const sessions = new SalesforceSessions(clock);
const token = sessions.issue('integration@corebridge.local', '005000000000001AAA').accessToken;
let server: RunningPubSubServer;
let client: PubSubClient;

beforeAll(async () => {
  server = await startPubSubServer({ backend: () => ({ log: new PubSubEventLog({ clock }), sessions }) });
  const loaded = loadPackageDefinition(loadSync(PROTO)) as unknown as {
    eventbus: { v1: { PubSub: new (address: string, creds: unknown) => PubSubClient } };
  };
  client = new loaded.eventbus.v1.PubSub(server.address, credentials.createInsecure());
});

afterAll(async () => {
  client.close();
  await server.stop();
});

function metadata(accessToken = token): Metadata {
  const meta = new Metadata();
  meta.set('accesstoken', accessToken);
  meta.set('instanceurl', 'http://127.0.0.1');
  meta.set('tenantid', ORG_ID);
  return meta;
}

// biome-ignore lint/suspicious/noExplicitAny: answers are asserted field by field.
type Answer = any;

function call(
  method: 'GetTopic' | 'GetSchema' | 'Publish',
  request: object,
  meta = metadata(),
): Promise<Answer> {
  return new Promise((resolve, reject) =>
    client[method](request, meta, (error, answer) => (error ? reject(error) : resolve(answer))),
  );
}

describe('the Pub/Sub API server', () => {
  it('describes a change event topic and serves its Avro schema', async () => {
    const topic = await call('GetTopic', { topicName: '/data/TaskChangeEvent' });
    expect(topic).toMatchObject({
      topicName: '/data/TaskChangeEvent',
      tenantGuid: ORG_ID,
      canSubscribe: true,
    });
    expect(topic.canPublish).toBeFalsy();
    const schema = await call('GetSchema', { schemaId: topic.schemaId });
    const parsed = JSON.parse(schema.schemaJson);
    expect(parsed).toMatchObject({ name: 'TaskChangeEvent', namespace: 'com.sforce.eventbus' });
    expect(parsed.fields.slice(0, 2)).toMatchObject([
      { name: 'ChangeEventHeader' },
      { name: 'Subject', type: ['null', 'string'], default: null },
    ]);
    expect(CHANGE_EVENT_SCHEMAS.map((known) => known.topic)).toContain('/data/Authority__ChangeEvent');
  });

  it('answers each event published on a change event channel with a publish error', async () => {
    const answer = await call('Publish', {
      topicName: '/data/AccountChangeEvent',
      events: [{ id: 'mine-1', schemaId: 'x', payload: Buffer.from('') }],
    });
    expect(answer.results).toEqual([
      expect.objectContaining({
        correlationKey: 'mine-1',
        error: expect.objectContaining({ code: 1 }),
      }),
    ]);
  });

  it('refuses unknown topics and schemas with NOT_FOUND, bad tokens with UNAUTHENTICATED', async () => {
    await expect(call('GetTopic', { topicName: '/data/OpportunityChangeEvent' })).rejects.toMatchObject({
      code: 5,
    });
    await expect(call('GetSchema', { schemaId: 'nope' })).rejects.toMatchObject({ code: 5 });
    const refused = call('GetTopic', { topicName: '/data/ChangeEvents' }, metadata('00D!revoked'));
    await expect(refused).rejects.toMatchObject({ code: 16 });
    const error = (await refused.catch((caught: ServiceError) => caught)) as ServiceError;
    expect(error.metadata.get('error-code')).toEqual(['sfdc.platform.eventbus.grpc.service.auth.error']);
  });
});
