import type { Clock } from '../../infra/clock.ts';
import type { SourcePolicy } from '../resilience/source-policy.ts';

export type SourceState = 'up' | 'degraded' | 'down';

/** What the read API says of one source beside the data it gave. */
export interface SourceStatus {
  readonly name: string;
  readonly state: SourceState;
  /** When the source entered `state`, ISO, on the service's clock. */
  readonly since: string;
}

/**
 * Per source (`abs`, `crm`, `mdm`, `crm-writer`): when this instance last heard from it and how it
 * is doing, so the read API can tell "source down" from "quiet account".
 *
 * Kept in memory per instance, not in a table: the breakers are per instance already, every
 * instance runs its own ABS probe and consumes its share of the feeds, so each one's view is at
 * most a probe interval (or a batch) behind the others', and no write per source call is paid. A
 * restarted instance starts with "never heard" and so answers with the cached rows' own `asOf`.
 */
export interface SourceFreshness {
  /** `policy` with every successful call counted as heard and its breaker followed for `state`. */
  watch(source: string, policy: SourcePolicy): SourcePolicy;
  /** A feed batch of `topic` (source = the part before the first dot) applied up to `sourceTime`, ms. */
  fed(topic: string, sourceTime: number, lagAlarmed: boolean): void;
  /** The latest moment the cache knew the source's data current, given a row's own stamp. */
  asOf(source: string, rowAsOf: Date): Date;
  status(source: string): SourceStatus;
}

interface Tracked {
  policy?: SourcePolicy;
  /** Last successful call (pull, point fetch, probe), ms. */
  calledAt: number;
  /** Source time up to which the feed is applied, ms. */
  fedAt: number;
  laggingTopics: Set<string>;
  state: SourceState;
  since: number;
}

export function createSourceFreshness(clock: Clock): SourceFreshness {
  const sources = new Map<string, Tracked>();
  const tracked = (source: string): Tracked => {
    let entry = sources.get(source);
    if (!entry) {
      entry = { calledAt: 0, fedAt: 0, laggingTopics: new Set(), state: 'up', since: clock.now() };
      sources.set(source, entry);
    }
    return entry;
  };
  // State changes are sampled after each call and feed batch (where breakers move) and at each read.
  const sample = (entry: Tracked): void => {
    const breaker = entry.policy?.state ?? 'closed';
    // Half-open is an open breaker trying one call: still down until that call succeeds, so the
    // DBO's "down since" does not restart at every trial.
    const state: SourceState =
      breaker !== 'closed' ? 'down' : entry.laggingTopics.size > 0 ? 'degraded' : 'up';
    if (state !== entry.state) {
      entry.state = state;
      entry.since = clock.now();
    }
  };

  return {
    watch(source, policy) {
      const entry = tracked(source);
      entry.policy = policy;
      return {
        async execute(call) {
          try {
            const result = await policy.execute(call);
            entry.calledAt = clock.now();
            return result;
          } finally {
            sample(entry);
          }
        },
        get state() {
          return policy.state;
        },
      };
    },
    fed(topic, sourceTime, lagAlarmed) {
      const entry = tracked(topic.split('.')[0] as string);
      // A source clock ahead of ours must not make the cache claim the future.
      entry.fedAt = Math.max(entry.fedAt, Math.min(sourceTime, clock.now()));
      if (lagAlarmed) entry.laggingTopics.add(topic);
      else entry.laggingTopics.delete(topic);
      sample(entry);
    },
    asOf(source, rowAsOf) {
      const entry = tracked(source);
      sample(entry);
      // While the feed lags past the alarm a successful call says the source is up, not that the
      // cache has caught up with it: only what was applied counts then.
      const called = entry.laggingTopics.size > 0 ? 0 : entry.calledAt;
      return new Date(Math.max(rowAsOf.getTime(), entry.fedAt, called));
    },
    status(source) {
      const entry = tracked(source);
      sample(entry);
      return { name: source, state: entry.state, since: new Date(entry.since).toISOString() };
    },
  };
}
