import avro from 'avsc';
import { COMPOUND_FIELDS, channelOf, NOT_IN_EVENTS, schemaIdOf } from '../change-event-message.ts';
import { SOBJECTS, type SObjectSpec } from '../sobject-catalog.ts';
import type { SfFieldType } from '../sobject-field.ts';

/**
 * The Avro schema of an object's change events, laid out as Salesforce lays its own: the
 * ChangeEventHeader first, then every field of the record as a nullable union (a field the change
 * did not touch travels as null), compound fields such as Contact's Name as a nested record.
 * Field positions in this list are what the header's bitmaps (changedFields …) point at.
 */

export interface EventField {
  readonly name: string;
  /** The Avro type of a value of this field (inside the null union). */
  readonly avroType: 'string' | 'int' | 'long' | 'double' | 'boolean';
  readonly sfType: SfFieldType;
}

export interface CompoundEventField {
  readonly name: string;
  readonly parts: readonly EventField[];
}

export interface ChangeEventSchema {
  readonly id: string;
  readonly topic: string;
  readonly entityName: string;
  /** Top-level fields after the header, in schema order: position = index + 1. */
  readonly fields: readonly (EventField | CompoundEventField)[];
  readonly json: string;
  readonly type: avro.Type;
}

export const HEADER_FIELD = 'ChangeEventHeader';

const CHANGE_TYPES = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'UNDELETE',
  'GAP_CREATE',
  'GAP_UPDATE',
  'GAP_DELETE',
  'GAP_UNDELETE',
  'GAP_OVERFLOW',
  'SNAPSHOT',
];

const strings = { type: 'array', items: 'string' };
const HEADER = {
  type: 'record',
  name: 'ChangeEventHeader',
  fields: [
    { name: 'entityName', type: 'string' },
    { name: 'recordIds', type: strings },
    { name: 'changeType', type: { type: 'enum', name: 'ChangeType', symbols: CHANGE_TYPES } },
    { name: 'changeOrigin', type: 'string' },
    { name: 'transactionKey', type: 'string' },
    { name: 'sequenceNumber', type: 'int' },
    { name: 'commitTimestamp', type: 'long' },
    { name: 'commitNumber', type: 'long' },
    { name: 'commitUser', type: 'string' },
    { name: 'nulledFields', type: strings },
    { name: 'diffFields', type: strings },
    { name: 'changedFields', type: strings },
  ],
};

/** Dates travel as days since the epoch and datetimes as epoch milliseconds, not as text. */
function avroTypeOf(type: SfFieldType): EventField['avroType'] {
  if (type === 'date') return 'int';
  if (type === 'datetime') return 'long';
  if (type === 'currency') return 'double';
  if (type === 'boolean') return 'boolean';
  return 'string';
}

const eventField = (name: string, sfType: SfFieldType): EventField => ({
  name,
  sfType,
  avroType: avroTypeOf(sfType),
});

/** The record fields of an object's events: what a CREATE event carries, in describe order. */
function eventFieldsOf(spec: SObjectSpec): (EventField | CompoundEventField)[] {
  const compound = COMPOUND_FIELDS[spec.name];
  const fields: (EventField | CompoundEventField)[] = [];
  for (const field of spec.fields) {
    if (NOT_IN_EVENTS.has(field.name) || compound?.parts.includes(field.name)) continue;
    if (field.name === compound?.name) {
      const parts = compound.parts.map((part) => spec.fields.find((candidate) => candidate.name === part));
      fields.push({
        name: compound.name,
        parts: parts.flatMap((part) => (part ? [eventField(part.name, part.type)] : [])),
      });
      continue;
    }
    fields.push(eventField(field.name, field.type));
    // Change events name who created and last modified the record, beside the times.
    if (field.name === 'CreatedDate') fields.push(eventField('CreatedById', 'reference'));
    if (field.name === 'LastModifiedDate') fields.push(eventField('LastModifiedById', 'reference'));
  }
  return fields;
}

const nullable = (type: unknown) => ({ type: ['null', type], default: null });

function build(spec: SObjectSpec): ChangeEventSchema {
  const topic = channelOf(spec);
  const fields = eventFieldsOf(spec);
  const schema = {
    type: 'record',
    name: topic.slice('/data/'.length),
    namespace: 'com.sforce.eventbus',
    fields: [
      { name: HEADER_FIELD, type: HEADER },
      ...fields.map((field) =>
        'parts' in field
          ? {
              name: field.name,
              ...nullable({
                type: 'record',
                // Salesforce's name for the person-name compound, the only compound in this org.
                name: 'Switchable_PersonName',
                fields: field.parts.map((part) => ({ name: part.name, ...nullable(part.avroType) })),
              }),
            }
          : { name: field.name, ...nullable(field.avroType) },
      ),
    ],
  };
  return {
    id: schemaIdOf(spec),
    topic,
    entityName: spec.name,
    fields,
    json: JSON.stringify(schema),
    type: avro.Type.forSchema(schema as avro.Schema),
  };
}

/** One schema per object, built once: the catalog does not change while the simulator runs. */
export const CHANGE_EVENT_SCHEMAS: readonly ChangeEventSchema[] = SOBJECTS.map(build);

export function schemaOfEntity(entityName: string): ChangeEventSchema | undefined {
  return CHANGE_EVENT_SCHEMAS.find((schema) => schema.entityName === entityName);
}

export function schemaWithId(id: string): ChangeEventSchema | undefined {
  return CHANGE_EVENT_SCHEMAS.find((schema) => schema.id === id);
}
