import type pg from 'pg';
import type { Logger } from 'pino';
import {
  ABS_POSTINGS_TOPIC,
  type AbsPostingEvent,
  absPostingEventSchema,
} from '../../contracts/abs/abs-schemas.ts';
import type { Clock } from '../../infra/clock.ts';
import type { BusMessage, EventBus, Subscription } from '../../infra/event-bus.ts';
import { applyClosingPostings } from '../abs/apply-closing-postings.ts';
import { POSTINGS_GAP_JOB } from '../abs/postings-gap-job.ts';
import { syncDefaults } from '../defaults.ts';
import type { SourceFreshness } from '../freshness/source-freshness.ts';
import type { PullQueue } from '../limiter/pull-queue.ts';
import type { SyncMetrics } from '../metrics.ts';
import { applyPostings } from '../sequencer/apply-postings.ts';
import type { SyncStats } from '../sync-stats.ts';
import { createLagMonitor } from './lag-monitor.ts';
import { parkPoisonMessage } from './park-poison-message.ts';

export interface AbsPostingsConsumerOptions {
  readonly bus: EventBus;
  readonly pool: pg.Pool;
  /** Where gaps are queued as ABS pulls (the work queue of the global limiter). */
  readonly pulls: PullQueue;
  readonly stats: SyncStats;
  readonly metrics: SyncMetrics;
  readonly clock: Clock;
  readonly log: Logger;
  readonly groupId: string;
  /** Turnovers older than this many months are not the internet bank's business. Default `syncDefaults.horizonMonths`. */
  readonly horizonMonths?: number;
  /** Consumer lag that raises the alarm, seconds. Default `syncDefaults.lagAlarmSeconds`. */
  readonly lagAlarmSeconds?: number;
  /** Messages applied per transaction. Default `syncDefaults.absPostingsBatchSize`. */
  readonly maxBatchSize?: number;
  /** Where applied batches count as hearing from the ABS (the read API's `asOf`). */
  readonly freshness?: SourceFreshness;
}

const CHANNEL = 'abs.postings';
type Parsed =
  | { kind: 'posting'; posting: AbsPostingEvent }
  | { kind: 'closing'; json: unknown }
  | { kind: 'poison'; error: string };

function parse(message: BusMessage): Parsed {
  try {
    const json = JSON.parse(message.value.toString('utf8')) as { type?: unknown };
    if (json?.type === 'closing-postings') return { kind: 'closing', json };
    return { kind: 'posting', posting: absPostingEventSchema.parse(json) };
  } catch (error) {
    return { kind: 'poison', error: (error as Error).message };
  }
}

function horizonStart(now: number, months: number): number {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.getTime();
}

/**
 * Consumes `abs.postings`: postings through the sequencer, a gap queued as an ABS pull (so the
 * consumer never waits on the ABS, which may be down or at its limit); avalanche messages of
 * closing postings in bounded steps behind the business horizon; poison messages parked.
 */
export function consumeAbsPostings(options: AbsPostingsConsumerOptions): Promise<Subscription> {
  const { pool, stats, metrics, log, clock } = options;
  const lag = createLagMonitor(ABS_POSTINGS_TOPIC, {
    metrics,
    clock,
    log,
    alarmSeconds: options.lagAlarmSeconds,
    freshness: options.freshness,
  });
  const months = options.horizonMonths ?? syncDefaults.horizonMonths;
  const park = async (message: BusMessage, error: string) => {
    await parkPoisonMessage(pool, options.bus, message, error);
    stats.deadLetters += 1;
    metrics.deadLettered.inc({ topic: message.topic });
    log.warn({ topic: message.topic, offset: message.offset, err: error }, 'poison posting parked');
  };
  return options.bus.subscribe({
    groupId: options.groupId,
    topic: ABS_POSTINGS_TOPIC,
    maxBatchSize: options.maxBatchSize ?? syncDefaults.absPostingsBatchSize,
    onHandlerError: (error, batch, attempt) =>
      log.warn(
        { err: (error as Error).message, messages: batch.length, attempt },
        'posting batch failed; redelivering',
      ),
    handleBatch: async (batch) => {
      const postings: AbsPostingEvent[] = [];
      for (const message of batch) {
        const parsed = parse(message);
        if (parsed.kind === 'poison') await park(message, parsed.error);
        else if (parsed.kind === 'posting') postings.push(parsed.posting);
        else {
          const outcome = await applyClosingPostings(
            pool,
            parsed.json,
            horizonStart(clock.now(), months),
          ).catch((error: Error) => error);
          if (outcome instanceof Error) await park(message, outcome.message);
          else {
            metrics.postingsBeyondHorizon.inc(outcome.beyondHorizon);
            metrics.applied.inc({ channel: 'abs.closing-postings' }, outcome.applied);
            metrics.duplicates.inc({ channel: 'abs.closing-postings' }, outcome.alreadyHeld);
          }
        }
      }
      const plan = await applyPostings(pool, postings);
      stats.applied += plan.apply.length;
      stats.duplicates += plan.duplicates;
      metrics.applied.inc({ channel: CHANNEL }, plan.apply.length);
      metrics.duplicates.inc({ channel: CHANNEL }, plan.duplicates);
      // A gap is queued as an ABS pull and the partition moves on: the pull fetches everything
      // after the last applied posting, so what waited behind the gap here is not lost.
      for (const gap of plan.gaps) {
        stats.gaps += 1;
        metrics.gaps.inc({ channel: CHANNEL });
        log.info(gap, 'sequence gap: queued a pull of the missing postings from the ABS');
        await options.pulls.enqueue(POSTINGS_GAP_JOB, gap.accountId);
      }
      const newest = postings.reduce((max, p) => (p.bookedAt > max ? p.bookedAt : max), '');
      if (newest) lag.observe(newest);
      stats.lastAppliedAt = Date.now();
    },
  });
}
