import type { CliConfig } from './config.ts';

/** DATABASE_URL, or an error that says which command needed it and how to give it. */
export function requireDatabase(config: CliConfig, what: string): string {
  if (config.databaseUrl) return config.databaseUrl;
  throw new Error(`Failed to open ${what}: DATABASE_URL is not set. Export the sync service’s DATABASE_URL.`);
}
