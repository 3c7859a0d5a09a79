/**
 * Times in the source history are written relative to the run's origin (the start of traffic), so
 * two runs of one scenario, which start at different wall-clock moments, write the same history.
 */

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)$/;
/** Epoch-millisecond fields of the wire formats (Salesforce's change event header). */
const EPOCH_MS_FIELDS = new Set(['commitTimestamp']);

/** The value with every ISO timestamp and epoch-ms field replaced by `@<ms since origin>`. */
export function relativeTimes(value: unknown, origin: number): unknown {
  if (typeof value === 'string') {
    if (!ISO_TIME.test(value)) return value;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : `@${ms - origin}`;
  }
  if (Array.isArray(value)) return value.map((item) => relativeTimes(item, origin));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      EPOCH_MS_FIELDS.has(key) && typeof item === 'number'
        ? `@${item - origin}`
        : relativeTimes(item, origin);
  }
  return out;
}

/** A message body as the history keeps it: JSON with relative times, or the raw text if not JSON. */
export function canonicalBody(body: string, origin: number): unknown {
  try {
    return relativeTimes(JSON.parse(body), origin);
  } catch {
    return body;
  }
}
