import { z } from 'zod';
import { EVENT_CHANNELS, type EventApplication, type EventChannel } from './event-channels.ts';

// Draft-07 is the JSON Schema AsyncAPI's default schema format builds on; `$schema` is left out
// because each payload is a schema inside the document, not a document of its own.
function schemaOf(type: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(type, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-07',
  });
  return schema;
}

const ref = (path: string) => ({ $ref: `#/${path}` });
const capitalised = (id: string) => id[0]?.toUpperCase() + id.slice(1);

function channelOf(channel: EventChannel): Record<string, unknown> {
  return {
    address: channel.address,
    description: `${channel.description} Key: ${channel.key}.`,
    servers: channel.servers.map((server) => ref(`servers/${server}`)),
    messages: Object.fromEntries(
      Object.keys(channel.messages).map((name) => [name, ref(`components/messages/${name}`)]),
    ),
    ...(channel.parameters ? { parameters: channel.parameters } : {}),
  };
}

function operation(channel: EventChannel, action: 'send' | 'receive', by: EventApplication) {
  return {
    action,
    channel: ref(`channels/${channel.id}`),
    summary: `The ${by} ${action}s ${channel.address}`,
    tags: [{ name: by }],
    messages: Object.keys(channel.messages).map((name) => ref(`channels/${channel.id}/messages/${name}`)),
  };
}

function operationsOf(channel: EventChannel): [string, unknown][] {
  const operations: [string, unknown][] = [
    [`send${capitalised(channel.id)}`, operation(channel, 'send', channel.sentBy)],
  ];
  if (channel.receivedBy)
    operations.push([`receive${capitalised(channel.id)}`, operation(channel, 'receive', channel.receivedBy)]);
  return operations;
}

function messagesOf(channel: EventChannel): [string, unknown][] {
  return Object.entries(channel.messages).map(([name, message]) => [
    name,
    {
      name,
      title: message.title,
      summary: message.summary,
      contentType: 'application/json',
      headers: schemaOf(message.headers),
      payload: schemaOf(message.payload),
    },
  ]);
}

/**
 * Every topic and MQ feed as an AsyncAPI 3.0 document, generated from the zod schemas producers
 * and consumers validate with, as the control API's OpenAPI document is. Served by the simulator
 * at `/asyncapi.json`.
 */
export function asyncApiDocument(
  channels: readonly EventChannel[] = EVENT_CHANNELS,
): Record<string, unknown> {
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'CoreBridge topics and MQ feeds',
      version: '1',
      description:
        'What the simulator (as the ABS, the CRM and the MDM) and the sync service publish. With `--topic-prefix` every address is prefixed.',
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: 'kafka:9092',
        protocol: 'kafka',
        description: 'KAFKA_BROKERS (docker compose: kafka:9092, from the host 127.0.0.1:29092)',
      },
      rabbitmq: {
        host: 'rabbitmq:5672',
        protocol: 'amqp',
        description:
          'AMQP_URL: the CRM and MDM feeds when it is set, a durable direct exchange per topic (else they go over Kafka)',
      },
    },
    channels: Object.fromEntries(channels.map((channel) => [channel.id, channelOf(channel)])),
    operations: Object.fromEntries(channels.flatMap(operationsOf)),
    components: { messages: Object.fromEntries(channels.flatMap(messagesOf)) },
  };
}
