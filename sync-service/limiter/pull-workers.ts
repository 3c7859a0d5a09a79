import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { redeliveryDelayMs } from '../../infra/redelivery-backoff.ts';
import { syncDefaults } from '../defaults.ts';
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
}

/** Works off the ABS pull queue: claim, pull, mark done — or put back with backoff when the pull fails. */
export function startPullWorkers(options: PullWorkersOptions): { stop(): Promise<void> } {
  const { queue, log } = options;
  let stopping = false;
  const worker = async () => {
    while (!stopping) {
      const job = await queue.claim().catch((error: Error) => {
        log.warn({ err: error.message }, 'failed to claim an ABS pull');
        return undefined;
      });
      if (!job) {
        await sleep(options.idleMs ?? 50);
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
      stopping = true;
      await Promise.all(workers);
    },
  };
}
