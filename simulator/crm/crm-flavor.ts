import type { RequestHandler, Router } from 'express';
import type { Clock } from '../../infra/clock.ts';
import type { EventBus } from '../../infra/event-bus.ts';
import { type FaultEngine, httpFaults, messageFaults } from '../faults/index.ts';
import { BitrixEventHandlers, bitrixEvents, bitrixRoutes } from './bitrix/index.ts';
import type { CrmStore } from './crm-store.ts';
import { SalesforceSessions, salesforceChangeEvents, salesforceRoutes } from './salesforce/index.ts';
import { type PubSubBackend, PubSubEventLog, pubSubFeed } from './salesforce/pubsub/index.ts';

export type CrmFlavor = 'salesforce' | 'bitrix24';

/** The integration's credentials in the simulated CRM: fixed, documented, for test benches only. */
export const CRM_TEST_CREDENTIALS = {
  salesforce: {
    clientId: 'corebridge-sync',
    clientSecret: 'corebridge-secret',
    username: 'integration@corebridge.local',
    password: 'corebridge',
  },
  bitrix24: { userId: 1, token: 'corebridge', applicationToken: 'corebridge-app-token' },
} as const;

export interface MountedCrm {
  readonly flavor: CrmFlavor;
  /** The vendor's REST API, mounted at `/`, with the `crm.rest` fault channel in front of it. */
  readonly routes: RequestHandler[];
  /** Salesforce, when asked for: the change-event stream and sessions the Pub/Sub API serves. */
  readonly pubsub?: PubSubBackend;
  stop(): Promise<void>;
}

/**
 * One CRM model, one wire flavor per run: Salesforce (REST + change data capture on the bus) or
 * Bitrix24 (inbound webhooks + outgoing events to handlers bound with `event.bind`). Errors the
 * fault engine injects take the vendor's own shape.
 */
export function mountCrm(
  flavor: CrmFlavor,
  store: CrmStore,
  faults: FaultEngine,
  bus: EventBus,
  clock: Clock,
  /** Keep the Pub/Sub API's stream (Salesforce): off unless it is served, as it costs an encode per event. */
  extras: { readonly pubsub?: boolean } = {},
): MountedCrm {
  const only =
    (prefix: string, handler: RequestHandler): RequestHandler =>
    (request, response, next) =>
      request.path.startsWith(prefix) ? handler(request, response, next) : next();

  if (flavor === 'salesforce') {
    const { clientId, clientSecret, username, password } = CRM_TEST_CREDENTIALS.salesforce;
    // Shared with the Pub/Sub API, which takes the REST API's OAuth tokens.
    const sessions = new SalesforceSessions(clock);
    const router: Router = salesforceRoutes({
      store,
      clock,
      credentials: { clients: [{ clientId, clientSecret }], users: [{ username, password }] },
      limits: { dailyApiRequests: 100_000 },
      sessions,
    });
    const log = extras.pubsub ? new PubSubEventLog({ clock }) : undefined;
    const events = salesforceChangeEvents({
      store,
      bus,
      clock,
      stage: messageFaults(faults, 'crm.events'),
      onSend: log && pubSubFeed(log),
    });
    const crmFaults = httpFaults(faults, 'crm.rest', {
      renderError: (status, code, message) => ({ status, body: [{ message, errorCode: code }] }),
      rateLimit: { status: 403, code: 'REQUEST_LIMIT_EXCEEDED' },
    });
    const stop = async () => {
      await events.stop();
      log?.close();
    };
    const pubsub = log && { log, sessions };
    return { flavor, routes: [only('/services/', crmFaults), router], pubsub, stop };
  }

  const { userId, token, applicationToken } = CRM_TEST_CREDENTIALS.bitrix24;
  const handlers = new BitrixEventHandlers();
  const router = bitrixRoutes({ store, clock, webhooks: [{ userId, token }], handlers });
  const events = bitrixEvents({ store, handlers, applicationToken, clock });
  const crmFaults = httpFaults(faults, 'crm.rest', {
    renderError: (status, code, message) => ({ status, body: { error: code, error_description: message } }),
    rateLimit: { status: 503, code: 'QUERY_LIMIT_EXCEEDED' },
  });
  return {
    flavor,
    routes: [only('/rest/', crmFaults), router],
    stop: async () => {
      await events.idle();
      events.stop();
    },
  };
}
