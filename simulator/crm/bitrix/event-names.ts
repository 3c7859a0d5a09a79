import type { CrmChange, CrmEntity } from '../../../contracts/crm/crm-records.ts';
import { AUTHORITY_ENTITY_TYPE_ID } from './authority-mapping.ts';

const STEM: Record<CrmEntity, string> = {
  company: 'ONCRMCOMPANY',
  contact: 'ONCRMCONTACT',
  task: 'ONCRMACTIVITY',
  authority: 'ONCRMDYNAMICITEM',
};

const VERB: Record<CrmChange['operation'], string> = { create: 'ADD', update: 'UPDATE', delete: 'DELETE' };

/**
 * The portal's event for a change: `ONCRMCONTACTUPDATE`, `ONCRMACTIVITYADD`; smart-process items
 * carry their type: `ONCRMDYNAMICITEMUPDATE_1036`.
 */
export function eventNameOf(entity: CrmEntity, operation: CrmChange['operation']): string {
  const name = `${STEM[entity]}${VERB[operation]}`;
  return entity === 'authority' ? `${name}_${AUTHORITY_ENTITY_TYPE_ID}` : name;
}

/** Every event a client may bind to on the simulated portal. */
export const KNOWN_EVENTS: ReadonlySet<string> = new Set(
  (Object.keys(STEM) as CrmEntity[]).flatMap((entity) =>
    (Object.keys(VERB) as CrmChange['operation'][]).map((operation) => eventNameOf(entity, operation)),
  ),
);
