import { CRM_TEST_CREDENTIALS } from '../../simulator/crm/crm-flavor.ts';
import type { Simulator } from '../../simulator/start-simulator.ts';

/**
 * Another integration of the bank using the same Bitrix24 portal: `requests` calls at once, which
 * take that much of the portal's request bucket away from the sync service without it knowing.
 */
export async function crmApiBurst(sim: Simulator, requests: number): Promise<void> {
  const { userId, token } = CRM_TEST_CREDENTIALS.bitrix24;
  await Promise.all(
    Array.from({ length: requests }, async () => {
      const response = await fetch(`${sim.url}/rest/${userId}/${token}/crm.company.get.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: '1' }),
      });
      await response.arrayBuffer();
    }),
  );
}
