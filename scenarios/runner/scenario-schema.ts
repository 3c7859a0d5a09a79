import { z } from 'zod';
import { faultRuleSchema } from '../../simulator/faults/index.ts';
import { crashSyncActionSchema } from './crash/crash-sync-action.ts';
import { durationSchema } from './duration.ts';

/**
 * Something the runner itself does at a point of the timeline.
 * - `duplicate-webhooks`: a new client is created in the CRM and its creation webhook is delivered
 *   `deliveries` times at once, half under its own idempotency key (as a retrying sender would),
 *   half under fresh keys (as a sender that lost track would) — incident I5;
 * - `conflicting-edits`: on `cards` cached client cards the CRM and the bank change the phone at
 *   once, and the CRM changes its legal address (a bank-owned field) — incident I8;
 * - `crm-api-burst`: another integration spends `requests` of the CRM's request quota at once.
 */
const duplicateWebhooksSchema = z.strictObject({
  type: z.literal('duplicate-webhooks'),
  deliveries: z.number().int().min(2).max(1_000).default(200),
});
const conflictingEditsSchema = z.strictObject({
  type: z.literal('conflicting-edits'),
  cards: z.number().int().min(1).max(100).default(5),
});
const crmApiBurstSchema = z.strictObject({
  type: z.literal('crm-api-burst'),
  requests: z.number().int().min(1).max(1_000).default(40),
});

/**
 * `load`: a k6 script (`load/*.k6.ts`) runs against the system for the entry's `for` (scenario
 * time; k6 runs `for ÷ speed` real seconds). `rate` is the script's arrival rate per real second;
 * `env` passes further script settings (P95_MS, ...). Its thresholds become a verdict.
 */
const loadActionSchema = z.strictObject({
  type: z.literal('load'),
  script: z.string().regex(/\.(k6\.ts|js)$/, 'name a k6 script, e.g. load/webhook-storm.k6.ts'),
  rate: z.number().int().positive().max(5_000).optional(),
  env: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string()).default({}),
});

/** The runner's actions, told apart by `type`; `crash-sync` is described in its own file. */
const actionSchema = z.discriminatedUnion('type', [
  duplicateWebhooksSchema,
  conflictingEditsSchema,
  crmApiBurstSchema,
  loadActionSchema,
  crashSyncActionSchema,
]);

const timelineEntrySchema = z
  .strictObject({
    /** Scenario time at which the fault switches on or the action happens. */
    at: durationSchema,
    /** How long a fault stays on. Default: to the end of the run. */
    for: durationSchema.optional(),
    /** A fault rule as the simulator's control API takes it; its window comes from `at` and `for`. */
    fault: faultRuleSchema.optional(),
    action: actionSchema.optional(),
  })
  .superRefine((entry, context) => {
    if ((entry.fault === undefined) === (entry.action === undefined)) {
      context.addIssue({ code: 'custom', path: ['fault'], message: 'give either a `fault` or an `action`' });
    }
    if (entry.action?.type === 'load' && entry.for === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['for'],
        message: 'say how long the load runs, e.g. `for: 40s`',
      });
    }
    if (entry.fault?.window) {
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
    /** The CRM's wire flavor. Default salesforce. */
    crmFlavor: z.enum(['salesforce', 'bitrix24']).default('salesforce'),
    traffic: z.strictObject({
      /** ABS postings booked per scenario second. */
      postingsPerSecond: z.number().nonnegative().max(10_000),
      /** DBO reads of an organisation's accounts per scenario second. */
      readsPerSecond: z.number().nonnegative().max(10_000).default(0),
      /** Changes of client cards in the CRM per scenario second (webhooks and the `crm.cards` feed). */
      crmChangesPerSecond: z.number().nonnegative().max(1_000).default(0),
      /** Changes of legal details in the MDM per scenario second (the `mdm.legal-details` feed). */
      mdmChangesPerSecond: z.number().nonnegative().max(1_000).default(0),
      /** Bank-side changes (card phones, new contacts) through the sync service's API per scenario second. */
      bankChangesPerSecond: z.number().nonnegative().max(1_000).default(0),
    }),
    /** How the sync service under test is set up. */
    sync: z
      .strictObject({
        /** Global limit of concurrent ABS calls. Default: the service's (50). */
        absPullLimit: z.number().int().positive().max(500).optional(),
        /** CRM changes also arrive as signed webhooks at the intake. Default false. */
        webhooks: z.boolean().default(false),
        /** The sync service writes the bank's changes to the CRM. Default false. */
        crmWriter: z.boolean().default(false),
        /** Cron (UTC, on the scenario clock) of the ABS reconciliation. Default: none. */
        reconcileCron: z.string().min(1).optional(),
      })
      .default({ webhooks: false, crmWriter: false }),
    timeline: z.array(timelineEntrySchema).default([]),
    expect: z.strictObject({
      lost: z.number().int().nonnegative().default(0),
      duplicated: z.number().int().nonnegative().default(0),
      diverged: z.number().int().nonnegative().default(0),
      readErrors5xx: z.number().int().nonnegative().default(0),
      /** Scenario time from the end of traffic until the cache equals the source's truth. */
      convergedWithin: durationSchema,
      /** Most ABS REST requests in flight at once, measured at the ABS (incident I1). */
      maxAbsConcurrency: z.number().int().positive().optional(),
      /** Requests the ABS's capacity model may refuse (it collapses past ~100 RPS). */
      absCollapses: z.number().int().nonnegative().optional(),
      /** The CRM writer's circuit breaker opened during the run (a CRM outage was noticed). */
      crmBreakerOpened: z.boolean().optional(),
      /** CRM quota refusals of requests sent after the throttle had learned the quota. */
      crmRefusalsAfterLearning: z.number().int().nonnegative().optional(),
      /**
       * `drift`: the reconciliation wrote exactly the ABS's grey-edited accounts (each one, unless a
       * later posting already carried the edit to the cache) and no other row (incident I3).
       */
      repairedExactly: z.literal('drift').optional(),
      /** Closing postings older than the 6-month business horizon the cache may hold (incident I4). */
      turnoversPastHorizon: z.number().int().nonnegative().optional(),
      /** Sync-service crashes performed, each followed by a new instance that got ready. Default: as many as the timeline plans. */
      crashes: z.number().int().nonnegative().optional(),
    }),
  })
  .superRefine((scenario, context) => {
    if (scenario.expect.repairedExactly && !scenario.sync.reconcileCron) {
      context.addIssue({
        code: 'custom',
        path: ['expect', 'repairedExactly'],
        message: 'nothing reconciles in this run; set `sync.reconcileCron`',
      });
    }
    scenario.timeline.forEach((entry, index) => {
      if (entry.at + (entry.for ?? 0) > scenario.duration) {
        context.addIssue({
          code: 'custom',
          path: ['timeline', index, 'for'],
          message: 'the window ends after the scenario does; shorten it or lengthen `duration`',
        });
      }
    });
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type FaultWindow = Scenario['timeline'][number];
