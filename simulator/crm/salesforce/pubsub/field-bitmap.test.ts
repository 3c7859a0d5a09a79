import { describe, expect, it } from 'vitest';
import { schemaOfEntity } from './change-event-schema.ts';
import { fieldBitmaps } from './field-bitmap.ts';

const contact = schemaOfEntity('Contact');
if (!contact) throw new Error('no Contact schema');
const position = (name: string) => contact.fields.findIndex((field) => field.name === name) + 1;

describe('field bitmaps', () => {
  it('sets one bit per top-level field, by its position in the Avro schema', () => {
    const [top] = fieldBitmaps(contact, ['Email', 'LastModifiedDate']);
    const bits = (1n << BigInt(position('Email'))) | (1n << BigInt(position('LastModifiedDate')));
    expect(top).toBe(`0x${bits.toString(16).toUpperCase()}`);
  });

  it('puts compound parts in a `<parent position>-<bitmap>` entry after an empty top-level one', () => {
    // Name's parts are FirstName, MiddleName, LastName: LastName is bit 2.
    expect(fieldBitmaps(contact, ['Name.LastName'])).toEqual(['0x0', `${position('Name')}-0x4`]);
    expect(fieldBitmaps(contact, [])).toEqual([]);
  });

  it('refuses a name the schema does not have', () => {
    expect(() => fieldBitmaps(contact, ['Nope'])).toThrow(/'Nope' is not a field of its schema/);
  });
});
