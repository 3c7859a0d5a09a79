/**
 * How deep a webhook body's JSON may nest. A CRM change is at most four levels deep (body,
 * record, custom fields, a value); anything far deeper is an attack or a bug, and a few
 * thousand levels overflow the recursive serialisers behind the parse (`JSON.stringify`, zod).
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether the JSON text in `raw` nests arrays and objects deeper than `limit`, found by a single
 * pass over the bytes, before anything recursive sees them. Brackets inside strings do not count;
 * UTF-8 continuation bytes never equal these ASCII ones. The text need not be valid JSON: the
 * parse after this answers for that.
 */
export function nestsDeeperThan(raw: Uint8Array, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i] as number;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (OPEN.has(byte)) {
      depth++;
      if (depth > limit) return true;
    } else if (CLOSE.has(byte)) depth--;
  }
  return false;
}
