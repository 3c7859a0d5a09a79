/**
 * The Salesforce Pub/Sub API of the simulated org: the change-event stream the bus topic gets,
 * Avro-encoded, with replay ids and 72-hour retention, served over gRPC.
 *
 *   const log = new PubSubEventLog({ clock });          // salesforceChangeEvents({ …, onSend: pubSubFeed(log) })
 *   const server = await startPubSubServer({ backend: () => ({ log, sessions }), tls });
 */
export { CHANGE_EVENT_SCHEMAS, type ChangeEventSchema } from './change-event-schema.ts';
export type { PubSubBackend } from './pubsub-backend.ts';
export {
  DEFAULT_MAX_EVENTS,
  DEFAULT_RETENTION_MS,
  PubSubEventLog,
  type PubSubEventLogOptions,
  type StoredEvent,
} from './pubsub-event-log.ts';
export { pubSubFeed } from './pubsub-feed.ts';
export {
  DEFAULT_KEEPALIVE_MS,
  type PubSubServerOptions,
  type RunningPubSubServer,
  startPubSubServer,
} from './pubsub-server.ts';
export { ALL_CHANGE_EVENTS } from './pubsub-topics.ts';
