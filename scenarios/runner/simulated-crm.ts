import { CRM_TEST_CREDENTIALS } from '../../simulator/crm/crm-flavor.ts';
import type { CrmWriterConfig } from '../../sync-service/crm-writer/create-crm-writer.ts';

/** The sync service's connection to the simulated CRM, as the integration user of its flavor. */
export function simulatedCrmOf(flavor: 'salesforce' | 'bitrix24', simUrl: string): CrmWriterConfig {
  if (flavor === 'salesforce')
    return { flavor, credentials: { ...CRM_TEST_CREDENTIALS.salesforce, loginUrl: simUrl } };
  const { userId, token } = CRM_TEST_CREDENTIALS.bitrix24;
  return { flavor, webhookUrl: `${simUrl}/rest/${userId}/${token}/` };
}
