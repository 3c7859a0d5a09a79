/**
 * Pads a payload to exactly `bytes`. A JSON object gets a field of filler, so it is still valid and
 * only its size is wrong (as a real oversized event is); anything else gets trailing spaces, which
 * JSON parsers accept too. A payload already that large is left as it is.
 */
export function padPayload(value: Buffer, bytes: number, field: string): Buffer {
  if (value.length >= bytes) return value;
  const parsed = tryParseObject(value);
  if (parsed) {
    const empty = Buffer.byteLength(JSON.stringify({ ...parsed, [field]: '' }));
    if (empty <= bytes) return Buffer.from(JSON.stringify({ ...parsed, [field]: 'x'.repeat(bytes - empty) }));
  }
  return Buffer.concat([value, Buffer.alloc(bytes - value.length, 0x20)]);
}

function tryParseObject(value: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
