import { randomUUID } from 'node:crypto';
import { SIGNATURE_HEADER, signatureHeader } from '../../contracts/webhooks/webhook-signature.ts';
import type { Clock } from '../../infra/clock.ts';

export interface WebhookSenderOptions {
  readonly url: string;
  readonly secret: string;
  readonly clock: Clock;
  /** Attempts per delivery before it is given up (and journaled as such). Default 8. */
  readonly maxAttempts?: number;
  /** First retry delay; doubles each attempt up to `maxDelayMs`, with jitter. Defaults 500 ms and 60 s. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Seeded randomness for the jitter, so a scenario replays the same delays. */
  readonly random: () => number;
  /** Per-request timeout. Default 10 s. */
  readonly timeoutMs?: number;
}

export interface WebhookAttempt {
  readonly deliveryId: string;
  readonly eventType: string;
  readonly attempt: number;
  /** HTTP status, or 0 when the receiver did not answer. */
  readonly status: number;
  readonly at: number;
  readonly outcome: 'delivered' | 'retrying' | 'given-up';
}

/**
 * Delivers events to one receiver the way real webhook senders do: signed, retried with
 * exponential backoff and jitter on any non-2xx or network failure, several in flight at once (so
 * receivers see reordering), each delivery with a stable id the receiver can deduplicate on.
 */
export class WebhookSender {
  readonly journal: WebhookAttempt[] = [];
  private readonly options: Required<WebhookSenderOptions>;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(options: WebhookSenderOptions) {
    this.options = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 60_000, timeoutMs: 10_000, ...options };
  }

  /** Queues a delivery and returns its id; `body` is sent byte for byte as given. */
  send(
    eventType: string,
    body: string,
    contentType = 'application/json',
    deliveryId: string = randomUUID(),
  ): string {
    this.attempt({ deliveryId, eventType, body, contentType }, 1);
    return deliveryId;
  }

  /** Resolves when nothing is in flight or waiting for a retry (for tests and scenario ends). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      await Promise.race([...this.inFlight, new Promise((resolve) => setTimeout(resolve, 20))]);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private attempt(delivery: Delivery, attempt: number): void {
    if (this.stopped) return;
    const done = this.post(delivery, attempt).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  private async post(delivery: Delivery, attempt: number): Promise<void> {
    const { url, secret, clock, timeoutMs, maxAttempts } = this.options;
    const status = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': delivery.contentType,
        [SIGNATURE_HEADER]: signatureHeader(secret, delivery.body, Math.floor(clock.now() / 1000)),
        'x-corebridge-delivery': delivery.deliveryId,
        'x-corebridge-event': delivery.eventType,
        'x-corebridge-attempt': String(attempt),
      },
      body: delivery.body,
      signal: AbortSignal.timeout(timeoutMs),
    }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    const delivered = status >= 200 && status < 300;
    const outcome = delivered ? 'delivered' : attempt >= maxAttempts ? 'given-up' : 'retrying';
    this.journal.push({
      deliveryId: delivery.deliveryId,
      eventType: delivery.eventType,
      attempt,
      status,
      at: clock.now(),
      outcome,
    });
    if (outcome === 'retrying') this.retryLater(delivery, attempt + 1);
  }

  private retryLater(delivery: Delivery, attempt: number): void {
    const { baseDelayMs, maxDelayMs, random } = this.options;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 2));
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.attempt(delivery, attempt);
      },
      ceiling / 2 + random() * (ceiling / 2),
    );
    this.timers.add(timer);
  }
}

interface Delivery {
  readonly deliveryId: string;
  readonly eventType: string;
  readonly body: string;
  readonly contentType: string;
}
