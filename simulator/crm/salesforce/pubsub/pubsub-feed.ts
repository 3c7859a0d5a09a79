import { MAX_MESSAGE_BYTES, type OutgoingMessage } from '../../../../infra/event-bus.ts';
import type { ChangeEventMessage } from '../change-event-message.ts';
import { avroChangeEventOf } from './avro-change-event.ts';
import { CHANGE_EVENT_SCHEMAS } from './change-event-schema.ts';
import type { PubSubEventLog } from './pubsub-event-log.ts';

function parsed(value: string): ChangeEventMessage | undefined {
  try {
    const message = JSON.parse(value) as Partial<ChangeEventMessage> | null;
    return message?.payload?.ChangeEventHeader ? (message as ChangeEventMessage) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Feeds the Pub/Sub stream from the messages the change-event publisher sends to the bus topic
 * (`salesforceChangeEvents({ onSend })`), so every `crm.events` fault reaches Pub/Sub subscribers
 * in kind: a drop is already a GAP_* event, a duplicate arrives twice with two replay ids, a
 * skewed timestamp stays skewed. A batch the bus refuses as oversized is lost here too; a
 * malformed message keeps its spoilt bytes as the payload, so the subscriber's Avro decoder fails
 * on it as a JSON consumer's parser fails on the bus.
 */
export function pubSubFeed(log: PubSubEventLog): (messages: readonly OutgoingMessage[]) => void {
  return (messages) => {
    if (messages.some((message) => Buffer.byteLength(message.value) > MAX_MESSAGE_BYTES)) return;
    for (const message of messages) {
      const raw = Buffer.from(message.value);
      const event = parsed(raw.toString());
      if (event) {
        const { schema, payload } = avroChangeEventOf(event);
        log.append({ topic: schema.topic, schemaId: schema.id, payload });
        continue;
      }
      const schema = CHANGE_EVENT_SCHEMAS.find((candidate) => candidate.topic === message.headers?.channel);
      if (schema) log.append({ topic: schema.topic, schemaId: schema.id, payload: raw });
    }
  };
}
