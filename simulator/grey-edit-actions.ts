import type { CrmStore } from './crm/crm-store.ts';
import type { World } from './data/world.ts';
import type { FaultEngine } from './faults/index.ts';
import type { MdmStore } from './mdm/mdm-store.ts';

/**
 * Grey edits of the CRM and the MDM when a fault rule asks for them: someone fixes a client card
 * or a legal address straight in the database — no webhook, no change event, no MQ message. The
 * ABS has its own (abs/abs-actions.ts). The seeded `random` picks the same clients on a replay.
 */
export function registerGreyEditActions(
  engine: FaultEngine,
  world: World,
  crm: CrmStore,
  mdm: MdmStore,
): () => void {
  return engine.onAction('grey-edit', ({ target, effect, random }) => {
    const pick = () => Math.floor(random() * world.clients);
    const edited: string[] = [];
    for (let i = 0; i < effect.count; i++) {
      const index = pick();
      if (target.startsWith('crm.')) {
        const id = String(index + 1);
        crm.greyEdit('company', id, { phone: `+7999${String(Math.floor(random() * 1e7)).padStart(7, '0')}` });
        edited.push(`company:${id}`);
      } else if (target.startsWith('mdm.')) {
        const clientId = world.clientIdAt(index);
        mdm.greyEdit(clientId, {
          legalAddress: `${world.clientAt(index).legalAddress.text}, помещение ${1 + Math.floor(random() * 99)}`,
        });
        edited.push(clientId);
      }
    }
    return edited.length > 0 ? { edited } : undefined;
  });
}
