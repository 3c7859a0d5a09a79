import type { SequencedMessage } from '../../contracts/feeds/sequenced-message.ts';
import type { EventBus, OutgoingMessage } from '../../infra/event-bus.ts';
import { type HeldMessagePump, type MessageFaultStage, startHeldMessagePump } from '../faults/index.ts';

/** What was emitted for one entity: the source's reference log that sampled validation compares against. */
export interface ReferenceEntry {
  readonly lastSequence: number;
  readonly lastEmittedAt: string;
  /** The last message emitted for the entity, whether or not it reached the bus. */
  readonly lastMessage: SequencedMessage<unknown>;
}

type Envelope = OutgoingMessage & { value: string };

export interface SequencedFeedOptions {
  readonly source: 'crm' | 'mdm';
  readonly topic: string;
  readonly bus: EventBus;
  /** The fault engine's stage for this feed's channel (`crm.mq`, `mdm.mq`). */
  readonly stage: MessageFaultStage<Envelope>;
}

/**
 * An MQ feed with per-entity sequence numbers: each message about an entity gets the next number
 * for that entity, passes the fault stage at once (so a message lost "before numbering" gives its
 * number back, one lost after leaves a gap), is recorded in the reference log, and is published in
 * order keyed by `partitionKey` (the client), so one client's changes stay in order on the bus.
 * While the channel is down, messages queue at the source.
 */
export class SequencedFeed {
  private readonly options: SequencedFeedOptions;
  private readonly reference = new Map<string, ReferenceEntry>();
  private readonly queue: Envelope[] = [];
  private readonly pump: HeldMessagePump;
  private draining: Promise<void> = Promise.resolve();
  lastError: unknown;

  constructor(options: SequencedFeedOptions) {
    this.options = options;
    this.pump = startHeldMessagePump(
      options.stage,
      (topic, messages) => options.bus.publish(topic, messages),
      {
        onError: (error) => {
          this.lastError = error;
        },
      },
    );
  }

  emit<T>(
    entity: string,
    id: string,
    operation: SequencedMessage<T>['operation'],
    state: T | null,
    partitionKey: string,
  ): SequencedMessage<T> {
    const { source, topic, stage } = this.options;
    const ref = `${entity}:${id}`;
    const sequence = (this.reference.get(ref)?.lastSequence ?? 0) + 1;
    const emittedAt = new Date(stage.now()).toISOString();
    const message: SequencedMessage<T> = { source, entity, id, sequence, operation, state, emittedAt };
    const staged = stage.process(topic, [
      {
        key: partitionKey,
        value: JSON.stringify(message),
        headers: { 'content-type': 'application/json', 'x-source': source },
      },
    ]);
    if (staged.dropped[0]?.consumeNumber === false) return message;
    this.reference.set(ref, { lastSequence: sequence, lastEmittedAt: emittedAt, lastMessage: message });
    this.queue.push(...staged.publish);
    void this.drain();
    return message;
  }

  referenceOf(entity: string, id: string): ReferenceEntry | undefined {
    return this.reference.get(`${entity}:${id}`);
  }

  get backlog(): number {
    return this.queue.length;
  }

  drain(): Promise<void> {
    this.draining = this.draining
      .then(async () => {
        while (this.queue.length > 0 && !this.options.stage.isDown()) {
          const batch = this.queue.slice(0, 500);
          await this.options.bus.publish(this.options.topic, batch);
          this.queue.splice(0, batch.length);
        }
      })
      // A failed publish leaves the batch queued; the next emit or drain retries it.
      .catch((error: unknown) => {
        this.lastError = error;
      });
    return this.draining;
  }

  async stop(): Promise<void> {
    await this.pump.stop();
  }
}
