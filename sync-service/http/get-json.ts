import type { z } from 'zod';
import { traceHeaders } from '../../infra/tracing/trace-context.ts';

/** A source answered with a failure or not at all; the caller retries later, the DBO never waits on it. */
export class SourceUnavailableError extends Error {
  readonly code = 'SOURCE_UNAVAILABLE';
}

export function isSourceUnavailableError(error: unknown): error is SourceUnavailableError {
  return error instanceof SourceUnavailableError;
}

/** A source answered, and the answer is no (404, 400, ...): retrying the same call will not help. */
export class SourceRefusedError extends Error {
  readonly code = 'SOURCE_REFUSED';
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

export function isSourceRefusedError(error: unknown, status?: number): error is SourceRefusedError {
  return error instanceof SourceRefusedError && (status === undefined || error.status === status);
}

// Busy or throttled is not a refusal: those are worth another try later.
const RETRYABLE_4XX = new Set([408, 425, 429]);

/** GETs JSON from a source system and validates it with the shared contract schema. */
export async function getJson<T>(
  url: string,
  schema: z.ZodType<T>,
  options: { system: string; timeoutMs: number; headers?: Record<string, string> },
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { ...traceHeaders(), ...options.headers },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new SourceUnavailableError(
      `Failed to call ${options.system} GET ${url}: ${(error as Error).message}.`,
    );
  }
  if (!response.ok) {
    const body = await response.text();
    if (response.status < 500 && !RETRYABLE_4XX.has(response.status))
      throw new SourceRefusedError(
        `Failed to call ${options.system} GET ${url}: HTTP ${response.status} ${body.slice(0, 200)}.`,
        response.status,
      );
    throw new SourceUnavailableError(
      `Failed to call ${options.system} GET ${url}: HTTP ${response.status} ${body.slice(0, 200)}.`,
    );
  }
  return schema.parse(await response.json());
}
