/**
 * The benchmark's accounts, generated on the fly the same way in the cache (SQL), the snapshot
 * export (JSON) and the raw COPY (TSV), so a million of them never sit in memory.
 */
export const DRIFT_EVERY = 100;

const id = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

export function account(i: number) {
  return {
    id: id('00000000', i),
    organisationId: id('11111111', Math.floor(i / 3)),
    number: String(i).padStart(20, '0'),
    currency: 'RUB',
    // One account in a hundred was grey-edited in the ABS.
    balanceMinor: i * 100 + (i % DRIFT_EVERY === 0 ? 1 : 0),
    lastSequence: i % 50,
  };
}

export const FILL_CACHE = `
  INSERT INTO accounts (id, organisation_id, number, currency, balance_minor, last_sequence, as_of)
  SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
         ('11111111-0000-4000-8000-' || lpad(to_hex(i / 3), 12, '0'))::uuid,
         lpad(i::text, 20, '0'), 'RUB', i * 100, i % 50, now()
  FROM generate_series(1, $1::int) AS i`;

/** Accounts 1..count as text, a thousand lines per chunk. */
export function* accountChunks(
  count: number,
  line: (i: number) => string,
  header?: string,
): Generator<string> {
  if (header) yield header;
  for (let from = 1; from <= count; from += 1_000) {
    let chunk = '';
    for (let i = from; i < from + 1_000 && i <= count; i++) chunk += line(i);
    yield chunk;
  }
}
