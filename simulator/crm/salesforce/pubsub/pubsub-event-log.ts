import { createHash } from 'node:crypto';
import type { Clock } from '../../../../infra/clock.ts';
import { FIRST_REPLAY_ID, nextReplayId } from './replay-ids.ts';

/** Salesforce keeps change events for 72 hours; replaying from further back fails. */
export const DEFAULT_RETENTION_MS = 72 * 60 * 60 * 1000;
/** Memory bound for long load runs; the oldest events go first, as if past retention. */
export const DEFAULT_MAX_EVENTS = 100_000;

export interface StoredEvent {
  /** Position in this log, 0 up, contiguous: the server's own cursor, never sent. */
  readonly sequence: number;
  readonly replayId: bigint;
  /** Clock time the event went on the bus; retention counts from here. */
  readonly storedAt: number;
  /** The event's UUID (`ProducerEvent.id`). */
  readonly id: string;
  /** The object's channel, e.g. `/data/AccountChangeEvent`. */
  readonly topic: string;
  readonly schemaId: string;
  readonly payload: Buffer;
}

export interface PubSubEventLogOptions {
  /** The simulator's clock (scenario time): retention passes when QA moves it on. */
  readonly clock: Clock;
  /** Default 72 h, Salesforce's retention for change events. */
  readonly retentionMs?: number;
  /** Default 100 000 events; past it the oldest are purged early to bound memory. */
  readonly maxEvents?: number;
}

/** Where a stored replay id puts a new subscription: the next sequence, or why it cannot. */
export type ReplayPosition = { readonly next: number } | { readonly refused: 'expired' | 'unknown' };

function uuidOf(replayId: bigint): string {
  const hex = createHash('sha256').update(`event:${replayId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The org's change-event stream as the Pub/Sub API serves it: Avro-encoded events, each with a
 * replay id, kept for the retention window of clock time.
 */
export class PubSubEventLog {
  private readonly clock: Clock;
  private readonly retentionMs: number;
  private readonly maxEvents: number;
  /** Retained events are `events[head…]`; the array is compacted now and then, not on every purge. */
  private events: StoredEvent[] = [];
  private head = 0;
  private nextSequence = 0;
  private latest = FIRST_REPLAY_ID;
  private purged = false;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(options: PubSubEventLogOptions) {
    this.clock = options.clock;
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  }

  /** The replay id of the newest event, or of the empty stream's start. */
  get latestReplayId(): bigint {
    return this.latest;
  }

  /** The sequence the next event will get: where a LATEST subscription starts. */
  get end(): number {
    return this.nextSequence;
  }

  /** The oldest retained sequence: where an EARLIEST subscription starts. */
  get start(): number {
    this.purge();
    return this.events[this.head]?.sequence ?? this.nextSequence;
  }

  /** Stores an encoded event and wakes the subscribers. */
  append(encoded: Pick<StoredEvent, 'topic' | 'schemaId' | 'payload'>): StoredEvent {
    const sequence = this.nextSequence++;
    this.latest = nextReplayId(this.latest, sequence);
    const event: StoredEvent = {
      sequence,
      replayId: this.latest,
      storedAt: this.clock.now(),
      id: uuidOf(this.latest),
      topic: encoded.topic,
      schemaId: encoded.schemaId,
      payload: encoded.payload,
    };
    this.events.push(event);
    this.purge();
    for (const listener of this.listeners) listener();
    return event;
  }

  /** Where a subscription from `replayId` (CUSTOM) resumes: just after that event. */
  positionAfter(replayId: bigint): ReplayPosition {
    this.purge();
    if (replayId === FIRST_REPLAY_ID && !this.purged) return { next: 0 };
    const found = this.indexOf(replayId);
    if (found !== undefined) return { next: (this.events[found] as StoredEvent).sequence + 1 };
    const oldest = this.events[this.head]?.replayId ?? this.latest + 1n;
    return { refused: replayId < oldest && replayId >= FIRST_REPLAY_ID ? 'expired' : 'unknown' };
  }

  /** Up to `limit` retained events from sequence `from` that `accept` takes; `next` is where to go on. */
  read(
    from: number,
    limit: number,
    accept: (event: StoredEvent) => boolean,
  ): { events: StoredEvent[]; next: number; lastReplayId: bigint | undefined } {
    this.purge();
    const first = this.events[this.head]?.sequence ?? this.nextSequence;
    const events: StoredEvent[] = [];
    let index = this.head + Math.max(0, from - first);
    let lastReplayId: bigint | undefined;
    for (; index < this.events.length && events.length < limit; index++) {
      const event = this.events[index] as StoredEvent;
      lastReplayId = event.replayId;
      if (accept(event)) events.push(event);
    }
    return { events, next: first + index - this.head, lastReplayId };
  }

  /** Calls `listener` after each append; returns the unsubscribe. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Ends the stream (simulator reset or stop): subscribers are told through their listener. */
  close(): void {
    this.closed = true;
    for (const listener of this.listeners) listener();
    this.listeners.clear();
  }

  private indexOf(replayId: bigint): number | undefined {
    let low = this.head;
    let high = this.events.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const id = (this.events[middle] as StoredEvent).replayId;
      if (id === replayId) return middle;
      if (id < replayId) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  private purge(): void {
    const horizon = this.clock.now() - this.retentionMs;
    const before = this.head;
    this.head = Math.max(this.head, this.events.length - this.maxEvents);
    while (this.head < this.events.length && (this.events[this.head] as StoredEvent).storedAt < horizon)
      this.head++;
    if (this.head === before) return;
    this.purged = true;
    if (this.head >= 4096 && this.head * 2 >= this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }
}
