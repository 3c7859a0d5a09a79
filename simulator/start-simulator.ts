import { randomUUID } from 'node:crypto';
import { adjustableClock } from '../infra/clock.ts';
import { listen } from '../infra/http-server.ts';
import { createLogger } from '../infra/logger.ts';
import { startPubSubServer } from './crm/salesforce/pubsub/index.ts';
import type { SimulatorOptions } from './simulator-options.ts';
import { buildSimulatorState, type SimulatorState } from './simulator-state.ts';

export type { SimulatorOptions } from './simulator-options.ts';
export { ABS_CAPACITY_RULE } from './simulator-state.ts';

export interface Simulator {
  readonly url: string;
  /** `host:port` of the Salesforce Pub/Sub API (gRPC), when `pubsubPort` was given. */
  readonly pubsubAddress: string | undefined;
  /** Bearer token for /_control. */
  readonly controlToken: string;
  /** The seed of the current state: the options' seed until a reset gives another. */
  readonly seed: number;
  readonly abs: SimulatorState['abs'];
  readonly crm: SimulatorState['crm'];
  readonly mdm: SimulatorState['mdm'];
  /** The fault engine: rules, the journal, and whether a channel is down. */
  readonly faults: SimulatorState['faults'];
  /** Throws all state away and starts again from `seed`, on the same port (also `POST /_control/reset`). */
  reset(seed: number): Promise<void>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts the simulator (ABS, CRM, MDM, faults, control API) on one loopback port. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const controlToken = options.controlToken ?? randomUUID();
  // One clock for every state, so a reset does not undo how far QA moved it on.
  const clock = adjustableClock(options.clock);
  const stateOptions = { ...options, clock, log: options.log ?? createLogger('simulator', 'error') };
  const reset = async (seed: number) => {
    const previous = state;
    state = buildSimulatorState(stateOptions, seed, { token: controlToken, reset, clock });
    await previous.stop();
  };
  let state = buildSimulatorState(stateOptions, options.seed, { token: controlToken, reset, clock });
  // The server outlives every reset: it hands each request to the state of the moment.
  const http = await listen((request, response) => state.app(request, response), options.port, options.host);
  const pubsub = await startPubSub(options, () => state.crm.pubsub).catch(async (error: unknown) => {
    await http.close();
    await state.stop();
    throw error;
  });

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await pubsub?.stop();
      await http.close();
      await state.stop();
    })();
    return stopped;
  };
  return {
    url: http.url,
    pubsubAddress: pubsub?.address,
    controlToken,
    get seed() {
      return state.seed;
    },
    get abs() {
      return state.abs;
    },
    get crm() {
      return state.crm;
    },
    get mdm() {
      return state.mdm;
    },
    get faults() {
      return state.faults;
    },
    reset,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** The Pub/Sub API, like the HTTP server, outlives resets: each call goes to the state of the moment. */
function startPubSub(options: SimulatorOptions, backend: () => SimulatorState['crm']['pubsub']) {
  if (options.pubsubPort === undefined) return Promise.resolve(undefined);
  if ((options.crmFlavor ?? 'salesforce') !== 'salesforce') {
    return Promise.reject(
      new Error(
        `Failed to start the Pub/Sub API: the CRM flavor is ${options.crmFlavor}, and only Salesforce has one. Leave pubsubPort unset or use crmFlavor 'salesforce'.`,
      ),
    );
  }
  return startPubSubServer({
    backend,
    port: options.pubsubPort,
    host: options.host,
    tls: options.pubsubTls,
    keepaliveMs: options.pubsubKeepaliveMs,
  });
}
