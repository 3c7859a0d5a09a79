import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Brings the database up to the newest schema. Several instances may start at once: node-pg-migrate
 * lets one run under an advisory lock and fails the others with "Another migration is already
 * running", so those wait and try again (by then there is nothing left to do).
 */
export async function migrate(databaseUrl: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await runner({
        databaseUrl,
        dir: MIGRATIONS_DIR,
        direction: 'up',
        migrationsTable: 'pgmigrations',
        count: Number.POSITIVE_INFINITY,
        log: () => {},
      });
      return;
    } catch (error) {
      if (attempt >= 50 || !/already running/i.test((error as Error).message)) throw error;
      await sleep(200);
    }
  }
}
