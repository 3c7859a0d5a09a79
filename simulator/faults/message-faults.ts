import type { Headers } from '../../infra/event-bus.ts';
import type { MessageFault } from '../history/source-history.ts';
import { trafficEffectsOf } from './fault-effect-schema.ts';
import type { FaultDecision, FaultEngine } from './fault-engine.ts';
import { HeldMessages, type ReleasedMessage } from './held-messages.ts';
import { mutateValue } from './message-mutation.ts';

/** What a feed hands the stage: the bus's OutgoingMessage, a webhook delivery, anything with a key and a body. */
export interface FaultEnvelope {
  readonly key: string;
  readonly value: Buffer | string;
  readonly headers?: Headers;
  /** Clock time the message belongs to, when it is published later than emitted (a queued feed). Default: now. */
  readonly at?: number;
}

export interface DroppedMessage<M> {
  /** Position in the batch given to `process`. */
  readonly index: number;
  readonly message: M;
  /** false: the feed must give the message's sequence number back, the entity's next message reuses it. */
  readonly consumeNumber: boolean;
}

export interface StagedBatch<M> {
  /** Publish these now, in this order (duplicates and filled reorder windows included). */
  readonly publish: M[];
  readonly dropped: DroppedMessage<M>[];
  /** Messages the stage holds after this batch (delay, reorder): `takeDue()` hands them out later. */
  readonly pending: number;
}

export interface MessageFaultStage<M extends FaultEnvelope> {
  readonly target: string;
  process(topic: string, batch: readonly M[]): StagedBatch<M>;
  /** Held messages whose clock time has come, in release order. Call it from the feed's drain loop or a pump. */
  takeDue(): ReleasedMessage<M>[];
  /** Clock time of the next release, to sleep until. */
  nextDueAt(): number | undefined;
  readonly pending: number;
  /** Whether an outage or maintenance rule holds the feed now: publish nothing, keep the queue. */
  isDown(): boolean;
  /** The source's clock as skewed by its clock-skew rules: stamp `emittedAt` with it. */
  now(): number;
}

// Outage and maintenance hold a whole feed through isDown(); they are not per-message decisions.
const MESSAGE_EFFECTS = new Set(
  [...trafficEffectsOf('message')].filter((t) => t !== 'outage' && t !== 'maintenance'),
);

/**
 * The message side of the fault engine, one stage per target (`abs.events`, `crm.mq`, …), called
 * by the feed on what it is about to publish.
 *
 * Feeds with per-entity sequence numbers run each message through `process` right after numbering
 * it, as a batch of one, before queueing it. A message in `dropped` with `consumeNumber: false`
 * gives its number back (the entity's counter and reference log go back by one), so the next
 * message of that entity carries the same number and the consumer cannot see the loss. With
 * `consumeNumber: true` the number stays used and the consumer sees N, N+2. Processing whole
 * numbered batches instead would need the later messages of the same entity renumbered.
 */
export function messageFaults<M extends FaultEnvelope>(
  engine: FaultEngine,
  target: string,
): MessageFaultStage<M> {
  const hold = new HeldMessages<M>();
  const positions = new Map<string, number>();

  /** Decides the message's faults by its identity and records it, with them, in the source history. */
  const decideAndRecord = (topic: string, message: M, run: (decisions: FaultDecision[]) => void) => {
    const slot = `${topic}\u0000${message.key}`;
    const position = (positions.get(slot) ?? 0) + 1;
    positions.set(slot, position);
    const at = message.at ?? engine.clock.now();
    const identity = `${topic}\u0000${message.key}\u0000${position}`;
    const faults: MessageFault[] = [];
    const decisions = engine.decide(target, { topic, key: message.key, identity, at }, MESSAGE_EFFECTS).map(
      (decision): FaultDecision => ({
        ...decision,
        record(detail) {
          faults.push({ ruleId: decision.rule.id, effect: decision.rule.effect.type, detail });
          decision.record(detail);
        },
      }),
    );
    run(decisions);
    const body = typeof message.value === 'string' ? message.value : message.value.toString('utf8');
    engine.history.message({ target, topic, key: message.key, position, body }, at, faults);
  };

  const processOne = (
    topic: string,
    original: M,
    index: number,
    out: { publish: M[]; dropped: DroppedMessage<M>[] },
    decisions: FaultDecision[],
  ): void => {
    const where = { topic, key: original.key };
    const gap = decisions.find((d) => d.rule.effect.type === 'sequence-gap');
    if (gap?.rule.effect.type === 'sequence-gap') {
      gap.record({ ...where, consumeNumber: gap.rule.effect.consumeNumber });
      out.dropped.push({ index, message: original, consumeNumber: gap.rule.effect.consumeNumber });
      return;
    }
    const now = engine.clock.now();
    let message = original;
    const later: Array<{ message: M; at: number }> = [];
    let copies = 0;
    let holdUntil: number | undefined;
    let reorder:
      | { decision: FaultDecision; withinMessages?: number; withinMs?: number; maxHoldMs: number }
      | undefined;
    for (const decision of decisions) {
      const { effect } = decision.rule;
      const mutated = mutateValue(message.value, decision, where);
      if (mutated) {
        message = { ...message, value: mutated };
      } else if (effect.type === 'duplicate') {
        if (effect.delayMs === 0) copies += effect.copies;
        for (let i = 0; effect.delayMs > 0 && i < effect.copies; i++)
          later.push({ message, at: now + effect.delayMs });
        decision.record({ ...where, copies: effect.copies, delayMs: effect.delayMs });
      } else if (effect.type === 'delay') {
        const ms = Math.round(effect.ms + decision.random() * effect.jitterMs);
        holdUntil = Math.max(holdUntil ?? 0, now + ms);
        decision.record({ ...where, ms });
      } else if (effect.type === 'reorder' && !reorder) {
        reorder = { decision, ...effect };
      }
    }
    const outgoing = Array.from({ length: copies + 1 }, () => message);
    for (const copy of later) hold.hold(topic, copy.message, copy.at);
    if (holdUntil !== undefined) {
      for (const m of outgoing) hold.hold(topic, m, holdUntil);
      return;
    }
    if (!reorder) {
      out.publish.push(...outgoing);
      return;
    }
    const { decision, withinMessages, withinMs, maxHoldMs } = reorder;
    if (withinMs !== undefined) {
      const ms = Math.round(decision.random() * withinMs);
      decision.record({ ...where, holdMs: ms });
      for (const m of outgoing) hold.hold(topic, m, now + ms);
      return;
    }
    decision.record({ ...where, window: withinMessages });
    const windowKey = `${decision.rule.id}\u0000${topic}`;
    for (const m of outgoing) {
      const filled = hold.addToWindow(
        windowKey,
        topic,
        m,
        withinMessages ?? 2,
        now + maxHoldMs,
        decision.random,
      );
      if (filled) out.publish.push(...filled);
    }
  };

  return {
    target,
    process(topic, batch) {
      const out = { publish: [] as M[], dropped: [] as DroppedMessage<M>[] };
      for (const [index, message] of batch.entries())
        decideAndRecord(topic, message, (decisions) => processOne(topic, message, index, out, decisions));
      return { ...out, pending: hold.size };
    },
    takeDue: () => hold.takeDue(engine.clock.now()),
    nextDueAt: () => hold.nextDueAt(),
    get pending() {
      return hold.size;
    },
    isDown: () => engine.isDown(target),
    now: () => engine.clock.now() + engine.skewMs(target),
  };
}
