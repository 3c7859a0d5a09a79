import { SourceUnavailableError } from '../http/get-json.ts';

/**
 * The CRM refused a write for good (validation, a field it does not know, a deleted parent):
 * retrying cannot help. The write goes to the dead letters and `sync.failed`.
 */
export class CrmRejectedError extends Error {
  readonly code = 'CRM_REJECTED';
}

export const isCrmRejectedError = (error: unknown): error is CrmRejectedError =>
  error instanceof CrmRejectedError;

/**
 * The error for a CRM's failed answer to a write: a 4xx (but 401, a session to renew) is a refusal
 * for good; anything else means the CRM is not answering as it should, to be retried later.
 */
export function writeFailure(system: string, call: string, answer: { status: number; body: unknown }): Error {
  const what = `${call}: HTTP ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 200)}`;
  if (answer.status >= 400 && answer.status < 500 && answer.status !== 401)
    return new CrmRejectedError(
      `Failed to write to ${system} with ${what}. Fix the record or the mapping profile, then redrive.`,
    );
  return new SourceUnavailableError(`Failed to write to ${system} with ${what}. Retry later.`);
}
