/** A vendor's error reply; `body` objects are sent as JSON, strings as they are. */
export interface RenderedError {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string | object;
}

/**
 * Turns an injected failure into the system's own error shape: Salesforce
 * `[{"message","errorCode"}]`, Bitrix24 `{error,error_description}`, the ABS `{error:{code,message}}`.
 * The router knows its vendor; the engine only knows status, code and message.
 */
export type ErrorRenderer = (status: number, code: string, message: string) => RenderedError;

/** The ABS's shape, used when a router gives none. */
export const defaultErrorRenderer: ErrorRenderer = (status, code, message) => ({
  status,
  body: { error: { code, message } },
});

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

export function defaultCodeFor(status: number): string {
  return CODE_BY_STATUS[status] ?? `HTTP_${status}`;
}
