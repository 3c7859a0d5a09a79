import type { Clock } from '../../infra/clock.ts';
import type { Env } from '../../infra/process/find-executable.ts';
import { type BurstResult, duplicateWebhookBurst } from './duplicate-webhook-burst.ts';
import { runLoadAction } from './load-action.ts';
import type { LoadRun } from './load-run.ts';
import type { OutboundRun } from './outbound-run.ts';
import type { FaultWindow, Scenario } from './scenario-schema.ts';
import type { SystemUnderTest } from './start-system.ts';

export interface TimelineActionsOptions {
  readonly scenario: Scenario;
  readonly system: SystemUnderTest;
  readonly outbound: OutboundRun;
  readonly clock: Clock;
  /** Clock time the traffic started at. */
  readonly start: number;
  /** The k6 binary, when the timeline has load actions. */
  readonly k6: string | undefined;
  readonly env: Env;
}

/**
 * The runner's own actions on the timeline, started when the schedule reaches them: webhook
 * bursts (incident I5), k6 runs, and the bank → CRM actions the outbound run owns. What they
 * come to is collected once the traffic is over.
 */
export class TimelineActions {
  readonly bursts: Promise<BurstResult>[] = [];
  readonly loads: Promise<LoadRun>[] = [];
  /** INNs of the clients the bursts created: the checker counts their cards. */
  readonly newClientInns = new Set<string>();
  private readonly options: TimelineActionsOptions;

  constructor(options: TimelineActionsOptions) {
    this.options = options;
  }

  start(entry: FaultWindow): void {
    const { scenario, system, outbound, clock, start, k6, env } = this.options;
    const { action } = entry;
    if (!action || outbound.act(action)) return;
    if (action.type === 'load' && k6) {
      const load = runLoadAction({
        binary: k6,
        script: action.script,
        realSeconds: (entry.for ?? 0) / 1000 / scenario.speed,
        rate: action.rate,
        extraEnv: action.env,
        system,
        clock,
        speed: scenario.speed,
        start,
        env,
      });
      // Handled here so a failing k6 cannot crash the process before the run collects it.
      load.catch(() => {});
      this.loads.push(load);
    } else if (action.type === 'duplicate-webhooks' && system.intake) {
      const burst = duplicateWebhookBurst(
        system.sim,
        system.intake,
        action.deliveries,
        clock,
        this.bursts.length + 1,
      );
      const counted = burst.then((b) => {
        this.newClientInns.add(b.inn);
        return b;
      });
      // Handled here too: a burst that fails must fail the run when it is collected, not crash the
      // process as an unhandled rejection while the traffic goes on.
      counted.catch(() => {});
      this.bursts.push(counted);
    }
  }
}
