import { setTimeout as realSleep } from 'node:timers/promises';
import type { Clock } from '../../infra/clock.ts';
import { SourceHistory } from '../history/source-history.ts';
import { type ActionHandler, ActionHandlers } from './action-handlers.ts';
import { type ActionEffectType, type FaultEffectType, isActionEffect } from './fault-effect-schema.ts';
import { FaultJournal, type JournalEntryKind } from './fault-journal.ts';
import { FaultRuleError, parseFaultRule } from './fault-rule-error.ts';
import { type DecisionContext, ruleMatches } from './rule-match.ts';
import { type ActiveFaultRule, RuleRuntime } from './rule-runtime.ts';
import { decisionRandom, type Random } from './seeded-random.ts';

export interface FaultEngineOptions {
  readonly seed: number;
  readonly clock: Clock;
  /** Clock time windows count from. Default: `clock.now()` at creation. */
  readonly start?: number;
  /**
   * Waits of latency effects, in real time. Default: real milliseconds. A scenario on a compressed
   * clock passes `(ms) => sleep(ms / speed)` so a 2 s ABS stall stays 2 s of scenario time.
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Real ms between checks for window edges, so actions fire and `rule-on`/`rule-off` are journaled
   * without traffic. Default 50; 0 turns it off (tests call `tick()`).
   */
  readonly pollMs?: number;
  /**
   * Entries the journal holds; older ones fall out, counts and digest stay exact. Default
   * `DEFAULT_JOURNAL_CAPACITY` (100 000): every entry of a scenario run, flat memory under load.
   */
  readonly journalCapacity?: number;
}

/** One rule that applies to one request or message, with the randomness of that decision. */
export interface FaultDecision {
  readonly rule: ActiveFaultRule;
  readonly random: Random;
  /** Journals the injection; `detail` says what was hit and what was drawn. */
  record(detail: Readonly<Record<string, unknown>>): void;
  /** Counts an outcome without journaling it (what a standing rule let through), e.g. `admitted`. */
  count(outcome: string): void;
}

export interface FaultEngine {
  readonly seed: number;
  readonly clock: Clock;
  readonly start: number;
  readonly journal: FaultJournal;
  /** Every message the sources emitted and every action fired, canonical: the run's story and its digest. */
  readonly history: SourceHistory;
  readonly sleep: (ms: number) => Promise<void>;
  /** Validates and adds a rule; throws FaultRuleError (invalid, or duplicate id). */
  add(input: unknown): ActiveFaultRule;
  remove(id: string): boolean;
  list(): readonly ActiveFaultRule[];
  clear(): void;
  onAction<T extends ActionEffectType>(type: T, handler: ActionHandler<T>): () => void;
  /** Notices window edges up to now: journals them and fires actions. */
  tick(): void;
  /** For effect adapters: the rules of `types` that apply to this request or message, in rule order. */
  decide(target: string, context: DecisionContext, types: ReadonlySet<FaultEffectType>): FaultDecision[];
  /** Whether an outage or maintenance rule holds `target`'s outgoing messages right now. */
  isDown(target: string): boolean;
  /** Sum of the clock-skew rules on `target` right now, ms. */
  skewMs(target: string): number;
  stop(): void;
  [Symbol.dispose](): void;
}

/**
 * The fault engine: rules, their windows, seeded decisions and the journal. Every decision draws
 * from its own generator seeded by (seed, rule id, the identity of the request or message), and a
 * rule applies by the clock time the traffic belongs to, so the same seed, rules and traffic give
 * the same faults whatever else arrived first and whatever the wall clock does.
 */
