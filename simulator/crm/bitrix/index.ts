export type { LeakyBucketOptions } from '../../faults/leaky-bucket.ts';
export { AUTHORITY_ENTITY_TYPE_ID } from './authority-mapping.ts';
export { BitrixError, isBitrixError } from './bitrix-error.ts';
export {
  type BitrixEventSend,
  type BitrixEvents,
  type BitrixEventsOptions,
  bitrixEvents,
  fetchSend,
} from './bitrix-events.ts';
export { type BitrixRoutesOptions, type BitrixWebhook, bitrixRoutes } from './bitrix-routes.ts';
export { type BitrixEventHandler, BitrixEventHandlers } from './event-handlers.ts';
export { eventNameOf, KNOWN_EVENTS } from './event-names.ts';
export type { UserFieldEntity, UserTypeId } from './user-field-registry.ts';
