import type { CrmWriterConfig } from '../sync-service/crm-writer/create-crm-writer.ts';
import { crmWriterFromEnv } from '../sync-service/crm-writer/crm-writer-env.ts';
import { type AuthConfig, authFromEnv } from './auth-config.ts';
/** The environment, read once at the edge; everything below receives options. */
export interface CliConfig {
  readonly databaseUrl: string | undefined;
  readonly kafkaBrokers: string | undefined;
  /** Secrets the CRM signs webhooks with (WEBHOOK_SECRETS, comma-separated: two during a rotation). */
  readonly webhookSecrets: readonly string[];
  /** RabbitMQ for the CRM/MDM feeds. */
  readonly amqpUrl: string | undefined;
  /** LOG_LEVEL if set; else each command picks its own (services `info`, scenario runs `error`). */
  readonly logLevel: string | undefined;
  /** Interface servers listen on: loopback unless HOST says otherwise (0.0.0.0 in a container). */
  readonly host: string;
  readonly ci: boolean;
  /** Where the sync service writes the bank's changes (CRM_FLAVOR and its settings; see sync-service/crm-writer/crm-writer-env.ts). */
  readonly crmWriter: CrmWriterConfig | undefined;
  /** Bearer token of a remote simulator's control API (CONTROL_TOKEN), for `load --target`. */
  readonly controlToken: string | undefined;
  /** Bearer token for a remote sync service's APIs (TOKEN), for `load --target`. */
  readonly token: string | undefined;
  /** The sync service's bearer-token settings (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL / AUTH_PUBLIC_KEY / AUTH_SHARED_SECRET). */
  readonly auth: AuthConfig;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  return Object.freeze({
    databaseUrl: env.DATABASE_URL || undefined,
    crmWriter: crmWriterFromEnv(env),
    kafkaBrokers: env.KAFKA_BROKERS || undefined,
    amqpUrl: env.AMQP_URL || undefined,
    webhookSecrets: (env.WEBHOOK_SECRETS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL || undefined,
    host: env.HOST || '127.0.0.1',
    ci: env.CI === 'true' || env.CI === '1',
    controlToken: env.CONTROL_TOKEN || undefined,
    token: env.TOKEN || undefined,
    auth: authFromEnv(env),
  });
}
