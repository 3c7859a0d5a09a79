import { SourceUnavailableError } from '../http/get-json.ts';

/** A CRM's answer, whatever its status: the vendor's client decides what a status means. */
export interface CrmAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The answer's headers (quota reports such as `Sforce-Limit-Info`). */
  readonly headers?: Headers;
}

export interface CrmRequest {
  /** Names the CRM in error messages: `Salesforce`, `Bitrix24`. */
  readonly system: string;
  readonly method?: 'GET' | 'POST' | 'PATCH';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly timeoutMs: number;
}

/**
 * One call to a CRM's REST API. Fails only when no usable answer came back (network error, timeout,
 * a body that is not JSON), and then as SourceUnavailableError, so the caller retries later.
 */
export async function callCrm(url: string, request: CrmRequest): Promise<CrmAnswer> {
  const what = `${request.system} ${request.method ?? 'GET'} ${new URL(url).pathname}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw new SourceUnavailableError(`Failed to call ${what}: ${(error as Error).message}. Retry later.`);
  }
  const text = await response.text();
  try {
    return {
      status: response.status,
      body: text === '' ? null : JSON.parse(text),
      headers: response.headers,
    };
  } catch {
    throw new SourceUnavailableError(
      `Failed to call ${what}: HTTP ${response.status} with a body that is not JSON (${text.slice(0, 120)}). Retry later.`,
    );
  }
}

/** A CRM answered, but not with what the call needs: an error status or a body off the contract. */
export function crmFailure(system: string, action: string, answer: CrmAnswer): SourceUnavailableError {
  const body = JSON.stringify(answer.body)?.slice(0, 200) ?? '';
  return new SourceUnavailableError(
    `Failed to ${action} in ${system}: HTTP ${answer.status} ${body}. Retry later; if it persists, check the ${system} side.`,
  );
}
