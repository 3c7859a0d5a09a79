import type { SequencedMessage } from '../../contracts/feeds/sequenced-message.ts';
import type { Clock } from '../../infra/clock.ts';
import type { EventBus } from '../../infra/event-bus.ts';

/** What was emitted for one entity: the source's reference log that sampled validation compares against. */
export interface ReferenceEntry {
  readonly lastSequence: number;
  readonly lastEmittedAt: string;
}

export interface SequencedFeedOptions {
  readonly source: 'crm' | 'mdm';
  readonly topic: string;
  readonly bus: EventBus;
  readonly clock: Clock;
  /** While true, messages queue at the source and go out in order once it is false again. */
  readonly isDown?: () => boolean;
}

/**
 * An MQ feed with per-entity sequence numbers: each message about an entity gets the next number
 * for that entity, is recorded in the reference log, and is published in order keyed by
 * `partitionKey` (the client), so all changes of one client stay in order on the bus.
 */
export class SequencedFeed {
  private readonly options: SequencedFeedOptions;
  private readonly reference = new Map<string, ReferenceEntry>();
  private readonly queue: Array<{ key: string; message: SequencedMessage<unknown> }> = [];
  private draining: Promise<void> = Promise.resolve();
  lastError: unknown;

  constructor(options: SequencedFeedOptions) {
    this.options = options;
  }

  emit<T>(
    entity: string,
    id: string,
    operation: SequencedMessage<T>['operation'],
    state: T | null,
    partitionKey: string,
  ): SequencedMessage<T> {
    const ref = `${entity}:${id}`;
    const sequence = (this.reference.get(ref)?.lastSequence ?? 0) + 1;
    const emittedAt = new Date(this.options.clock.now()).toISOString();
    const message: SequencedMessage<T> = {
      source: this.options.source,
      entity,
      id,
      sequence,
      operation,
      state,
      emittedAt,
    };
    this.reference.set(ref, { lastSequence: sequence, lastEmittedAt: emittedAt });
    this.queue.push({ key: partitionKey, message });
    void this.drain();
    return message;
  }

  referenceOf(entity: string, id: string): ReferenceEntry | undefined {
    return this.reference.get(`${entity}:${id}`);
  }

  /** The whole reference log, for checkers and the control API. */
  referenceLog(): IterableIterator<[string, ReferenceEntry]> {
    return this.reference.entries();
  }

  get backlog(): number {
    return this.queue.length;
  }

  drain(): Promise<void> {
    const isDown = this.options.isDown ?? (() => false);
    this.draining = this.draining
      .then(async () => {
        while (this.queue.length > 0 && !isDown()) {
          const batch = this.queue.slice(0, 500);
          await this.options.bus.publish(
            this.options.topic,
            batch.map(({ key, message }) => ({
              key,
              value: JSON.stringify(message),
              headers: { 'content-type': 'application/json', 'x-source': this.options.source },
            })),
          );
          this.queue.splice(0, batch.length);
        }
      })
      // A failed publish leaves the batch queued; the next emit or drain retries it.
      .catch((error: unknown) => {
        this.lastError = error;
      });
    return this.draining;
  }
}
