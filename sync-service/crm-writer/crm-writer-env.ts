import type { CrmWriterConfig } from './create-crm-writer.ts';

/**
 * The CRM the sync service writes the bank's changes to, from the environment (which the CLI
 * reads once, at the edge: cli/config.ts): `CRM_FLAVOR=salesforce` with `SALESFORCE_LOGIN_URL`, `SALESFORCE_CLIENT_ID`,
 * `SALESFORCE_CLIENT_SECRET`, `SALESFORCE_USERNAME`, `SALESFORCE_PASSWORD`; or `CRM_FLAVOR=bitrix24`
 * with `BITRIX_WEBHOOK_URL`. No `CRM_FLAVOR`: no writer.
 */
export function crmWriterFromEnv(env: NodeJS.ProcessEnv): CrmWriterConfig | undefined {
  const flavor = env.CRM_FLAVOR;
  if (!flavor) return undefined;
  const need = (name: string): string => {
    const value = env[name];
    if (!value)
      throw new Error(`Failed to configure the CRM writer: ${name} is not set. Set it, or unset CRM_FLAVOR.`);
    return value;
  };
  if (flavor === 'salesforce') {
    return {
      flavor,
      credentials: {
        loginUrl: need('SALESFORCE_LOGIN_URL'),
        clientId: need('SALESFORCE_CLIENT_ID'),
        clientSecret: need('SALESFORCE_CLIENT_SECRET'),
        username: need('SALESFORCE_USERNAME'),
        password: need('SALESFORCE_PASSWORD'),
      },
    };
  }
  if (flavor === 'bitrix24') return { flavor, webhookUrl: need('BITRIX_WEBHOOK_URL') };
  throw new Error(
    `Failed to configure the CRM writer: CRM_FLAVOR is "${flavor}"; use salesforce or bitrix24.`,
  );
}

/** The same settings as environment variables, for a sync process started by a scenario run. */
export function crmWriterEnv(config: CrmWriterConfig): Record<string, string> {
  if (config.flavor === 'bitrix24') return { CRM_FLAVOR: 'bitrix24', BITRIX_WEBHOOK_URL: config.webhookUrl };
  const { credentials } = config;
  return {
    CRM_FLAVOR: 'salesforce',
    SALESFORCE_LOGIN_URL: credentials.loginUrl,
    SALESFORCE_CLIENT_ID: credentials.clientId,
    SALESFORCE_CLIENT_SECRET: credentials.clientSecret,
    SALESFORCE_USERNAME: credentials.username,
    SALESFORCE_PASSWORD: credentials.password,
  };
}
