/**
 * Where in a parsed JSON value a string (a value or a key) holds text PostgreSQL cannot store:
 * `jsonb` refuses NUL (`\u0000`), and a lone UTF-16 surrogate (`\ud800`) has no UTF-8 form. Either
 * fails the statement that writes it, and every other delivery of that statement with it.
 * Returns the path of the first such string (`record.name`, `record.custom[key]`), or undefined.
 * Recursive: call it only on a value whose depth is already bounded (`nestsDeeperThan`).
 */
export function findUnstorableText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return storable(value) ? undefined : path || '(body)';
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (!storable(key)) return `${path || '(body)'} key ${JSON.stringify(key)}`;
    const found = findUnstorableText(item, at);
    if (found) return found;
  }
  return undefined;
}

const storable = (text: string): boolean => !text.includes('\u0000') && text.isWellFormed();
