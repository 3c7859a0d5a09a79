import type { CrmWrite } from '../../contracts/sync/crm-write-event.ts';

/**
 * Writes one record's fields to the bank's CRM, in the CRM's own vocabulary (a mapping profile).
 * Upserts by the bank's id where there is one, so a retried create never makes a second record.
 * Fails with `CrmRejectedError` (for good), `SourceUnavailableError` (retry later); waits out
 * quota refusals itself.
 */
export interface CrmWriter {
  readonly flavor: 'salesforce' | 'bitrix24';
  write(write: CrmWrite): Promise<{ readonly crmId: string }>;
}
