/**
 * Shifts timestamps in a JSON payload, as a source with a wrong clock would stamp them. The path
 * is dotted with `*` for every array element or object key: `postings.*.bookedAt`. ISO date-time
 * strings and epoch-millisecond numbers are shifted; anything else at the path is left alone.
 */
export function shiftJsonTimestamps(
  body: Buffer,
  path: string,
  ms: number,
): { body: Buffer; shifted: number } {
  const segments = path.split('.');
  const text = body.toString('utf8');
  const whole = tryParse(text);
  if (whole.ok) {
    const counter = { shifted: 0 };
    const value = shiftAt(whole.value, segments, ms, counter);
    return { body: Buffer.from(JSON.stringify(value)), shifted: counter.shifted };
  }
  // NDJSON (the replica's snapshot export): each line is a document of its own.
  let shifted = 0;
  const lines = text.split('\n').map((line) => {
    const parsed = tryParse(line);
    if (!parsed.ok) return line;
    const counter = { shifted: 0 };
    const value = shiftAt(parsed.value, segments, ms, counter);
    shifted += counter.shifted;
    return JSON.stringify(value);
  });
  return shifted === 0 ? { body, shifted } : { body: Buffer.from(lines.join('\n')), shifted };
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function shiftAt(value: unknown, path: readonly string[], ms: number, counter: { shifted: number }): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return shiftLeaf(value, ms, counter);
  if (Array.isArray(value)) {
    if (head === '*') return value.map((item) => shiftAt(item, rest, ms, counter));
    const index = Number(head);
    if (!Number.isInteger(index) || index >= value.length) return value;
    return value.map((item, i) => (i === index ? shiftAt(item, rest, ms, counter) : item));
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const result: Record<string, unknown> = { ...record };
  for (const key of head === '*' ? Object.keys(record) : [head]) {
    if (key in record) result[key] = shiftAt(record[key], rest, ms, counter);
  }
  return result;
}

function shiftLeaf(value: unknown, ms: number, counter: { shifted: number }): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) {
    counter.shifted++;
    return value + ms;
  }
  if (typeof value === 'string' && ISO_DATE_TIME.test(value)) {
    const time = Date.parse(value);
    if (Number.isNaN(time)) return value;
    counter.shifted++;
    return new Date(time + ms).toISOString();
  }
  return value;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
