import type { Logger } from 'pino';
import type { Clock } from '../../infra/clock.ts';
import { syncDefaults } from '../defaults.ts';
import type { SourceFreshness } from '../freshness/source-freshness.ts';
import type { SyncMetrics } from '../metrics.ts';

/**
 * Consumer lag per topic: now minus the source time of the newest message applied. Past the alarm
 * threshold (`syncDefaults.lagAlarmSeconds` unless told) the alarm gauge goes to 1 and a warning
 * is logged once; it clears the same way.
 */
export function createLagMonitor(
  topic: string,
  options: {
    readonly metrics: SyncMetrics;
    readonly clock: Clock;
    readonly log: Logger;
    readonly alarmSeconds?: number;
    /** Told of every applied batch: the read API's `asOf` and degraded state of the topic's source. */
    readonly freshness?: SourceFreshness;
  },
) {
  const threshold = options.alarmSeconds ?? syncDefaults.lagAlarmSeconds;
  let alarmed = false;
  return {
    /** Records that messages up to `sourceTime` (ISO) are applied. */
    observe(sourceTime: string): void {
      const lag = Math.max(0, (options.clock.now() - Date.parse(sourceTime)) / 1000);
      options.metrics.consumerLagSeconds.set({ topic }, lag);
      const over = lag > threshold;
      if (over !== alarmed) {
        alarmed = over;
        options.metrics.consumerLagAlarm.set({ topic }, over ? 1 : 0);
        if (over)
          options.log.warn({ topic, lagSeconds: Math.round(lag), threshold }, 'consumer lag alarm raised');
        else options.log.info({ topic, lagSeconds: Math.round(lag) }, 'consumer lag alarm cleared');
      }
      options.freshness?.fed(topic, Date.parse(sourceTime), over);
    },
    get alarmed() {
      return alarmed;
    },
  };
}
