import { z } from 'zod';
import { faultRuleSchema } from '../../simulator/faults/index.ts';
import { durationSchema } from './duration.ts';

const timelineEntrySchema = z
  .strictObject({
    /** Scenario time at which the fault switches on. */
    at: durationSchema,
    /** How long it stays on. Default: to the end of the run. */
    for: durationSchema.optional(),
    /** A fault rule as the simulator's control API takes it; its window comes from `at` and `for`. */
    fault: faultRuleSchema,
  })
  .superRefine((entry, context) => {
    if (entry.fault.window) {
      context.addIssue({
        code: 'custom',
        path: ['fault', 'window'],
        message: 'give the window as `at` and `for`',
      });
    }
  });

/**
 * A chaos scenario file. Times are scenario time; `speed` compresses them (speed 20 plays a
 * 60 s outage in 3 s) and every timestamp the system writes follows the scenario clock.
 */
export const scenarioSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
    description: z.string().default(''),
    seed: z.number().int().nonnegative(),
    /** Scenario seconds per real second. Default 1 (real time). */
    speed: z.number().positive().max(1000).default(1),
    dataset: z.strictObject({
      organisations: z.number().int().positive().max(100_000),
      accountsPerOrganisation: z.number().int().positive().max(50).default(3),
    }),
    duration: durationSchema,
    traffic: z.strictObject({
      /** ABS postings booked per scenario second. */
      postingsPerSecond: z.number().nonnegative().max(10_000),
      /** DBO reads of an organisation's accounts per scenario second. */
      readsPerSecond: z.number().nonnegative().max(10_000).default(0),
    }),
    timeline: z.array(timelineEntrySchema).default([]),
    expect: z.strictObject({
      lost: z.number().int().nonnegative().default(0),
      duplicated: z.number().int().nonnegative().default(0),
      diverged: z.number().int().nonnegative().default(0),
      readErrors5xx: z.number().int().nonnegative().default(0),
      /** Scenario time from the end of traffic until the cache equals the source's truth. */
      convergedWithin: durationSchema,
    }),
  })
  .superRefine((scenario, context) => {
    scenario.timeline.forEach((entry, index) => {
      if (entry.at + (entry.for ?? 0) > scenario.duration) {
        context.addIssue({
          code: 'custom',
          path: ['timeline', index, 'for'],
          message: 'the fault window ends after the scenario does; shorten it or lengthen `duration`',
        });
      }
    });
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type FaultWindow = Scenario['timeline'][number];
