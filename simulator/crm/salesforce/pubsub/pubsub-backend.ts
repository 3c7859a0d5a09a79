import type { SalesforceSessions } from '../salesforce-sessions.ts';
import type { PubSubEventLog } from './pubsub-event-log.ts';

/**
 * What one state of the simulated org gives the Pub/Sub API: its stream and its OAuth sessions.
 * The gRPC server asks for the current one on every call, so it outlives simulator resets.
 */
export interface PubSubBackend {
  readonly log: PubSubEventLog;
  readonly sessions: SalesforceSessions;
}
