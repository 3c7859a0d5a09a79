/**
 * `$result[cmd]` and `$result[cmd][FIELD][0]` in a batch sub-request's parameters stand for (parts
 * of) an earlier command's result. A parameter that is exactly one reference takes the value as it
 * is (a number, a list); a reference inside longer text is spliced in as text. A reference to a
 * command that failed or has no such field becomes empty, as on the portal.
 */
const REFERENCE = /\$result\[([^\]]+)\]((?:\[[^\]]*\])*)/g;

function lookup(results: ReadonlyMap<string, unknown>, name: string, path: string): unknown {
  let value = results.get(name);
  for (const match of path.matchAll(/\[([^\]]*)\]/g)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[match[1] ?? ''];
  }
  return value;
}

function asText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

function resolveText(text: string, results: ReadonlyMap<string, unknown>): unknown {
  const whole = new RegExp(`^${REFERENCE.source}$`).exec(text);
  if (whole) return lookup(results, whole[1] ?? '', whole[2] ?? '') ?? '';
  return text.replace(REFERENCE, (_match, name: string, path: string) => asText(lookup(results, name, path)));
}

export function resolveReferences(value: unknown, results: ReadonlyMap<string, unknown>): unknown {
  if (typeof value === 'string') return value.includes('$result[') ? resolveText(value, results) : value;
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, results));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveReferences(item, results)]),
    );
  }
  return value;
}
