import type { EntityChange, EntityWriter } from '../sequencer/entity-writer.ts';

/** What a source's reference log says about one entity. */
export interface SourceReference<T> {
  /** The last sequence number the source's feed gave the entity. */
  readonly lastSequence: number;
  /** The entity's state to heal the cache with; null when the source no longer has it. */
  heal(): Promise<EntityChange<T> | null>;
}

/** A sequenced feed that sampled validation checks against its source's reference log (incident I6). */
export interface ValidatedChannel<T> {
  /** The sequencer's channel, e.g. `mdm.mq`. */
  readonly channel: string;
  /** The metrics' `source` label. */
  readonly source: 'crm' | 'mdm';
  readonly writer: EntityWriter<T>;
  /** The reference for an entity; undefined when the source does not know it. */
  reference(entity: string, id: string): Promise<SourceReference<T> | undefined>;
}
