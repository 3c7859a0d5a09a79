import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import type { Clock } from '../infra/clock.ts';
import type { EventBus } from '../infra/event-bus.ts';
import { listen } from '../infra/http-server.ts';
import { registerAbsActions } from './abs/abs-actions.ts';
import { type AbsDatasetSize, generateAbsDataset } from './abs/abs-dataset.ts';
import { AbsEventFeed } from './abs/abs-event-feed.ts';
import { absRoutes } from './abs/abs-routes.ts';
import { absSnapshotRoute } from './abs/abs-snapshot-route.ts';
import { AbsStore } from './abs/abs-store.ts';
import { PostingGenerator } from './abs/posting-generator.ts';
import { controlRoutes } from './control/control-routes.ts';
import { type CrmFlavor, mountCrm } from './crm/crm-flavor.ts';
import { CRM_MQ_TOPIC, startCrmMqFeed } from './crm/crm-mq-feed.ts';
import { CrmStore } from './crm/crm-store.ts';
import { startCrmWebhooks } from './crm/crm-webhooks.ts';
import { worldCrmBase } from './crm/world-crm-base.ts';
import { createWorld } from './data/world.ts';
import {
  createFaultEngine,
  decisionRandom,
  type FaultEngine,
  type FaultRuleInput,
  messageFaults,
} from './faults/index.ts';
import { SequencedFeed } from './feeds/sequenced-feed.ts';
import { MDM_MQ_TOPIC, startMdmMqFeed } from './mdm/mdm-mq-feed.ts';
import { mdmRoutes } from './mdm/mdm-routes.ts';
import { MdmStore } from './mdm/mdm-store.ts';
import { WebhookSender } from './webhooks/webhook-sender.ts';

/** The ABS's capacity model (incident I1): slower with every request in flight, falls over past ~100 RPS. */
export const ABS_CAPACITY_RULE: FaultRuleInput = {
  id: 'abs-capacity',
  target: 'abs.rest',
  effect: { type: 'capacity-collapse', thresholdRps: 100 },
};

export interface SimulatorOptions {
  readonly seed: number;
  readonly dataset: AbsDatasetSize;
  readonly bus: EventBus;
  readonly clock: Clock;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 inside a container. */
  readonly host?: string;
  /**
   * How injected latency waits, in real time. Default: real milliseconds. A runner on a compressed
   * clock passes `(ms) => sleep(ms / speed)` so a 2 s stall stays 2 s of scenario time.
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Install the ABS capacity model as a standing fault rule. Default true. */
  readonly absCapacity?: boolean;
  /** Bearer token of the control API under /_control. Default: a random one (see `controlToken`). */
  readonly controlToken?: string;
  /** The CRM's wire flavor for this run. Default `salesforce`. */
  readonly crmFlavor?: CrmFlavor;
  /** Where the CRM and MDM MQ feeds go (RabbitMQ in production-like runs). Default: `bus`. */
  readonly mq?: EventBus;
  /** Where the CRM sends its signed webhooks (the sync service's intake). Default: none sent. */
  readonly crmWebhook?: { readonly url: string; readonly secret: string };
}

export interface Simulator {
  readonly url: string;
  /** Bearer token for /_control. */
  readonly controlToken: string;
  readonly abs: {
    readonly store: AbsStore;
    readonly feed: AbsEventFeed;
    /** Books `count` postings now; each is queued for publication on `abs.postings`. */
    book(count: number): void;
  };
  readonly crm: { readonly flavor: CrmFlavor; readonly store: CrmStore; readonly feed: SequencedFeed };
  readonly mdm: { readonly store: MdmStore; readonly feed: SequencedFeed };
  /** The fault engine: rules, the journal, and whether a channel is down. */
  readonly faults: FaultEngine;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const faults = createFaultEngine({
    seed: options.seed,
    clock: options.clock,
    sleep: options.sleep ?? sleep,
  });
  if (options.absCapacity ?? true) faults.add(ABS_CAPACITY_RULE);
  const store = new AbsStore(generateAbsDataset(options.seed, options.dataset));
  const feed = new AbsEventFeed(options.bus, messageFaults(faults, 'abs.events'));
  const generator = new PostingGenerator(store, options.seed);
  const unregisterActions = registerAbsActions(faults, store, options.bus);

  // CRM and MDM share the ABS's seeded world: one client, one id and INN everywhere.
  const world = createWorld({ seed: options.seed, clients: options.dataset.organisations });
  const mq = options.mq ?? options.bus;
  const crmStore = new CrmStore(worldCrmBase(world), options.clock);
  const crmFeed = new SequencedFeed({
    source: 'crm',
    topic: CRM_MQ_TOPIC,
    bus: mq,
    stage: messageFaults(faults, 'crm.mq'),
  });
  const stopCrmFeed = startCrmMqFeed(crmStore, crmFeed);
  const crm = mountCrm(options.crmFlavor ?? 'salesforce', crmStore, faults, options.bus, options.clock);
  const webhooks = options.crmWebhook
    ? startCrmWebhooks(
        crmStore,
        new WebhookSender({
          ...options.crmWebhook,
          clock: options.clock,
          random: decisionRandom(options.seed, 'crm-webhooks', 0),
        }),
        messageFaults(faults, 'crm.webhooks'),
      )
    : undefined;
  const mdmStore = new MdmStore(world, options.clock);
  const mdmFeed = new SequencedFeed({
    source: 'mdm',
    topic: MDM_MQ_TOPIC,
    bus: mq,
    stage: messageFaults(faults, 'mdm.mq'),
  });
  const stopMdmFeed = startMdmMqFeed(mdmStore, mdmFeed);
  // Booked postings wait at the source while its event channel is down; look again when rules change.
  const recheck = setInterval(() => {
    void feed.drain();
    void crmFeed.drain();
    void mdmFeed.drain();
  }, 50);

  const app = express();
  app.disable('x-powered-by');
  // Strong ETags hash every body; no ABS client revalidates, so that work buys nothing.
  app.set('etag', false);
  // The replica's export answers while the ABS itself is down: it is a different system.
  app.get('/abs/replica/v1/snapshot', absSnapshotRoute(store, options.clock));
  app.use('/abs/api/v1', absRoutes(store, faults));
  app.use('/mdm/api/v1', mdmRoutes(mdmStore, mdmFeed, faults));
  const controlToken = options.controlToken ?? randomUUID();
  app.use(
    '/_control',
    controlRoutes({
      token: controlToken,
      faults,
      abs: store,
      crm: crmStore,
      mdm: mdmStore,
      clock: options.clock,
    }),
  );
  // The CRM flavors' routers sit at '/', as the vendors' APIs do: mounted last.
  app.use(...crm.routes);
  const http = await listen(app, options.port, options.host);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      clearInterval(recheck);
      unregisterActions();
      await http.close();
      await feed.stop();
      stopCrmFeed();
      stopMdmFeed();
      await Promise.all([crm.stop(), crmFeed.stop(), mdmFeed.stop(), webhooks?.stop()]);
      faults.stop();
    })();
    return stopped;
  };
  return {
    url: http.url,
    controlToken,
    abs: {
      store,
      feed,
      book(count) {
        for (let i = 0; i < count; i++) feed.emit(generator.next(options.clock.now()));
      },
    },
    crm: { flavor: crm.flavor, store: crmStore, feed: crmFeed },
    mdm: { store: mdmStore, feed: mdmFeed },
    faults,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
