import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Clock } from '../../infra/clock.ts';
import type { Logger } from '../../infra/logger.ts';
import { releaseJobLock, tryJobLock } from '../db/advisory-lock.ts';
import { syncDefaults } from '../defaults.ts';
import type { SyncMetrics } from '../metrics.ts';
import { closeGap } from '../sequencer/apply-entity-changes.ts';
import { type EntityPosition, samplePositions } from './sample-positions.ts';
import type { ValidatedChannel } from './validated-channel.ts';

export interface SampledValidationOptions {
  readonly pool: pg.Pool;
  readonly channels: readonly ValidatedChannel<unknown>[];
  /** Share of clients checked per run. Default `syncDefaults.validationFraction`. */
  readonly fraction?: number;
  /** Most entities checked per channel and run. Default `syncDefaults.validationLimit`. */
  readonly limit?: number;
  /** Reference look-ups in flight per channel. Default `syncDefaults.validationConcurrency`. */
  readonly concurrency?: number;
  readonly metrics: SyncMetrics;
  readonly log: Logger;
  readonly clock: Clock;
}

export interface ChannelValidation {
  readonly channel: string;
  readonly checked: number;
  /** The source emitted more than the cache applied: lost messages, healed from the source. */
  readonly behind: number;
  readonly healed: number;
  /** The cache is past the source's log (the log lags): counted, nothing to heal. */
  readonly referenceBehind: number;
  /** Entities the source did not answer for (down, breaker open): checked again another time. */
  readonly failed: number;
}

export type SampledValidationOutcome =
  | { readonly ran: true; readonly channels: readonly ChannelValidation[] }
  | { readonly ran: false; readonly reason: 'locked' };

/**
 * Sampled validation (incident I6): for a random share of clients, compares the last sequence the
 * cache applied per entity with the source's reference log, and heals every entity the cache is
 * behind on through the sequencer (`closeGap`), so the position and the state move together.
 * One instance at a time, under an advisory lock.
 */
export async function validateSample(options: SampledValidationOptions): Promise<SampledValidationOutcome> {
  const client = await options.pool.connect();
  try {
    if (!(await tryJobLock(client, 'sampledValidation'))) return { ran: false, reason: 'locked' };
    try {
      const channels: ChannelValidation[] = [];
      for (const channel of options.channels) channels.push(await validateChannel(channel, options));
      return { ran: true, channels };
    } finally {
      await releaseJobLock(client, 'sampledValidation');
    }
  } finally {
    client.release();
  }
}

async function validateChannel(
  channel: ValidatedChannel<unknown>,
  options: SampledValidationOptions,
): Promise<ChannelValidation> {
  const { pool, metrics, log } = options;
  const positions = await samplePositions(pool, channel.channel, {
    fraction: options.fraction ?? syncDefaults.validationFraction,
    salt: randomUUID(),
    limit: options.limit ?? syncDefaults.validationLimit,
  });
  const counts = { behind: 0, healed: 0, referenceBehind: 0, failed: 0 };
  const labels = (reason: string) => ({ source: channel.source, reason });
  const check = async (position: EntityPosition) => {
    const reference = await channel.reference(position.entity, position.id);
    if (!reference) return;
    if (reference.lastSequence < position.lastSequence) {
      counts.referenceBehind += 1;
      metrics.driftFound.inc(labels('reference-behind'));
      return;
    }
    if (reference.lastSequence === position.lastSequence) return;
    counts.behind += 1;
    metrics.driftFound.inc(labels('sequence-behind'));
    const { entity, id } = position;
    const healed = (await reference.heal()) ?? {
      entity,
      id,
      sequence: reference.lastSequence,
      operation: 'delete' as const,
      state: null,
      at: new Date(options.clock.now()).toISOString(),
    };
    const gap = { entity, id, lastApplied: position.lastSequence, firstBeyond: reference.lastSequence + 1 };
    await closeGap(pool, channel.channel, gap, healed, channel.writer);
    counts.healed += 1;
    metrics.driftHealed.inc(labels('sequence-behind'));
    log.info({ channel: channel.channel, ...gap }, 'sampled validation healed drift');
  };
  let next = 0;
  const worker = async () => {
    while (next < positions.length) {
      const position = positions[next++] as EntityPosition;
      await check(position).catch((error: unknown) => {
        counts.failed += 1;
        log.warn(
          { channel: channel.channel, ...position, err: (error as Error).message },
          'sampled validation could not check',
        );
      });
    }
  };
  await Promise.all(
    Array.from({ length: options.concurrency ?? syncDefaults.validationConcurrency }, worker),
  );
  return { channel: channel.channel, checked: positions.length, ...counts };
}
