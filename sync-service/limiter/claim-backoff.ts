import type { Logger } from '../../infra/logger.ts';

export interface ClaimBackoffOptions {
  readonly log: Logger;
  /** Wait after the first failed claim in a row, ms; doubled after each further one. Default 50. */
  readonly baseMs?: number;
  /** The longest wait, ms: how late the workers notice that the database is back. Default 5 000. */
  readonly maxMs?: number;
}

export interface ClaimBackoff {
  /** A worker's claim failed for the `attempt`-th time in a row (from 1): how long it waits before the next. */
  failed(error: Error, attempt: number): number;
  /** A claim answered (a job or none): the queue is reachable again. */
  succeeded(): void;
}

/**
 * The pull workers' backoff while the queue (PostgreSQL) cannot be reached: each worker waits
 * exponentially longer, up to a cap, and starts over after a claim that answers. Shared by the
 * workers of one instance so the outage is logged once when it starts and once when it ends,
 * not once per attempt (eight workers retrying every 50 ms wrote ~160 lines a second).
 */
export function createClaimBackoff(options: ClaimBackoffOptions): ClaimBackoff {
  const { log, baseMs = 50, maxMs = 5_000 } = options;
  let down = false;
  return {
    failed(error, attempt) {
      if (!down) {
        down = true;
        log.warn(
          { err: error.message },
          `Failed to claim an ABS pull: ${error.message}. Retrying with backoff (up to ${maxMs} ms) until the database answers.`,
        );
      }
      return Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
    },
    succeeded() {
      if (!down) return;
      down = false;
      log.info('ABS pull queue reachable again: claiming pulls');
    },
  };
}
