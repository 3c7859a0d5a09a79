import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import type { AdjustableClock } from '../infra/clock.ts';
import { errorMiddleware, routeNotFound } from '../infra/http/error-middleware.ts';
import type { Logger } from '../infra/logger.ts';
import { registerAbsActions } from './abs/abs-actions.ts';
import { AbsConcurrency } from './abs/abs-concurrency.ts';
import { generateAbsDataset } from './abs/abs-dataset.ts';
import { AbsEventFeed } from './abs/abs-event-feed.ts';
import { absRoutes } from './abs/abs-routes.ts';
import { absSnapshotRoute } from './abs/abs-snapshot-route.ts';
import { AbsStore } from './abs/abs-store.ts';
import { PostingGenerator } from './abs/posting-generator.ts';
import { controlRoutes } from './control/control-routes.ts';
import { crmFeedReferenceRoutes } from './crm/crm-feed-reference-routes.ts';
import { type CrmFlavor, type MountedCrm, mountCrm } from './crm/crm-flavor.ts';
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
import { registerGreyEditActions } from './grey-edit-actions.ts';
import { MDM_MQ_TOPIC, startMdmMqFeed } from './mdm/mdm-mq-feed.ts';
import { mdmRoutes } from './mdm/mdm-routes.ts';
import { MdmStore } from './mdm/mdm-store.ts';
import { metaRoutes } from './meta-routes.ts';
import type { SimulatorOptions } from './simulator-options.ts';
import { WebhookSender } from './webhooks/webhook-sender.ts';

/** The ABS's capacity model (incident I1): slower with every request in flight, falls over past ~100 RPS. */
export const ABS_CAPACITY_RULE: FaultRuleInput & { readonly id: string } = {
  id: 'abs-capacity',
  target: 'abs.rest',
  effect: { type: 'capacity-collapse', thresholdRps: 100 },
};

/** Everything one seed of the simulator is: its stores, feeds, fault engine and HTTP app. */
export interface SimulatorState {
  readonly seed: number;
  readonly app: express.Express;
  readonly abs: {
    readonly store: AbsStore;
    readonly feed: AbsEventFeed;
    /** Requests in flight at the ABS's REST API, now and at peak. */
    readonly concurrency: AbsConcurrency;
    /** Books `count` postings now; each is queued for publication on `abs.postings`. */
    book(count: number): void;
  };
  readonly crm: {
    readonly flavor: CrmFlavor;
    readonly store: CrmStore;
    readonly feed: SequencedFeed;
    /** The Pub/Sub API's stream and sessions, when `pubsubPort` is set (Salesforce flavor only). */
    readonly pubsub: MountedCrm['pubsub'];
  };
  readonly mdm: { readonly store: MdmStore; readonly feed: SequencedFeed };
  readonly faults: FaultEngine;
  stop(): Promise<void>;
}

/**
 * Builds the simulator's state for one seed: ABS, CRM and MDM over one world, one fault engine,
 * the control API (whose reset asks `reset` for a new state), all behind one express app. Our own
 * APIs throw `ApiError`s of `SIMULATOR_ERRORS`; the app's error middleware answers them.
 */
export function buildSimulatorState(
  options: SimulatorOptions & { readonly log: Logger },
  seed: number,
  control: {
    readonly token: string;
    readonly reset: (seed: number) => Promise<void>;
    readonly clock: AdjustableClock;
  },
): SimulatorState {
  const faults = createFaultEngine({
    seed: seed,
    clock: options.clock,
    sleep: options.sleep ?? sleep,
    journalCapacity: options.journalCapacity,
  });
  if (options.absCapacity ?? true) faults.add(ABS_CAPACITY_RULE);
  const store = new AbsStore(generateAbsDataset(seed, options.dataset));
  const feed = new AbsEventFeed(options.bus, messageFaults(faults, 'abs.events'));
  const generator = new PostingGenerator(store, seed);
  const unregisterActions = registerAbsActions(faults, store, options.bus);

  // CRM and MDM share the ABS's seeded world: one client, one id and INN everywhere.
  const world = createWorld({ seed: seed, clients: options.dataset.organisations });
  const mq = options.mq ?? options.bus;
  const crmStore = new CrmStore(worldCrmBase(world), options.clock);
  const crmFeed = new SequencedFeed({
    source: 'crm',
    topic: CRM_MQ_TOPIC,
    bus: mq,
    stage: messageFaults(faults, 'crm.mq'),
  });
  const stopCrmFeed = startCrmMqFeed(crmStore, crmFeed);
  const crm = mountCrm(options.crmFlavor ?? 'salesforce', crmStore, faults, options.bus, options.clock, {
    pubsub: options.pubsubPort !== undefined,
  });
  const webhooks = options.crmWebhook
    ? startCrmWebhooks(
        crmStore,
        new WebhookSender({
          ...options.crmWebhook,
          clock: options.clock,
          random: decisionRandom(seed, 'crm-webhooks', 0),
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
  const unregisterGreyEdits = registerGreyEditActions(faults, world, crmStore, mdmStore);
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
  const concurrency = new AbsConcurrency();
  app.use('/abs/api/v1', concurrency.middleware, absRoutes(store, faults, world));
  app.use('/mdm/api/v1', mdmRoutes(mdmStore, mdmFeed, faults));
  app.use('/crm/feed/v1', crmFeedReferenceRoutes(crmStore, crmFeed, faults));
  app.use(metaRoutes());
  app.use(
    '/_control',
    controlRoutes({
      token: control.token,
      faults,
      abs: store,
      crm: crmStore,
      mdm: mdmStore,
      clock: control.clock,
      reset: control.reset,
    }),
  );
  // The CRM flavors' routers sit at '/', as the vendors' APIs do: mounted last.
  app.use(...crm.routes);
  // Then our own answers for what no router took or threw: `{error:{code,message}}`, never express's
  // HTML page. The CRM flavors answer their own errors in their vendor's shape before this.
  app.use(routeNotFound, errorMiddleware(options.log));
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      clearInterval(recheck);
      unregisterActions();
      unregisterGreyEdits();
      await feed.stop();
      stopCrmFeed();
      stopMdmFeed();
      await Promise.all([crm.stop(), crmFeed.stop(), mdmFeed.stop(), webhooks?.stop()]);
      faults.stop();
    })();
    return stopped;
  };
  return {
    seed,
    app,
    abs: {
      store,
      feed,
      concurrency,
      book(count) {
        for (let i = 0; i < count; i++) feed.emit(generator.next(options.clock.now()));
      },
    },
    crm: { flavor: crm.flavor, store: crmStore, feed: crmFeed, pubsub: crm.pubsub },
    mdm: { store: mdmStore, feed: mdmFeed },
    faults,
    stop,
  };
}
