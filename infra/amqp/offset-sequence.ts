/**
 * Offsets for a transport that has none. The publisher stamps each message with the next number of
 * its (topic, partition), so offsets rise in publish order within a partition and a redelivered
 * message keeps its own. They are unique only while one publisher writes a topic (the simulator
 * owns each feed); two publishers would interleave overlapping ranges.
 */
export interface OffsetSequence {
  next(topic: string, partition: number): number;
}

/**
 * `base` is the first offset of every partition. The bus passes a clock-derived base by default, so
 * a restarted publisher continues above its earlier offsets (the dead-letter table is keyed on them).
 */
export function createOffsetSequence(base: number): OffsetSequence {
  const last = new Map<string, number>();
  return {
    next(topic, partition) {
      const slot = `${partition}\u0000${topic}`;
      const offset = (last.get(slot) ?? base - 1) + 1;
      last.set(slot, offset);
      return offset;
    },
  };
}
