import type { MdmLegalDetails } from '../../contracts/mdm/mdm-schemas.ts';
import type { Clock } from '../../infra/clock.ts';
import type { World } from '../data/world.ts';

export type MdmPatch = Partial<Pick<MdmLegalDetails, 'kpp' | 'legalAddress' | 'bankRequisites'>>;

/** A change behind the MDM's API: no message on the feed. Checkers read these. */
export interface MdmDrift {
  readonly clientId: string;
  readonly fields: readonly string[];
  readonly at: string;
}

/**
 * The MDM's truth: legal details per client, seeded from the world on demand, changed ones kept
 * in an overlay. `change` tells the listeners (the feed); `greyEdit` does not, and is drift.
 */
export class MdmStore {
  readonly drift: MdmDrift[] = [];
  private readonly world: World;
  private readonly clock: Clock;
  private readonly changed = new Map<string, MdmLegalDetails>();
  private readonly listeners = new Set<(details: MdmLegalDetails) => void>();

  constructor(world: World, clock: Clock) {
    this.world = world;
    this.clock = clock;
  }

  get(clientId: string): MdmLegalDetails | undefined {
    const changed = this.changed.get(clientId);
    if (changed) return changed;
    const index = this.world.indexOfClientId(clientId);
    if (index === undefined) return undefined;
    const details = this.world.legalDetailsOf(index);
    return {
      clientId,
      inn: details.inn,
      kpp: details.kpp,
      ogrn: details.ogrn,
      legalAddress: details.legalAddress.text,
      bankRequisites: {
        ...details.bankRequisites,
        settlementAccounts: [...details.bankRequisites.settlementAccounts],
      },
      version: 1,
      updatedAt: `${this.world.clientAt(index).registeredOn}T00:00:00.000Z`,
    };
  }

  /** The client with this INN, found in the seeded world (INN look-ups are how banks query an MDM). */
  findByInn(inn: string): MdmLegalDetails | undefined {
    for (const details of this.changed.values()) if (details.inn === inn) return details;
    for (let i = 0; i < this.world.clients; i++) {
      if (this.world.clientAt(i).inn === inn) return this.get(this.world.clientIdAt(i));
    }
    return undefined;
  }

  onChange(listener: (details: MdmLegalDetails) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  change(clientId: string, patch: MdmPatch): MdmLegalDetails {
    const details = this.apply(clientId, patch);
    for (const listener of this.listeners) listener(details);
    return details;
  }

  greyEdit(clientId: string, patch: MdmPatch): MdmLegalDetails {
    const details = this.apply(clientId, patch);
    this.drift.push({ clientId, fields: Object.keys(patch), at: details.updatedAt });
    return details;
  }

  private apply(clientId: string, patch: MdmPatch): MdmLegalDetails {
    const current = this.get(clientId);
    if (!current) throw new Error(`Failed to change legal details: no client ${clientId} in the MDM.`);
    const details = {
      ...current,
      ...patch,
      version: current.version + 1,
      updatedAt: new Date(this.clock.now()).toISOString(),
    };
    this.changed.set(clientId, details);
    return details;
  }
}
