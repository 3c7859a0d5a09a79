import {
  ABS_BALANCES_TOPIC,
  ABS_POSTINGS_TOPIC,
  type AbsBalanceEvent,
  type AbsPostingEvent,
} from '../../contracts/abs/abs-schemas.ts';
import type { EventBus, OutgoingMessage } from '../../infra/event-bus.ts';
import { type HeldMessagePump, type MessageFaultStage, startHeldMessagePump } from '../faults/index.ts';

/** Events published per request: a drained backlog goes out in few round trips. */
const PUBLISH_BATCH = 500;
/** Headers on every ABS event, as a consumer's pact expects them. */
export const ABS_EVENT_HEADERS = { 'content-type': 'application/json', 'x-source': 'abs' };

type Envelope = OutgoingMessage & { value: string; at?: number };

/**
 * The ABS's outgoing events. Booked postings queue at the source and are published in booking
 * order, each followed by the account's new balance. While the fault engine has the ABS's event
 * channel down the queue only grows, and it drains when the channel is back; on the way out every
 * batch passes the fault stage (lost, duplicated, reordered, delayed, corrupted messages).
 */
export class AbsEventFeed {
  private readonly queue: AbsPostingEvent[] = [];
  private draining: Promise<void> = Promise.resolve();
  private published = 0;
  private readonly bus: EventBus;
  private readonly stage: MessageFaultStage<Envelope>;
  private readonly pump: HeldMessagePump;
  lastError: unknown;

  constructor(bus: EventBus, stage: MessageFaultStage<Envelope>) {
    this.bus = bus;
    this.stage = stage;
    this.pump = startHeldMessagePump(stage, (topic, messages) => bus.publish(topic, messages), {
      onError: (error) => {
        this.lastError = error;
      },
    });
  }

  emit(event: AbsPostingEvent): void {
    this.queue.push(event);
    void this.drain();
  }

  get backlog(): number {
    return this.queue.length;
  }

  get publishedCount(): number {
    return this.published;
  }

  /** Starts (or joins) publishing the queue; resolves when it is empty or the channel went down. */
  drain(): Promise<void> {
    this.draining = this.draining
      .then(async () => {
        while (this.queue.length > 0 && !this.stage.isDown()) {
          const batch = this.queue.slice(0, PUBLISH_BATCH);
          await this.publish(ABS_POSTINGS_TOPIC, batch.map(envelope));
          await this.publish(
            ABS_BALANCES_TOPIC,
            batch.map((posting) => envelope(balanceOf(posting))),
          );
          this.queue.splice(0, batch.length);
          this.published += batch.length;
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

  private async publish(topic: string, messages: Envelope[]): Promise<void> {
    const staged = this.stage.process(topic, messages);
    if (staged.publish.length > 0) await this.bus.publish(topic, staged.publish);
  }
}

/** Keyed by organisation; faults judge it by its booking time, however long it queued at the source. */
function envelope(event: AbsPostingEvent | AbsBalanceEvent): Envelope {
  const at = Date.parse('bookedAt' in event ? event.bookedAt : event.asOf);
  return { key: event.organisationId, value: JSON.stringify(event), headers: ABS_EVENT_HEADERS, at };
}

function balanceOf(posting: AbsPostingEvent): AbsBalanceEvent {
  return {
    accountId: posting.accountId,
    organisationId: posting.organisationId,
    balanceMinor: posting.balanceAfterMinor,
    sequence: posting.sequence,
    asOf: posting.bookedAt,
  };
}
