import { readFileSync } from 'node:fs';
import { CRM_TEST_CREDENTIALS } from '../../simulator/crm/crm-flavor.ts';

/**
 * What the Salesforce provider states need from the simulated org, asked over its own HTTP API
 * the way any integration would: a provider verification that borrowed the consumer's client
 * would prove the client agrees with itself, not that the org honours the pact.
 */
export function salesforceOrgSession(baseUrl: () => string) {
  const accessToken = async (): Promise<string> => {
    const { clientId, clientSecret, username, password } = CRM_TEST_CREDENTIALS.salesforce;
    const answer = await fetch(`${baseUrl()}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: clientId,
        client_secret: clientSecret,
        username,
        password,
      }),
    });
    const body = (await answer.json()) as { access_token?: string };
    if (!answer.ok || !body.access_token)
      throw new Error(
        `Failed to log in to the simulated org: HTTP ${answer.status}. Check CRM_TEST_CREDENTIALS.`,
      );
    return body.access_token;
  };
  return {
    /** The provider-state value the pacts' `Bearer ${accessToken}` generators read. */
    token: async () => ({ accessToken: await accessToken() }),
    /** The `nextRecordsUrl` of the first page of `soql`, `batchSize` rows a page. */
    async nextRecordsUrl(soql: string, batchSize: number): Promise<string | undefined> {
      const answer = await fetch(
        `${baseUrl()}/services/data/v60.0/query?${new URLSearchParams({ q: soql })}`,
        {
          headers: {
            authorization: `Bearer ${await accessToken()}`,
            'sforce-query-options': `batchSize=${batchSize}`,
          },
        },
      );
      if (!answer.ok)
        throw new Error(`Failed to run the pact's query on the simulated org: HTTP ${answer.status}.`);
      return ((await answer.json()) as { nextRecordsUrl?: string }).nextRecordsUrl;
    },
  };
}

/** The SOQL a pact's interaction sends, taken from the pact file so the provider runs the consumer's own query. */
export function pactQuery(pactFile: string, description: string): string {
  const pact = JSON.parse(readFileSync(pactFile, 'utf8')) as {
    interactions: { description: string; request?: { query?: { q?: string[] } } }[];
  };
  const soql = pact.interactions.find((i) => i.description === description)?.request?.query?.q?.[0];
  if (!soql)
    throw new Error(
      `Failed to find the query of "${description}" in ${pactFile}. Run the consumer pact tests to write it.`,
    );
  return soql;
}
