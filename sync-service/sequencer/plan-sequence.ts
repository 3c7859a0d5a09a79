/** One sequenced item about one entity, from one channel. */
export interface Sequenced {
  readonly entity: string;
  readonly id: string;
  readonly sequence: number;
}

export interface EntityGap {
  readonly entity: string;
  readonly id: string;
  /** The last sequence applied for the entity from this channel. */
  readonly lastApplied: number;
  /** The first sequence that arrived beyond the gap. */
  readonly firstBeyond: number;
}

export interface SequencePlan<T extends Sequenced> {
  /** In order per entity, each exactly the next sequence. */
  readonly apply: T[];
  readonly duplicates: number;
  /** Entities whose next message is missing: what is beyond it waits for a point fetch. */
  readonly gaps: EntityGap[];
}

export const entityKey = (entity: string, id: string): string => `${entity}:${id}`;

/**
 * The sequencer's rule per entity, given the last applied sequence N: N+1 applies, ≤ N is a
 * duplicate and is dropped, > N+1 is a gap (a lost message).
 */
export function planSequence<T extends Sequenced>(
  items: readonly T[],
  lastApplied: ReadonlyMap<string, number>,
): SequencePlan<T> {
  const byEntity = new Map<string, T[]>();
  for (const item of items) {
    const key = entityKey(item.entity, item.id);
    const list = byEntity.get(key) ?? [];
    list.push(item);
    byEntity.set(key, list);
  }
  const apply: T[] = [];
  const gaps: EntityGap[] = [];
  let duplicates = 0;
  for (const [key, list] of byEntity) {
    list.sort((a, b) => a.sequence - b.sequence);
    let last = lastApplied.get(key) ?? 0;
    for (const item of list) {
      if (item.sequence <= last) {
        duplicates += 1;
      } else if (item.sequence === last + 1) {
        apply.push(item);
        last = item.sequence;
      } else {
        gaps.push({ entity: item.entity, id: item.id, lastApplied: last, firstBeyond: item.sequence });
        break;
      }
    }
  }
  return { apply, duplicates, gaps };
}
