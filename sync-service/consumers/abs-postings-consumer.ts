import type pg from 'pg';
import type { Logger } from 'pino';
import {
  ABS_POSTINGS_TOPIC,
  type AbsPostingEvent,
  absPostingEventSchema,
} from '../../contracts/abs/abs-schemas.ts';
import type { BusMessage, EventBus, Subscription } from '../../infra/event-bus.ts';
import type { AbsClient } from '../abs/abs-client.ts';
import { applyPostings } from '../sequencer/apply-postings.ts';
import type { SyncStats } from '../sync-stats.ts';
import { recordDeadLetter } from './record-dead-letter.ts';

export interface AbsPostingsConsumerOptions {
  readonly bus: EventBus;
  readonly pool: pg.Pool;
  readonly abs: AbsClient;
  readonly stats: SyncStats;
  readonly log: Logger;
  readonly groupId: string;
}

function parse(message: BusMessage): AbsPostingEvent | Error {
  try {
    return absPostingEventSchema.parse(JSON.parse(message.value.toString('utf8')));
  } catch (error) {
    return error as Error;
  }
}

/**
 * Consumes `abs.postings`: malformed messages go to the dead-letter table, the rest through the
 * sequencer. A gap is closed by fetching the missing postings from the ABS REST API; if the ABS is
 * down that throws, the bus redelivers the batch later, and what was applied is dropped as duplicate.
 */
export function consumeAbsPostings(options: AbsPostingsConsumerOptions): Promise<Subscription> {
  const { pool, abs, stats, log } = options;
  return options.bus.subscribe({
    groupId: options.groupId,
    topic: ABS_POSTINGS_TOPIC,
    onHandlerError: (error, batch, attempt) =>
      log.warn(
        { err: (error as Error).message, messages: batch.length, attempt },
        'posting batch failed; redelivering',
      ),
    handleBatch: async (batch) => {
      const postings: AbsPostingEvent[] = [];
      for (const message of batch) {
        const parsed = parse(message);
        if (parsed instanceof Error) {
          await recordDeadLetter(pool, message, parsed.message);
          stats.deadLetters += 1;
          log.warn(
            { topic: message.topic, offset: message.offset, err: parsed.message },
            'malformed posting dead-lettered',
          );
        } else {
          postings.push(parsed);
        }
      }
      let plan = await applyPostings(pool, postings);
      stats.duplicates += plan.duplicates;
      stats.applied += plan.apply.length;
      for (let round = 0; plan.gaps.length > 0 && round < 3; round++) {
        for (const gap of plan.gaps) {
          stats.gaps += 1;
          log.info(gap, 'sequence gap: fetching the missing postings from the ABS');
          const fetched = await abs.postingsAfter(gap.accountId, gap.lastApplied);
          stats.applied += (await applyPostings(pool, fetched)).apply.length;
        }
        plan = await applyPostings(pool, postings);
        stats.applied += plan.apply.length;
      }
      stats.lastAppliedAt = Date.now();
    },
  });
}
