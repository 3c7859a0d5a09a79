/**
 * The Salesforce flavor of the simulated CRM: what the simulator wires up and tests import.
 *
 *   app.use(salesforceRoutes({ store, clock, credentials, limits: { dailyApiRequests: 15_000 } }));
 *   const cdc = salesforceChangeEvents({ store, bus, clock }); // … cdc.emitGap('GAP_UPDATE', 'Account', ids)
 */
export type { ChangeEventHeader, ChangeEventMessage, GapType } from './change-event-message.ts';
export { channelOf } from './change-event-message.ts';
export type { SalesforceCredentials } from './oauth-routes.ts';
export { SalesforceApiUsage } from './salesforce-api-usage.ts';
export {
  SALESFORCE_CDC_TOPIC,
  type SalesforceChangeEvents,
  type SalesforceChangeEventsOptions,
  salesforceChangeEvents,
} from './salesforce-change-events.ts';
export { parseSalesforceId, salesforceId } from './salesforce-id.ts';
export {
  type SalesforceLimits,
  type SalesforceRoutesOptions,
  salesforceRoutes,
} from './salesforce-routes.ts';
export { SalesforceSessions } from './salesforce-sessions.ts';
export { SOBJECTS, type SObjectSpec, sobjectNamed, sobjectOfEntity } from './sobject-catalog.ts';
