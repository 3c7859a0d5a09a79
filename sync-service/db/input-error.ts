/**
 * SQLSTATE classes and codes that blame the values written, not the database's state: retrying
 * the same values can never succeed. Anything else (a lost connection, a deadlock, a shutdown, an
 * error without a code) may pass on a retry, so it is not counted here.
 */
const INPUT_CLASSES = new Set([
  '22', // data exception: out of range, invalid text or Unicode escape, NUL in jsonb, bad datetime
  '54', // program limit exceeded: an index row or a statement too large
]);
const INPUT_CODES = new Set([
  '23502', // not_null_violation
  '23514', // check_violation
]);

/**
 * Whether `error` is caused by the input itself: a PostgreSQL error of the classes above, or a
 * RangeError (a value nested too deep to serialise, a string too long to build).
 */
export function isInputError(error: unknown): boolean {
  if (error instanceof RangeError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return false;
  return INPUT_CLASSES.has(code.slice(0, 2)) || INPUT_CODES.has(code);
}
