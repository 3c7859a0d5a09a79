import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../infra/logger.ts';
import { createSyncMetrics } from '../metrics.ts';
import { createLagMonitor } from './lag-monitor.ts';

describe('createLagMonitor', () => {
  it('reports lag, raises the alarm past the threshold once, and clears it once', async () => {
    const lines: string[] = [];
    const log = createLogger(
      't',
      'info',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const metrics = createSyncMetrics();
    let now = Date.parse('2026-11-21T12:00:00Z');
    const lag = createLagMonitor('abs.postings', {
      metrics,
      clock: { now: () => now },
      log,
      alarmSeconds: 3_600,
    });
    const alarm = async () => (await metrics.consumerLagAlarm.get()).values[0]?.value;

    lag.observe('2026-11-21T11:59:00Z');
    expect((await metrics.consumerLagSeconds.get()).values[0]).toMatchObject({
      value: 60,
      labels: { topic: 'abs.postings' },
    });
    expect(lag.alarmed).toBe(false);

    lag.observe('2026-11-21T10:00:00Z');
    lag.observe('2026-11-21T10:30:00Z');
    expect(lag.alarmed).toBe(true);
    expect(await alarm()).toBe(1);

    now += 60_000;
    lag.observe('2026-11-21T12:00:30Z');
    expect(await alarm()).toBe(0);
    expect(lines.filter((l) => l.includes('alarm raised'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('alarm cleared'))).toHaveLength(1);
  });
});
