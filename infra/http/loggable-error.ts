/**
 * What of an error goes into a log line: its name, code, message and stack. Not its other fields:
 * PostgreSQL's `where` and `detail` quote the values written (a client's phone number in a JSON
 * literal), and body-parser's errors carry the whole body. Causes are followed, with the same care.
 * Logged under `error`, not `err`: pino's `err` serializer would copy every field back in.
 */
export function loggableError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    stack: error.stack,
    ...(error.cause !== undefined && depth < 3 ? { cause: loggableError(error.cause, depth + 1) } : {}),
  };
}
