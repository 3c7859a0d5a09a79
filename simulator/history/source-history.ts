import { createHash } from 'node:crypto';
import { canonicalJson } from '../../infra/canonical-json.ts';
import { canonicalBody, relativeTimes } from './canonical-time.ts';

/** One fault that hit a message, as the fault stage journaled it. */
export interface MessageFault {
  readonly ruleId: string;
  readonly effect: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** One message a source emitted, before its faults: which channel, where, and its place in its key's order. */
export interface EmittedMessage {
  readonly target: string;
  readonly topic: string;
  readonly key: string;
  /** 1 for the key's first message on the topic, 2 for the next, … */
  readonly position: number;
  readonly body: string;
}

/** What the history keeps of a message to explain a failed verdict: no body, its faults. */
export interface MessageSummary {
  readonly topic: string;
  readonly position: number;
  /** Clock ms since the origin at which it was emitted. */
  readonly at: number;
  readonly faults: readonly string[];
}

/** Messages kept per key for explanations: enough to show what happened to one client. */
const SUMMARIES_PER_KEY = 30;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The canonical history of everything the sources emitted: every message in per-topic, per-key
 * order with the faults that hit it, and every action a fault rule fired (grey edits,
 * avalanches) with what it did. Its digest is the same for two runs that told the same story,
 * whatever the bus, the machine or the timing of the system under test: it is kept as one hash
 * chain per (topic, key), so neither memory nor the digest depends on how keys interleave.
 */
export class SourceHistory {
  private origin: number;
  /** Hash chains by `<system>\0<topic>\0<key>`, and the actions' chain by `<system>`. */
  private readonly chains = new Map<string, string>();
  private readonly actionChains = new Map<string, string>();
  private readonly summaries = new Map<string, MessageSummary[]>();
  private readonly counts = new Map<string, { messages: number; faults: number; actions: number }>();

  constructor(origin: number) {
    this.origin = origin;
  }

  /** Times count from here on (the start of traffic); messages before it count from the engine's start. */
  startAt(origin: number): void {
    this.origin = origin;
  }

  message(message: EmittedMessage, at: number, faults: readonly MessageFault[]): void {
    const system = systemOf(message.target);
    const chainKey = `${system}\u0000${message.topic}\u0000${message.key}`;
    const entry = canonicalJson({
      target: message.target,
      position: message.position,
      body: canonicalBody(message.body, this.origin),
      faults: faults.map((f) => ({ ...f, detail: relativeTimes(f.detail, this.origin) })),
    });
    this.chains.set(chainKey, sha256(`${this.chains.get(chainKey) ?? ''}${entry}`));
    const counts = this.countsOf(system);
    counts.messages += 1;
    counts.faults += faults.length;
    const summaries = this.summaries.get(message.key) ?? [];
    if (summaries.length < SUMMARIES_PER_KEY) {
      summaries.push({
        topic: message.topic,
        position: message.position,
        at: at - this.origin,
        faults: faults.map((f) => f.effect),
      });
      this.summaries.set(message.key, summaries);
    }
  }

  action(target: string, ruleId: string, effect: string, at: number, outcome: unknown): void {
    const system = systemOf(target);
    const entry = canonicalJson({
      ruleId,
      effect,
      at: at - this.origin,
      outcome: relativeTimes(outcome, this.origin),
    });
    this.actionChains.set(system, sha256(`${this.actionChains.get(system) ?? ''}${entry}`));
    this.countsOf(system).actions += 1;
  }

  /** The messages of `key` (a client, an account's organisation, a record id), first ones first. */
  messagesOf(key: string): readonly MessageSummary[] {
    return this.summaries.get(key) ?? [];
  }

  /** What `systems` (`abs`, `crm`, `mdm`; default all) emitted and suffered, counted. */
  size(systems: readonly string[] = SYSTEMS) {
    const total = { messages: 0, faults: 0, actions: 0 };
    for (const system of systems) {
      const counts = this.countsOf(system);
      total.messages += counts.messages;
      total.faults += counts.faults;
      total.actions += counts.actions;
    }
    return total;
  }

  /** SHA-256 over the chains of `systems` in key order and their actions in the order they fired. */
  digest(systems: readonly string[] = SYSTEMS): string {
    const lines = [...this.chains.keys()]
      .filter((key) => systems.includes(key.slice(0, key.indexOf('\u0000'))))
      .sort()
      .map((key) => `${key}\u0000${this.chains.get(key)}`);
    const actions = systems.map(
      (system) => `actions\u0000${system}\u0000${this.actionChains.get(system) ?? ''}`,
    );
    return sha256([...lines, ...actions].join('\n'));
  }

  private countsOf(system: string) {
    const counts = this.counts.get(system) ?? { messages: 0, faults: 0, actions: 0 };
    this.counts.set(system, counts);
    return counts;
  }
}

/** The source systems, as the first part of a fault target (`crm.mq` → `crm`). */
export const SYSTEMS: readonly string[] = ['abs', 'crm', 'mdm'];
const systemOf = (target: string) => target.slice(0, target.indexOf('.'));
