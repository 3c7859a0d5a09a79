/**
 * The CRM refused a write for good (validation, a field it does not know, a deleted parent):
 * retrying cannot help. The write goes to the dead letters and `sync.failed`.
 */
export class CrmRejectedError extends Error {
  readonly code = 'CRM_REJECTED';
}

export const isCrmRejectedError = (error: unknown): error is CrmRejectedError =>
  error instanceof CrmRejectedError;

/** The CRM refused a write for its request quota: wait for the throttle and send it again. */
export class CrmQuotaError extends Error {
  readonly code = 'CRM_QUOTA_EXCEEDED';
}

export const isCrmQuotaError = (error: unknown): error is CrmQuotaError => error instanceof CrmQuotaError;
