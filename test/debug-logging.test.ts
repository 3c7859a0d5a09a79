import { describe, expect, it } from 'vitest';
import { readConfig } from '../cli/config.ts';
import { listen } from '../infra/http-server.ts';
import { createLogger } from '../infra/logger.ts';
import { createPool } from '../sync-service/db/create-pool.ts';
import { standaloneSyncApp } from './standalone-sync-app.ts';

/** The sync service started as `corebridge sync` does it, its logger's level read from LOG_LEVEL. */
async function appLoggingAt(env: NodeJS.ProcessEnv) {
  const lines: Record<string, unknown>[] = [];
  const config = readConfig(env);
  const log = createLogger('sync', config.logLevel ?? 'info', {
    write: (line: string) => void lines.push(JSON.parse(line)),
  });
  // Never connected: /health/live asks nothing of the database.
  const pool = createPool({ databaseUrl: 'postgres://corebridge@127.0.0.1:1/corebridge', log });
  const app = standaloneSyncApp({ pool, log });
  const http = await listen(app);
  return {
    lines,
    async get(path: string) {
      await (await fetch(`${http.url}${path}`)).text();
    },
    async stop() {
      await http.close();
      await pool.end();
    },
  };
}

describe('LOG_LEVEL=debug', () => {
  it('writes a JSON debug line per answered request, with its request id and without the URL', async () => {
    const app = await appLoggingAt({ LOG_LEVEL: 'debug' });
    try {
      await app.get('/health/live?token=secret');
      await expect
        .poll(() => app.lines.find((line) => line.msg === 'request answered'))
        .toMatchObject({
          level: 20,
          name: 'sync',
          method: 'GET',
          route: '/live',
          status: 200,
        });
      expect(JSON.stringify(app.lines)).not.toContain('secret');
    } finally {
      await app.stop();
    }
  });

  it('writes none at the default level', async () => {
    const app = await appLoggingAt({});
    try {
      await app.get('/health/live');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(app.lines.filter((line) => line.level === 20)).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
