import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { redeliveryDelayMs } from '../../infra/redelivery-backoff.ts';
import { syncDefaults } from '../defaults.ts';
import { type ClaimBackoffOptions, createClaimBackoff } from './claim-backoff.ts';
import type { PullJob, PullQueue } from './pull-queue.ts';

export interface PullWorkersOptions {
  readonly queue: PullQueue;
  /** Does one job's pull (the caller holds the slot inside). Throwing retries it later with backoff. */
  readonly handle: (job: PullJob) => Promise<void>;
  readonly log: Logger;
  /** Jobs this instance works on at once; the global slot limit still applies. Default `syncDefaults.pullWorkerConcurrency`. */
  readonly concurrency?: number;
  /** Wait when the queue is empty. Default 50 ms. */
  readonly idleMs?: number;
  /** Backoff while claims fail (the database is down). Defaults: see `ClaimBackoffOptions`. */
  readonly claimBackoff?: Omit<ClaimBackoffOptions, 'log'>;
  /** How the workers wait; resolves early when `signal` aborts (on stop). Default a timer. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const timerSleep = (ms: number, signal: AbortSignal) =>
  sleep(ms, undefined, { signal }).catch(() => undefined);

/**
 * Works off the ABS pull queue: claim, pull, mark done — or put back with backoff when the pull
 * fails. While claims fail (the database is down) the workers back off; `stop` cuts a wait short.
 */
export function startPullWorkers(options: PullWorkersOptions): { stop(): Promise<void> } {
  const { queue, log, sleep: wait = timerSleep } = options;
  const backoff = createClaimBackoff({ ...options.claimBackoff, log });
  const stopping = new AbortController();
  const worker = async () => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      let job: PullJob | undefined;
      try {
        job = await queue.claim();
      } catch (error) {
        failures += 1;
        await wait(backoff.failed(error as Error, failures), stopping.signal);
        continue;
      }
      failures = 0;
      backoff.succeeded();
      if (!job) {
        await wait(options.idleMs ?? 50, stopping.signal);
        continue;
      }
      const renew = setInterval(() => void queue.renew(job).catch(() => {}), queue.leaseMs / 3);
      try {
        await options.handle(job);
        await queue.complete(job);
      } catch (error) {
        const delay = redeliveryDelayMs(job.attempts);
        log.warn(
          { job: job.id, kind: job.kind, subject: job.subject, err: (error as Error).message, delay },
          'ABS pull failed; will retry',
        );
        await queue.retry(job, (error as Error).message, delay).catch(() => {});
      } finally {
        clearInterval(renew);
      }
    }
  };
  const workers = Array.from({ length: options.concurrency ?? syncDefaults.pullWorkerConcurrency }, worker);
  return {
    async stop() {
      stopping.abort();
      await Promise.all(workers);
    },
  };
}
