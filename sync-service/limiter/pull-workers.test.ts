import { describe, expect, it } from 'vitest';
import { createLogger } from '../../infra/logger.ts';
import type { PullJob, PullQueue } from './pull-queue.ts';
import { startPullWorkers } from './pull-workers.ts';

/** A queue whose claims fail while `down` is set, and find no work otherwise. */
function flakyQueue() {
  const state = { down: true, claims: 0 };
  const queue = {
    leaseMs: 10_000,
    async claim(): Promise<PullJob | undefined> {
      state.claims += 1;
      if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return undefined;
    },
  } as unknown as PullQueue;
  return { queue, state };
}

function capturedLog() {
  const lines: { level: number; msg: string }[] = [];
  const log = createLogger('test', 'info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('the ABS pull workers while the database is down', () => {
  it('back off exponentially up to the cap, start over after a claim that answers, and log each change once', async () => {
    const { queue, state } = flakyQueue();
    const { log, lines } = capturedLog();
    const waits: number[] = [];
    let recovered: () => void = () => {};
    const sleep = async (ms: number) => {
      waits.push(ms);
      // The database comes back after the seventh failed claim; the next wait is the idle one.
      if (waits.length === 7) state.down = false;
      if (waits.length === 9) recovered();
      await new Promise((resolve) => setImmediate(resolve));
    };
    const done = new Promise<void>((resolve) => {
      recovered = resolve;
    });
    const workers = startPullWorkers({
      queue,
      handle: async () => {},
      log,
      concurrency: 1,
      idleMs: 50,
      claimBackoff: { baseMs: 100, maxMs: 1_000 },
      sleep,
    });
    await done;
    state.down = true;
    const beforeSecondOutage = waits.length;
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    await workers.stop();

    expect(waits.slice(0, 9)).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000, 50, 50]);
    // The second outage backs off from the start again.
    expect(waits[beforeSecondOutage]).toBe(100);
    const messages = lines.map((line) => line.msg);
    expect(messages.filter((m) => m.startsWith('Failed to claim an ABS pull'))).toHaveLength(2);
    expect(messages.filter((m) => m.startsWith('ABS pull queue reachable again'))).toHaveLength(1);
    expect(messages[0]).toBe(
      'Failed to claim an ABS pull: connect ECONNREFUSED 127.0.0.1:5432. Retrying with backoff (up to 1000 ms) until the database answers.',
    );
    expect(state.claims).toBeGreaterThan(9);
  });

  it('stop cuts a backoff wait short', async () => {
    const { queue } = flakyQueue();
    const workers = startPullWorkers({
      queue,
      handle: async () => {},
      log: createLogger('test', 'silent'),
      concurrency: 2,
      claimBackoff: { baseMs: 60_000, maxMs: 60_000 },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    await workers.stop();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
