import { isDeepStrictEqual } from 'node:util';
import type { CrmStore } from '../../simulator/crm/crm-store.ts';

/**
 * Watches the CRM's client cards for flip-flops: a field whose value goes A → B → A → B, the mark
 * of two systems overwriting each other. Counts the fields that did.
 */
export function watchFlipFlops(store: CrmStore) {
  const history = new Map<string, unknown[]>();
  const off = store.onChange((change) => {
    if (change.entity !== 'company') return;
    const record = store.get('company', change.id) as Record<string, unknown> | undefined;
    if (!record) return;
    for (const field of change.changedFields) {
      const key = `${change.id}.${field}`;
      const values = history.get(key) ?? [];
      if (!isDeepStrictEqual(values.at(-1), record[field])) values.push(record[field]);
      history.set(key, values);
    }
  });
  return {
    get flipFlops(): number {
      let count = 0;
      for (const values of history.values()) {
        const flipped = values.some(
          (value, i) =>
            i + 3 < values.length &&
            isDeepStrictEqual(value, values[i + 2]) &&
            isDeepStrictEqual(values[i + 1], values[i + 3]),
        );
        if (flipped) count += 1;
      }
      return count;
    },
    stop: off,
  };
}
