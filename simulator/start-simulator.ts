import express from 'express';
import type { Clock } from '../infra/clock.ts';
import type { EventBus } from '../infra/event-bus.ts';
import { listen } from '../infra/http-server.ts';
import { type AbsDatasetSize, generateAbsDataset } from './abs/abs-dataset.ts';
import { AbsEventFeed } from './abs/abs-event-feed.ts';
import { absRoutes } from './abs/abs-routes.ts';
import { absSnapshotRoute } from './abs/abs-snapshot-route.ts';
import { AbsStore } from './abs/abs-store.ts';
import { PostingGenerator } from './abs/posting-generator.ts';
import { FaultSwitches } from './faults/fault-switches.ts';

export interface SimulatorOptions {
  readonly seed: number;
  readonly dataset: AbsDatasetSize;
  readonly bus: EventBus;
  readonly clock: Clock;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 inside a container. */
  readonly host?: string;
}

export interface Simulator {
  readonly url: string;
  readonly abs: {
    readonly store: AbsStore;
    readonly feed: AbsEventFeed;
    /** Books `count` postings now; each is queued for publication on `abs.postings`. */
    book(count: number): void;
  };
  readonly faults: FaultSwitches;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const store = new AbsStore(generateAbsDataset(options.seed, options.dataset));
  const faults = new FaultSwitches(options.clock.now);
  const feed = new AbsEventFeed(options.bus, () => faults.isOn('abs', 'outage'));
  const generator = new PostingGenerator(store, options.seed);
  faults.onChange(() => void feed.drain());

  const app = express();
  app.disable('x-powered-by');
  // Strong ETags hash every body; no ABS client revalidates, so that work buys nothing.
  app.set('etag', false);
  // The replica's export answers while the ABS itself is down: it is a different system.
  app.get('/abs/replica/v1/snapshot', absSnapshotRoute(store, options.clock));
  app.use('/abs/api/v1', absRoutes(store, faults));
  const http = await listen(app, options.port, options.host);

  const stop = async () => {
    await http.close();
  };
  return {
    url: http.url,
    abs: {
      store,
      feed,
      book(count) {
        for (let i = 0; i < count; i++) feed.emit(generator.next(options.clock.now()));
      },
    },
    faults,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
