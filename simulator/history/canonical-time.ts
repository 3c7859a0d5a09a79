/**
 * Times in the source history are written relative to the run's origin (the start of traffic), so
 * two runs of one scenario, which start at different wall-clock moments, write the same history.
 */

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)$/;
/** Epoch-millisecond fields of the wire formats (Salesforce's change event header). */
const EPOCH_MS_FIELDS = new Set(['commitTimestamp']);
/**
 * Times this long before the origin or earlier are the seeded world's own (a card created in
 * 2021), the same in every run: they stay absolute. Everything the run stamps comes after the
 * simulator started, which is seconds before the origin.
 */
const BEFORE_THE_RUN_MS = 3_600_000;

const relative = (ms: number, origin: number): number | string =>
  ms < origin - BEFORE_THE_RUN_MS ? ms : `@${ms - origin}`;

/** The value with every ISO timestamp and epoch-ms field of the run replaced by `@<ms since origin>`. */
export function relativeTimes(value: unknown, origin: number): unknown {
  if (typeof value === 'string') {
    if (!ISO_TIME.test(value)) return value;
    const ms = Date.parse(value);
    return Number.isNaN(ms) || ms < origin - BEFORE_THE_RUN_MS ? value : relative(ms, origin);
  }
  if (Array.isArray(value)) return value.map((item) => relativeTimes(item, origin));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      EPOCH_MS_FIELDS.has(key) && typeof item === 'number'
        ? relative(item, origin)
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
