import type { EffectOf } from './fault-effect-schema.ts';
import { type Random, randomInt } from './seeded-random.ts';

export type MalformedMode = EffectOf<'malformed'>['mode'];

export interface Corruption {
  readonly body: Buffer;
  /** What was done, for the journal: `{ mode: 'truncate', at: 131 }`. */
  readonly detail: Readonly<Record<string, unknown>>;
}

/**
 * Spoils a JSON payload the way broken producers do. The result never parses as the original:
 * if a mode happens to yield something still equal or valid where it should not be, it falls back
 * to truncation, so a test of "malformed" never passes by luck.
 */
export function corruptJson(body: Buffer, mode: MalformedMode, random: Random): Corruption {
  if (mode === 'drop-field') {
    const dropped = dropField(body, random);
    if (dropped) return dropped;
  }
  if (mode === 'corrupt-bytes') {
    const corrupted = corruptBytes(body, random);
    if (!parses(corrupted.body)) return corrupted;
  }
  return truncate(body, random);
}

function truncate(body: Buffer, random: Random): Corruption {
  const at = body.length < 2 ? 0 : randomInt(random, 1, body.length - 1);
  const cut = body.subarray(0, at);
  // Cutting "123" to "12" is still JSON; an unclosed brace after it never is.
  return {
    body: parses(cut) ? Buffer.concat([cut, Buffer.from('{')]) : cut,
    detail: { mode: 'truncate', at },
  };
}

/** Overwrites one quote with 0xFF: whether it delimits a string or is escaped, the JSON breaks. */
function corruptBytes(body: Buffer, random: Random): Corruption {
  const quotes: number[] = [];
  for (let i = 0; i < body.length; i++) if (body[i] === 0x22) quotes.push(i);
  const at =
    quotes.length > 0
      ? (quotes[randomInt(random, 0, quotes.length - 1)] as number)
      : randomInt(random, 0, Math.max(0, body.length - 1));
  const copy = Buffer.from(body);
  if (copy.length > 0) copy[at] = 0xff;
  return { body: copy, detail: { mode: 'corrupt-bytes', at } };
}

function dropField(body: Buffer, random: Random): Corruption | undefined {
  const value = tryParse(body);
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value))
    return undefined;
  const keys = Object.keys(value);
  if (keys.length === 0) return undefined;
  const field = keys[randomInt(random, 0, keys.length - 1)] as string;
  const { [field]: _dropped, ...rest } = value as Record<string, unknown>;
  return { body: Buffer.from(JSON.stringify(rest)), detail: { mode: 'drop-field', field } };
}

function parses(body: Buffer): boolean {
  return tryParse(body) !== undefined;
}

function tryParse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
