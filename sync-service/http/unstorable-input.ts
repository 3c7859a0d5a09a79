import { ApiError } from '../../infra/http/api-error.ts';
import { findUnstorableText } from '../intake/unstorable-text.ts';
import { SYNC_ERRORS } from './sync-errors.ts';

/**
 * Throws a 422 `UNSUPPORTED_CHARACTER` when a string of `input` holds text PostgreSQL refuses (NUL,
 * a lone surrogate), before anything is written: the statement would fail, and its error quotes
 * the values. Call it on validated input only: the search recurses, and schemas bound the depth.
 */
export function refuseUnstorableText(input: unknown, action: string): void {
  const where = findUnstorableText(input);
  if (!where) return;
  throw new ApiError(
    SYNC_ERRORS.UNSUPPORTED_CHARACTER,
    `Failed to ${action}: ${where} holds a NUL character (\\u0000) or a lone surrogate, which the cache cannot store. Remove it and send the request again.`,
  );
}
