import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { BusMessage, Headers } from '../event-bus.ts';

/** A kafkajs message as the port describes it; `topic` is the bus's name, without the topic prefix. */
export function toBusMessage(topic: string, partition: number, message: KafkaMessage): BusMessage {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    key: message.key?.toString('utf8') ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers: toHeaders(message.headers),
  };
}

function toHeaders(headers: IHeaders | undefined): Headers {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    // The bus only ever writes one string per header name.
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) result[name] = first.toString();
  }
  return result;
}
