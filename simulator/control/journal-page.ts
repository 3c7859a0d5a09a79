import type { z } from 'zod';
import type { FaultJournal } from '../faults/index.ts';
import type { journalPageSchema } from './control-schemas.ts';

/** One page of the fault journal for `GET /_control/faults/journal`, with the exact totals. */
export function journalPage(
  journal: FaultJournal,
  after: number,
  limit: number,
): z.infer<typeof journalPageSchema> {
  const entries = journal.page(after, limit);
  const last = entries.at(-1)?.seq;
  return {
    entries: [...entries],
    next: last !== undefined && last < journal.total ? last : null,
    dropped: journal.dropped,
    totals: {
      appended: journal.total,
      held: journal.total - journal.dropped,
      capacity: journal.capacity,
      byRule: journal.allCounts(),
    },
  };
}
