import type pg from 'pg';
import type { Clock } from '../infra/clock.ts';
import type { EventBus, Subscription } from '../infra/event-bus.ts';
import type { Logger } from '../infra/logger.ts';
import { consumeCrmCards } from './consumers/crm-cards-consumer.ts';
import { consumeMdmLegalDetails } from './consumers/mdm-legal-details-consumer.ts';
import { consumeSalesforceChangeEvents } from './consumers/salesforce-change-events-consumer.ts';
import { createCrmFeedReferenceClient } from './crm/crm-feed-reference-client.ts';
import type { CrmFetcher } from './crm/crm-fetcher.ts';
import type { CrmWriter } from './crm-writer/crm-writer.ts';
import { consumeCrmWrites } from './crm-writer/crm-writer-consumer.ts';
import type { SourceFreshness } from './freshness/source-freshness.ts';
import { createMdmClient } from './mdm/mdm-client.ts';
import type { SyncMetrics } from './metrics.ts';
import type { SourcePolicy } from './resilience/source-policy.ts';
import { crmValidatedChannel } from './validate/crm-validated-channel.ts';
import { mdmValidatedChannel } from './validate/mdm-validated-channel.ts';
import type { ValidatedChannel } from './validate/validated-channel.ts';

export interface FeedsOptions {
  readonly bus: EventBus;
  readonly mq: EventBus;
  readonly pool: pg.Pool;
  readonly metrics: SyncMetrics;
  readonly log: Logger;
  readonly clock: Clock;
  readonly groupId: string;
  readonly policyFor: (source: string) => SourcePolicy;
  readonly mdmUrl: string | undefined;
  readonly crmFetcher: CrmFetcher | undefined;
  readonly salesforceCdc: boolean;
  readonly crmFeedUrl: string | undefined;
  readonly crmWriter: CrmWriter | undefined;
  /** Where each consumer goes as soon as it runs, so a later one failing still leaves it to be stopped. */
  readonly subscriptions: Subscription[];
  /** The sampled validation's channels, one per feed whose source has a reference log. */
  readonly validated: ValidatedChannel<unknown>[];
  /** Applied feed batches count as hearing from their source. */
  readonly freshness?: SourceFreshness;
}

/**
 * The consumers that need no initial load: the MDM's and the CRM's MQ feeds, Salesforce change
 * events, and the CRM writer. Each consumer group is `<groupId>.<feed>`.
 */
export async function startFeeds(options: FeedsOptions): Promise<void> {
  const { mq, pool, metrics, log, clock, groupId, policyFor, subscriptions } = options;
  const feedOptions = { mq, pool, metrics, log, clock, freshness: options.freshness };
  if (options.mdmUrl) {
    const mdm = createMdmClient(options.mdmUrl);
    const policy = policyFor('mdm');
    options.validated.push(mdmValidatedChannel(mdm, policy) as ValidatedChannel<unknown>);
    subscriptions.push(
      await consumeMdmLegalDetails({ ...feedOptions, mdm, policy, groupId: `${groupId}.mdm` }),
    );
  }
  const crmPolicy = policyFor('crm');
  if (options.crmFeedUrl) {
    const reference = createCrmFeedReferenceClient(options.crmFeedUrl);
    options.validated.push(crmValidatedChannel(reference, crmPolicy) as ValidatedChannel<unknown>);
  }
  if (options.salesforceCdc && options.crmFetcher) {
    subscriptions.push(
      await consumeSalesforceChangeEvents({
        ...feedOptions,
        bus: options.bus,
        crm: options.crmFetcher,
        policy: crmPolicy,
        groupId: `${groupId}.crm-cdc`,
      }),
    );
  }
  if (options.crmWriter) {
    subscriptions.push(
      await consumeCrmWrites({
        bus: options.bus,
        pool,
        writer: options.crmWriter,
        policy: policyFor('crm-writer'),
        metrics,
        log,
        groupId: `${groupId}.crm-writer`,
      }),
    );
  }
  subscriptions.push(
    await consumeCrmCards({
      ...feedOptions,
      crm: options.crmFetcher,
      policy: crmPolicy,
      groupId: `${groupId}.crm`,
    }),
  );
}
