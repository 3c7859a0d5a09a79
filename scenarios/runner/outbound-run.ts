import type { Clock } from '../../infra/clock.ts';
import { type CrmWritesComparison, compareCrmWrites } from '../checker/compare-crm-writes.ts';
import { watchFlipFlops } from '../checker/flip-flop-watch.ts';
import { bankTraffic } from './bank-traffic.ts';
import { conflictingEdits, type InjectedConflict } from './conflicting-edits.ts';
import { crmApiBurst } from './crm-api-burst.ts';
import type { RunSample } from './run-recorder.ts';
import type { Scenario } from './scenario-schema.ts';
import { metricValue, scrapeMetrics } from './scrape-metrics.ts';
import type { SystemUnderTest } from './start-system.ts';

type Action = NonNullable<Scenario['timeline'][number]['action']>;

export interface OutboundEvidence {
  readonly writes: CrmWritesComparison;
  readonly injected: number;
  readonly flipFlops: number;
  readonly breakerOpened: boolean;
  readonly refusals: number;
  readonly refusalsAfterLearning: number;
  readonly bankChanges: { readonly sent: number; readonly accepted: number; readonly failed: number };
}

/**
 * The bank → CRM side of a run: bank traffic through the sync service's API, the timeline's
 * conflicting edits and quota bursts, and what the CRM writer did. The breaker is read from the
 * run recorder's samples of `/metrics`, so its opening is seen even if it closed before the end.
 */
export function outboundRun(scenario: Scenario, system: SystemUnderTest, clock: Clock) {
  const { sim, sync, databaseUrl } = system;
  const bank = bankTraffic({ syncUrl: sync.url, databaseUrl, seed: scenario.seed, clock });
  const flips = watchFlipFlops(sim.crm.store);
  const injected: InjectedConflict[] = [];
  const pending: Promise<unknown>[] = [];
  let rounds = 0;
  let changes = 0;

  return {
    /** Bank changes due by `seconds` of scenario time. */
    async tick(seconds: number): Promise<void> {
      const due = Math.floor(scenario.traffic.bankChangesPerSecond * seconds) - changes;
      changes += Math.max(0, due);
      await bank.change(due);
    },
    /** Starts an action of the timeline this side owns; false when it is not one of them. */
    act(action: Action): boolean {
      if (action.type === 'conflicting-edits') {
        rounds += 1;
        const round = conflictingEdits({
          sim,
          syncUrl: sync.url,
          databaseUrl,
          clock,
          cards: action.cards,
          round: rounds,
        });
        pending.push(round.then((list) => injected.push(...list)));
        return true;
      }
      if (action.type === 'crm-api-burst') {
        pending.push(crmApiBurst(sim, action.requests));
        return true;
      }
      return false;
    },
    compare: () => compareCrmWrites(sim.crm.store, databaseUrl, injected),
    /** Every bank write confirmed or superseded, nothing left in the outbox. */
    settled: (writes: CrmWritesComparison) =>
      !scenario.sync.crmWriter || (writes.unconfirmed === 0 && writes.outboxBacklog === 0),
    async evidence(writes: CrmWritesComparison, samples: readonly RunSample[]): Promise<OutboundEvidence> {
      await Promise.all(pending);
      const metrics = await scrapeMetrics(sync.url, ['corebridge_crm_quota_refusals']).catch(() => []);
      return {
        writes,
        injected: injected.length,
        flipFlops: flips.flipFlops,
        breakerOpened: samples.some((sample) => sample.crmWriterBreaker === 2),
        refusals: metricValue(metrics, 'corebridge_crm_quota_refusals') ?? 0,
        refusalsAfterLearning: metricValue(metrics, 'corebridge_crm_quota_refusals_after_learning') ?? 0,
        bankChanges: bank.stats,
      };
    },
    async stop(): Promise<void> {
      flips.stop();
      await Promise.allSettled(pending);
      await bank.stop();
    },
  };
}
export type OutboundRun = ReturnType<typeof outboundRun>;
