import {
  ABS_BALANCES_TOPIC,
  ABS_POSTINGS_TOPIC,
  type AbsBalanceEvent,
  type AbsPostingEvent,
} from '../../contracts/abs/abs-schemas.ts';
import type { EventBus } from '../../infra/event-bus.ts';

/** Events published per request: a drained backlog goes out in few round trips. */
const PUBLISH_BATCH = 500;
/** Headers on every ABS event, as a consumer's pact expects them. */
export const ABS_EVENT_HEADERS = { 'content-type': 'application/json', 'x-source': 'abs' };

/**
 * The ABS's outgoing events. Booked postings queue at the source and are published in booking
 * order; while the ABS is down the queue only grows, and it drains when the ABS is back.
 */
export class AbsEventFeed {
  private readonly queue: AbsPostingEvent[] = [];
  private draining: Promise<void> = Promise.resolve();
  private published = 0;
  lastError: unknown;

  private readonly bus: EventBus;
  private readonly isDown: () => boolean;

  constructor(bus: EventBus, isDown: () => boolean) {
    this.bus = bus;
    this.isDown = isDown;
  }

  emit(event: AbsPostingEvent): void {
    this.queue.push(event);
    this.drain();
  }

  get backlog(): number {
    return this.queue.length;
  }

  get publishedCount(): number {
    return this.published;
  }

  /** Starts (or joins) publishing the queue; resolves when it is empty or the ABS went down. */
  drain(): Promise<void> {
    this.draining = this.draining.then(async () => {
      while (this.queue.length > 0 && !this.isDown()) {
        const batch = this.queue.slice(0, PUBLISH_BATCH);
        await this.bus.publish(
          ABS_POSTINGS_TOPIC,
          batch.map((event) => ({
            key: event.organisationId,
            value: JSON.stringify(event),
            headers: ABS_EVENT_HEADERS,
          })),
        );
        await this.bus.publish(
          ABS_BALANCES_TOPIC,
          batch.map((event) => ({
            key: event.organisationId,
            value: JSON.stringify(balanceOf(event)),
            headers: ABS_EVENT_HEADERS,
          })),
        );
        this.queue.splice(0, batch.length);
        this.published += batch.length;
      }
    });
    // A failed publish leaves the event at the head of the queue; the next emit or drain retries it.
    this.draining = this.draining.catch((error: unknown) => {
      this.lastError = error;
    });
    return this.draining;
  }
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
