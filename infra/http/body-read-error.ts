import { ApiError } from './api-error.ts';
import { HTTP_ERRORS } from './http-errors.ts';

interface HttpError {
  readonly status?: unknown;
  readonly expose?: unknown;
  readonly type?: unknown;
  readonly code?: unknown;
}

/**
 * A body parser's failure (express.json, express.raw) as our error, or undefined when `error` is
 * not one. The messages are fixed on purpose: the parsers' own quote the body (`Unexpected token
 * … in "…"`) or the request's headers, and an answer must not echo what the client sent.
 */
export function bodyReadError(error: unknown): ApiError | undefined {
  const { status, expose, type, code } = (error ?? {}) as HttpError;
  if (typeof status !== 'number' || status >= 500 || expose !== true) return undefined;
  const fail = (entry: (typeof HTTP_ERRORS)[keyof typeof HTTP_ERRORS], message: string) =>
    new ApiError(entry, `Failed to read the request body: ${message}`);
  switch (type) {
    case 'entity.parse.failed':
      return fail(HTTP_ERRORS.INVALID_JSON, 'it is not valid JSON. Send a JSON document.');
    case 'entity.too.large':
      return fail(HTTP_ERRORS.PAYLOAD_TOO_LARGE, 'it is over the 1 MB limit. Send a smaller body.');
    case 'charset.unsupported':
      return fail(HTTP_ERRORS.UNSUPPORTED_CHARSET, 'its charset is not supported. Send it as UTF-8.');
    case 'encoding.unsupported':
      return fail(
        HTTP_ERRORS.UNSUPPORTED_ENCODING,
        'its Content-Encoding is not supported. Send it as identity, gzip, deflate or br.',
      );
  }
  // zlib's failures carry no body-parser type, only zlib's code (Z_DATA_ERROR, Z_BUF_ERROR …).
  if (typeof code === 'string' && code.startsWith('Z_'))
    return fail(
      HTTP_ERRORS.INVALID_ENCODING,
      'it cannot be decoded as its Content-Encoding says. Send it encoded as declared.',
    );
  return new ApiError(
    HTTP_ERRORS.BAD_REQUEST,
    `Failed to read the request: ${UNREADABLE[String(type)] ?? 'it could not be read'}. Send it again whole.`,
  );
}

const UNREADABLE: Readonly<Record<string, string>> = {
  'request.aborted': 'the client aborted it',
  'request.size.invalid': 'its body is not as long as its Content-Length',
};
