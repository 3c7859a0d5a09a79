/**
 * True when a kafkajs error, or one it wraps (retries exceeded, aggregated per-partition failures),
 * carries the broker error `type` (e.g. 'MESSAGE_TOO_LARGE').
 */
export function hasBrokerErrorType(error: unknown, type: string, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const candidate = error as { type?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  if (candidate.type === type) return true;
  const nested = [
    candidate.cause,
    candidate.originalError,
    ...(Array.isArray(candidate.errors) ? candidate.errors : []),
  ];
  return nested.some((inner) => hasBrokerErrorType(inner, type, depth + 1));
}
