import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Logger } from '../../infra/logger.ts';

export interface NotifiedLoopOptions {
  readonly databaseUrl: string;
  /** The NOTIFY channel that says there is work. */
  readonly channel: string;
  readonly log: Logger;
  /** How often to look when no notification came (a missed NOTIFY, a lost listener). Default 500 ms. */
  readonly pollIntervalMs?: number;
  /** Does one round of work; true when there may be more right away (a full batch). */
  readonly work: () => Promise<boolean>;
}

export interface NotifiedLoop {
  stop(): Promise<void>;
}

/**
 * Runs `work` whenever PostgreSQL NOTIFYs `channel`, and at least every `pollIntervalMs` as a
 * fallback (polling only, with a warning, if the listening connection fails). Failed rounds back
 * off exponentially up to 10 s.
 */
export function startNotifiedLoop(options: NotifiedLoopOptions): NotifiedLoop {
  const { log, channel } = options;
  let stopping = false;
  // Cuts the wait between rounds short at stop(), so no timer outlives the loop.
  const halt = new AbortController();
  let wake: (() => void) | undefined;
  const listener = new pg.Client({ connectionString: options.databaseUrl });
  listener.on('notification', () => wake?.());
  listener.on('error', (error) => log.warn({ err: error.message, channel }, 'listener lost; polling only'));
  const listening = listener
    .connect()
    .then(() => listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`))
    .catch((error: Error) => log.warn({ err: error.message, channel }, 'listener failed; polling only'));

  const loop = (async () => {
    await listening;
    let failures = 0;
    while (!stopping) {
      try {
        const more = await options.work();
        failures = 0;
        if (more) continue;
      } catch (error) {
        failures += 1;
        log.warn({ err: (error as Error).message, channel }, 'work round failed');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        const pause = Math.min(10_000, (options.pollIntervalMs ?? 500) * 2 ** failures);
        void sleep(pause, undefined, { signal: halt.signal }).then(resolve, resolve);
      });
    }
  })();

  return {
    async stop() {
      stopping = true;
      halt.abort();
      wake?.();
      await loop;
      await listener.end().catch(() => {});
    },
  };
}
