import type { ClockSchedule } from '../schedule/clock-schedule.ts';
import { scheduleOnClock } from '../schedule/clock-schedule.ts';
import {
  type SampledValidationOptions,
  type SampledValidationOutcome,
  validateSample,
} from './validate-sample.ts';

export interface SampledValidationJob {
  readonly schedule: ClockSchedule | undefined;
  runNow(): Promise<SampledValidationOutcome>;
  stop(): Promise<void>;
}

/** Sampled validation as a job of the sync service: on its cron, on demand, logged. */
export function startSampledValidationJob(
  options: SampledValidationOptions & { readonly cron?: string; readonly checkEveryMs?: number },
): SampledValidationJob {
  const runNow = async () => {
    const outcome = await validateSample(options);
    if (outcome.ran) options.log.info({ channels: outcome.channels }, 'sampled validation done');
    return outcome;
  };
  const schedule =
    options.cron === undefined
      ? undefined
      : scheduleOnClock('the sampled validation', {
          cron: options.cron,
          clock: options.clock,
          checkEveryMs: options.checkEveryMs,
          run: async () => {
            await runNow().catch((error: unknown) =>
              options.log.error({ err: (error as Error).message }, 'sampled validation failed'),
            );
          },
        });
  return { schedule, runNow, stop: async () => schedule?.stop() };
}
