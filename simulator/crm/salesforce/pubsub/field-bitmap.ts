import type { ChangeEventSchema } from './change-event-schema.ts';

/**
 * The header's field lists as the Pub/Sub API sends them: not names but bitmaps of field
 * positions in the event's Avro schema, hex strings. The first entry covers the top-level fields
 * (bit n = the field at position n, the header being 0); each compound field with touched parts
 * adds `<position>-<bitmap of its parts>`, e.g. `['0x4002', '1-0x04']`. A list with any entry has
 * the top-level one first, even when it is empty (`0x0`), which is where decoders look for it.
 */
export function fieldBitmaps(schema: ChangeEventSchema, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  let top = 0n;
  const nested = new Map<number, bigint>();
  for (const name of names) {
    const [outer = '', inner] = name.split('.');
    const index = schema.fields.findIndex((field) => field.name === outer);
    if (index < 0) throw unknownField(schema, name);
    const position = index + 1;
    const field = schema.fields[index];
    if (inner === undefined) {
      top |= 1n << BigInt(position);
      continue;
    }
    const part =
      field && 'parts' in field ? field.parts.findIndex((candidate) => candidate.name === inner) : -1;
    if (part < 0) throw unknownField(schema, name);
    nested.set(position, (nested.get(position) ?? 0n) | (1n << BigInt(part)));
  }
  return [
    hex(top),
    ...[...nested].sort(([a], [b]) => a - b).map(([position, bits]) => `${position}-${hex(bits)}`),
  ];
}

/** Upper-case digits, as Salesforce writes them and as the Node client's decoder requires. */
const hex = (bits: bigint) => `0x${bits.toString(16).toUpperCase()}`;

const unknownField = (schema: ChangeEventSchema, name: string) =>
  new Error(
    `Failed to encode the field bitmap of a ${schema.entityName} change event: '${name}' is not a field of its schema. Add it to the sObject catalog.`,
  );