export function createFaultEngine(options: FaultEngineOptions): FaultEngine {
  const { seed, clock } = options;
  const start = options.start ?? clock.now();
  const journal = new FaultJournal(options.journalCapacity);
  const history = new SourceHistory(start);
  const actions = new ActionHandlers();
  const runtimes: RuleRuntime[] = [];
  let nextId = 1;

  const entry = (
    rule: ActiveFaultRule,
    at: number,
    kind: JournalEntryKind,
    detail: Record<string, unknown>,
  ) => journal.append({ at, ruleId: rule.id, target: rule.target, effect: rule.effect.type, kind, detail });

  const switchOn = (runtime: RuleRuntime, at: number) => {
    const { rule } = runtime;
    const random = activationRandom(rule);
    entry(
      rule,
      at,
      'rule-on',
      rule.probability === undefined ? {} : { activationPassed: runtime.activationPassed },
    );
    if (!isActionEffect(rule.effect) || !runtime.activationPassed) return;
    const context = { rule, target: rule.target, effect: rule.effect, at, random };
    actions.fire(context, (result) => {
      const outcomes = result.outcomes.filter((o) => o !== undefined);
      history.action(rule.target, rule.id, rule.effect.type, at, outcomes);
      entry(rule, at, 'action', {
        handlers: result.handlers,
        outcomes,
        ...(result.errors.length > 0 ? { errors: result.errors } : {}),
      });
    });
  };

  const tick = () => {
    const now = clock.now();
    for (const runtime of runtimes) {
      for (const { change, at } of runtime.observe(now)) {
        if (change === 'on') switchOn(runtime, at);
        else entry(runtime.rule, at, 'rule-off', {});
      }
    }
  };

  const activationRandom = (rule: ActiveFaultRule) => decisionRandom(seed, `${rule.id}#activation`, 0);

  const removeRuntime = (runtime: RuleRuntime) => {
    runtimes.splice(runtimes.indexOf(runtime), 1);
    runtime.removed = true;
    if (runtime.state === 'on') entry(runtime.rule, clock.now(), 'rule-off', { removed: true });
  };

  const timer = options.pollMs === 0 ? undefined : setInterval(tick, options.pollMs ?? 50);
  timer?.unref();

  const engine: FaultEngine = {
    seed,
    clock,
    start,
    journal,
    history,
    sleep: options.sleep ?? ((ms) => realSleep(ms)),
    add(input) {
      const parsed = parseFaultRule(input);
      if (!parsed.ok) throw parsed.error;
      const id = parsed.rule.id ?? freshId();
      if (runtimes.some((r) => r.rule.id === id)) {
        throw new FaultRuleError(
          'duplicate-id',
          [`id: a rule ${id} exists`],
          'Remove it first or pick another id',
        );
      }
      const rule: ActiveFaultRule = Object.freeze({ ...parsed.rule, id });
      const passed = rule.probability === undefined || activationRandom(rule)() < rule.probability;
      runtimes.push(new RuleRuntime(rule, clock.now(), start, passed));
      tick();
      return rule;
    },
    remove(id) {
      const runtime = runtimes.find((r) => r.rule.id === id);
      if (runtime) removeRuntime(runtime);
      return runtime !== undefined;
    },
    list: () => runtimes.map((r) => r.rule),
    clear() {
      for (const runtime of [...runtimes]) removeRuntime(runtime);
    },
    onAction: (type, handler) => actions.on(type, handler),
    tick,
    decide(target, context, types) {
      tick();
      const at = context.at ?? clock.now();
      const decisions: FaultDecision[] = [];
      for (const runtime of runtimes) {
        const { rule } = runtime;
        if (!runtime.appliesAt(at) || rule.target !== target || !types.has(rule.effect.type)) continue;
        if (!ruleMatches(rule.match, context)) continue;
        const random = decisionRandom(seed, `${rule.id}\u0000${context.identity}`, 0);
        if (rule.probability !== undefined && random() >= rule.probability) continue;
        decisions.push({
          rule,
          random,
          record: (detail) => entry(rule, clock.now(), 'injected', detail),
          count: (outcome) => journal.count(rule.id, outcome),
        });
      }
      return decisions;
    },
    isDown(target) {
      tick();
      return runtimes.some(
        (r) =>
          r.state === 'on' &&
          r.activationPassed &&
          r.rule.target === target &&
          (r.rule.effect.type === 'outage' || r.rule.effect.type === 'maintenance'),
      );
    },
    skewMs(target) {
      tick();
      let skew = 0;
      for (const r of runtimes) {
        if (
          r.state === 'on' &&
          r.activationPassed &&
          r.rule.target === target &&
          r.rule.effect.type === 'clock-skew'
        ) {
          skew += r.rule.effect.ms;
        }
      }
      return skew;
    },
    stop() {
      if (timer) clearInterval(timer);
    },
    [Symbol.dispose]() {
      engine.stop();
    },
  };

  function freshId(): string {
    while (runtimes.some((r) => r.rule.id === `rule-${nextId}`)) nextId++;
    return `rule-${nextId++}`;
  }

  return engine;
}
