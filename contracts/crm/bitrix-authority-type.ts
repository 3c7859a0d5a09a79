/**
 * The entity type id of the portal's smart process that holds authorities (who may sign, who sees
 * which accounts): Bitrix24 numbers custom smart processes from 1036 on. Both the simulated portal
 * and the sync service's Bitrix mapping speak of it.
 */
export const AUTHORITY_ENTITY_TYPE_ID = 1036;
