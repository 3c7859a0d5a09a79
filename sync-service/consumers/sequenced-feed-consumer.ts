import type pg from 'pg';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { SequencedMessage } from '../../contracts/feeds/sequenced-message.ts';
import type { Clock } from '../../infra/clock.ts';
import type { BusMessage, EventBus, Subscription } from '../../infra/event-bus.ts';
import type { SourceFreshness } from '../freshness/source-freshness.ts';
import type { SyncMetrics } from '../metrics.ts';
import { isUnfetchableIdError } from '../resilience/unfetchable-id-error.ts';
import { applyEntityChanges, closeGap } from '../sequencer/apply-entity-changes.ts';
import type { EntityChange, EntityWriter } from '../sequencer/entity-writer.ts';
import { createLagMonitor } from './lag-monitor.ts';
import { parkPoisonMessage } from './park-poison-message.ts';

export interface SequencedFeedConsumerOptions<T> {
  /** The feed's bus; poison messages are copied to `<topic>.failed` on it. */
  readonly bus: EventBus;
  readonly pool: pg.Pool;
  readonly topic: string;
  /** The sequencer's channel name, e.g. `mdm.mq`. */
  readonly channel: string;
  readonly groupId: string;
  readonly schema: z.ZodType<SequencedMessage<T>>;
  readonly writer: EntityWriter<T>;
  /**
   * The entity's state now, from the source's REST API (through its source policy); null only when
   * the source says it is gone. Any failure keeps the gap open: an UnfetchableIdError parks the
   * entity's messages, anything else fails the batch for redelivery.
   * Without it a gap is closed with the state of the message that revealed it: every message of
   * these feeds carries the entity's full state after its change, so that state supersedes the lost one.
   */
  readonly fetch?: (entity: string, id: string) => Promise<EntityChange<T> | null>;
  readonly metrics: SyncMetrics;
  readonly log: Logger;
  readonly clock: Clock;
  /** Where applied batches count as hearing from the feed's source (the read API's `asOf`). */
  readonly freshness?: SourceFreshness;
}

type Parsed<T> = { readonly change: EntityChange<T> } | { readonly error: string };

function parse<T>(schema: z.ZodType<SequencedMessage<T>>, message: BusMessage): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
  const result = schema.safeParse(json);
  if (!result.success)
    return { error: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const m = result.data;
  return {
    change: {
      entity: m.entity,
      id: m.id,
      sequence: m.sequence,
      operation: m.operation,
      state: m.state,
      at: m.emittedAt,
    },
  };
}

/**
 * Consumes a feed whose messages carry per-entity sequence numbers (the CRM's and the MDM's MQ
 * feeds, incident I6): poison messages are parked, the rest go through the sequencer. A gap is
 * closed by fetching the entity; if the source cannot answer, the batch fails and the bus
 * redelivers it later with backoff — what was applied is then dropped as duplicate. Only the
 * source's own "not found" closes a gap with a delete.
 */
export function consumeSequencedFeed<T>(options: SequencedFeedConsumerOptions<T>): Promise<Subscription> {
  const { pool, channel, writer, metrics, log } = options;
  const lag = createLagMonitor(options.topic, {
    metrics,
    clock: options.clock,
    log,
    freshness: options.freshness,
  });
  return options.bus.subscribe({
    groupId: options.groupId,
    topic: options.topic,
    onHandlerError: (error, batch, attempt) =>
      log.warn(
        { err: (error as Error).message, channel, messages: batch.length, attempt },
        'feed batch failed; redelivering',
      ),
    handleBatch: async (batch) => {
      let changes: EntityChange<T>[] = [];
      const messageOf = new Map<EntityChange<T>, BusMessage>();
      for (const message of batch) {
        const parsed = parse(options.schema, message);
        if ('error' in parsed) {
          await parkPoisonMessage(pool, options.bus, message, parsed.error);
          metrics.deadLettered.inc({ topic: message.topic });
          log.warn(
            { topic: message.topic, offset: message.offset, err: parsed.error },
            'poison message parked',
          );
        } else {
          changes.push(parsed.change);
          messageOf.set(parsed.change, message);
        }
      }
      let plan = await applyEntityChanges(pool, channel, changes, writer);
      metrics.applied.inc({ channel }, plan.apply.length);
      metrics.duplicates.inc({ channel }, plan.duplicates);
      // Each round closes the gaps in front of what waits; a batch with several gaps per entity takes several.
      while (plan.gaps.length > 0) {
        for (const gap of plan.gaps) {
          metrics.gaps.inc({ channel });
          log.info({ channel, ...gap }, 'sequence gap: fetching the entity from its source');
          const revealing = changes.find(
            (c) => c.entity === gap.entity && c.id === gap.id && c.sequence === gap.firstBeyond,
          ) as EntityChange<T>;
          let fetched: EntityChange<T> | null;
          try {
            fetched = options.fetch ? await options.fetch(gap.entity, gap.id) : revealing;
          } catch (error) {
            if (!isUnfetchableIdError(error)) throw error;
            // Nothing can say what became of the entity: what waits behind the gap goes to the dead
            // letters, and the gap stays open for a redrive once the id can be read.
            const parked = changes.filter(
              (c) => c.entity === gap.entity && c.id === gap.id && c.sequence >= gap.firstBeyond,
            );
            for (const change of parked) {
              const message = messageOf.get(change) as BusMessage;
              await parkPoisonMessage(pool, options.bus, message, error.message);
              metrics.deadLettered.inc({ topic: message.topic });
            }
            log.warn(
              { channel, ...gap, err: error.message },
              'sequence gap cannot be closed; messages parked',
            );
            changes = changes.filter((c) => !parked.includes(c));
            continue;
          }
          const state: EntityChange<T> = fetched ?? {
            entity: gap.entity,
            id: gap.id,
            sequence: gap.firstBeyond - 1,
            operation: 'delete',
            state: null,
            at: new Date(options.clock.now()).toISOString(),
          };
          await closeGap(pool, channel, gap, state, writer);
        }
        plan = await applyEntityChanges(pool, channel, changes, writer);
        metrics.applied.inc({ channel }, plan.apply.length);
      }
      const newest = changes.reduce((max, c) => (c.at > max ? c.at : max), '');
      if (newest) lag.observe(newest);
    },
  });
}
