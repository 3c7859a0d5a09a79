import type { ChangeEventMessage } from '../change-event-message.ts';
import {
  type ChangeEventSchema,
  type EventField,
  HEADER_FIELD,
  schemaOfEntity,
} from './change-event-schema.ts';
import { fieldBitmaps } from './field-bitmap.ts';

const DAY_MS = 86_400_000;

/** A JSON event value in its Avro form: datetimes as epoch ms, dates as epoch days. */
function avroValueOf(field: EventField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.avroType === 'long') return Date.parse(String(value));
  if (field.avroType === 'int') return Math.floor(Date.parse(String(value)) / DAY_MS);
  return value;
}

export interface AvroChangeEvent {
  readonly schema: ChangeEventSchema;
  readonly payload: Buffer;
}

/**
 * The Avro payload of one change event the simulator already builds in Salesforce's JSON shape
 * (the bus topic's): the same header and values, with every field of the schema present (null
 * when the change left it alone) and the header's field lists turned into bitmaps.
 */
export function avroChangeEventOf(message: ChangeEventMessage): AvroChangeEvent {
  const header = message.payload.ChangeEventHeader;
  const schema = schemaOfEntity(header.entityName);
  if (!schema) {
    throw new Error(
      `Failed to encode a change event for the Pub/Sub API: '${header.entityName}' has no event schema. Add the object to the sObject catalog.`,
    );
  }
  const record: Record<string, unknown> = {
    [HEADER_FIELD]: {
      ...header,
      recordIds: [...header.recordIds],
      nulledFields: fieldBitmaps(schema, header.nulledFields),
      diffFields: fieldBitmaps(schema, header.diffFields),
      changedFields: fieldBitmaps(schema, header.changedFields),
    },
  };
  for (const field of schema.fields) {
    const value = message.payload[field.name];
    if (!('parts' in field)) {
      record[field.name] = avroValueOf(field, value);
      continue;
    }
    const nested = value as Record<string, unknown> | undefined;
    record[field.name] = nested
      ? Object.fromEntries(field.parts.map((part) => [part.name, avroValueOf(part, nested[part.name])]))
      : null;
  }
  return { schema, payload: schema.type.toBuffer(record) };
}
