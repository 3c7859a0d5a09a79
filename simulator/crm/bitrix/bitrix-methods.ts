import type { Clock } from '../../../infra/clock.ts';
import { CrmRecordNotFoundError } from '../crm-store.ts';
import { activityMapping } from './activity-mapping.ts';
import { batchMethod } from './batch.ts';
import { bitrixErrors } from './bitrix-error.ts';
import type { BitrixCallContext, BitrixMethodResult, BitrixMethods, BitrixParams } from './bitrix-method.ts';
import { companyMapping } from './company-mapping.ts';
import { contactMapping } from './contact-mapping.ts';
import { crmEntityMethods } from './crm-entity-methods.ts';
import { crmItemMethods } from './crm-item-methods.ts';
import type { MappingView } from './entity-mapping.ts';
import type { BitrixEventHandlers } from './event-handlers.ts';
import { eventMethods } from './event-methods.ts';
import { userFieldMethods } from './userfield-methods.ts';

export interface BitrixPortal {
  readonly view: MappingView;
  readonly handlers: BitrixEventHandlers;
  readonly clock: Clock;
}

/** Calls a method by name, in any case; unknown names are ERROR_METHOD_NOT_FOUND. */
export type BitrixDispatch = (
  name: string,
  params: BitrixParams,
  context: BitrixCallContext,
) => BitrixMethodResult;

/** Every REST method the simulated portal answers, and the dispatcher `batch` shares with HTTP. */
export function bitrixDispatch(portal: BitrixPortal): BitrixDispatch {
  const { view, handlers, clock } = portal;
  const methods: BitrixMethods = new Map([
    ...crmEntityMethods('crm.company', companyMapping, view),
    ...crmEntityMethods('crm.contact', contactMapping, view),
    ...crmEntityMethods('crm.activity', activityMapping, view),
    ...crmItemMethods(view),
    ...userFieldMethods(view.userFields),
    ...eventMethods(handlers),
  ]);
  const dispatch: BitrixDispatch = (name, params, context) => {
    const method = methods.get(name.toLowerCase());
    if (!method) throw bitrixErrors.methodNotFound();
    try {
      return method(params, context);
    } catch (error) {
      // A record removed between the existence check and the write: the portal's answer is the same.
      if (error instanceof CrmRecordNotFoundError) throw bitrixErrors.notFound();
      throw error;
    }
  };
  methods.set('batch', batchMethod(dispatch, clock, view.offsetMinutes));
  return dispatch;
}
