/**
 * Bitrix24 is PHP: query strings, form bodies and the sub-requests of `batch` are read with PHP's
 * `parse_str`, so `filter[>ID]=5&select[]=ID&select[]=NAME` means
 * `{ filter: { '>ID': '5' }, select: ['ID', 'NAME'] }`. Clients build exactly these strings
 * (`http_build_query`, `qs.stringify`), so the simulator reads them the same way, one parser for all
 * three places.
 */

export type PhpValue = string | PhpValue[] | { [key: string]: PhpValue };
type PhpNode = { [key: string]: PhpValue };

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    // PHP keeps malformed escapes as they are rather than rejecting the whole request.
    return text.replace(/\+/g, ' ');
  }
}

/** `a[b][]` → `['a', 'b', '']`; PHP ignores everything after an unclosed bracket. */
function keyPath(rawKey: string): string[] {
  const open = rawKey.indexOf('[');
  if (open <= 0) return [rawKey];
  const path = [rawKey.slice(0, open)];
  for (const match of rawKey.slice(open).matchAll(/\[([^\]]*)\]/g)) path.push(match[1] ?? '');
  return path;
}

function assign(node: PhpNode, path: string[], value: string): void {
  let current = node;
  for (let depth = 0; depth < path.length; depth++) {
    let key = path[depth] as string;
    // `[]` appends: the next integer key, as PHP does.
    if (key === '') key = String(Object.keys(current).filter((k) => /^\d+$/.test(k)).length);
    if (depth === path.length - 1) {
      current[key] = value;
      return;
    }
    const next = current[key];
    if (typeof next !== 'object' || next === null) current[key] = {};
    current = current[key] as PhpNode;
  }
}

/** PHP arrays with keys 0..n-1 are lists; JSON clients expect them as arrays. */
function listify(value: PhpValue): PhpValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((key) => [key, listify(value[key] as PhpValue)] as const);
  if (keys.length > 0 && keys.every((key, index) => key === String(index))) return entries.map(([, v]) => v);
  return Object.fromEntries(entries);
}

export function parsePhpQuery(query: string): Record<string, PhpValue> {
  const root: PhpNode = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawKey = decode(equals < 0 ? pair : pair.slice(0, equals));
    const value = equals < 0 ? '' : decode(pair.slice(equals + 1));
    if (rawKey === '' || rawKey.startsWith('[')) continue;
    assign(root, keyPath(rawKey), value);
  }
  return listify(root) as Record<string, PhpValue>;
}

function encode(text: string): string {
  // http_build_query encodes like urlencode(): spaces as '+', brackets escaped.
  return encodeURIComponent(text).replace(/%20/g, '+');
}

/** Encodes nested values the way PHP's `http_build_query` does: `data[FIELDS][ID]=42`. */
export function encodePhpForm(value: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (prefix: string, item: unknown): void => {
    if (item === null || item === undefined) return;
    if (typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) walk(`${prefix}[${key}]`, child);
      return;
    }
    const text = typeof item === 'boolean' ? (item ? '1' : '0') : String(item);
    pairs.push(`${encode(prefix)}=${encode(text)}`);
  };
  for (const [key, item] of Object.entries(value)) walk(key, item);
  return pairs.join('&');
}
