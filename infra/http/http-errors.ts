import { type ErrorDefinition, errorCatalogue } from './error-catalogue.ts';

/**
 * Errors every service answers the same way, whatever its routes: requests no route takes, bodies
 * the parsers cannot read, and failures nobody foresaw. Each service's catalogue includes them.
 */
export const HTTP_ERROR_DEFINITIONS = {
  NOT_FOUND: { status: 404, doc: 'No route answers this method and path.' },
  INVALID_JSON: { status: 400, doc: 'The body is not valid JSON.' },
  UNSUPPORTED_CHARSET: { status: 415, doc: 'The `Content-Type` names a charset other than UTF-8.' },
  UNSUPPORTED_ENCODING: {
    status: 415,
    doc: 'The `Content-Encoding` is none of identity, gzip, deflate, br.',
  },
  INVALID_ENCODING: { status: 400, doc: 'The body cannot be decoded as its `Content-Encoding` says.' },
  PAYLOAD_TOO_LARGE: { status: 413, doc: 'The body is over 1 MB.' },
  BAD_REQUEST: {
    status: 400,
    doc: 'The request could not be read (aborted, or shorter than its `Content-Length`).',
  },
  INTERNAL: {
    status: 500,
    doc: 'An unexpected failure, logged with the request id and no request data. Retry; report it if it persists.',
  },
} as const satisfies Record<string, ErrorDefinition>;

/** The shared entries on their own, for the middleware that answers them in every service. */
export const HTTP_ERRORS = errorCatalogue(HTTP_ERROR_DEFINITIONS, {});
