import type pg from 'pg';
import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import { crmRecordWriter } from '../cache/crm-record-writer.ts';
import type { SyncMetrics } from '../metrics.ts';
import { applyEntityChanges, closeGap } from '../sequencer/apply-entity-changes.ts';
import type { EntityChange } from '../sequencer/entity-writer.ts';

const CHANNEL = 'crm.webhook';

/**
 * Applies webhook deliveries through the sequencer on channel `crm.webhook`: a delivery under
 * another key of a change already applied is dropped as a duplicate; a version gap (a delivery
 * lost or still on its way, a change behind the API) is closed with the full state of the
 * delivery that revealed it, which supersedes whatever is missing.
 */
export async function applyDeliveries(
  pool: pg.Pool,
  metrics: SyncMetrics,
  changes: readonly EntityChange<CrmRecord>[],
): Promise<void> {
  let plan = await applyEntityChanges(pool, CHANNEL, changes, crmRecordWriter);
  metrics.applied.inc({ channel: CHANNEL }, plan.apply.length);
  metrics.duplicates.inc({ channel: CHANNEL }, plan.duplicates);
  while (plan.gaps.length > 0) {
    for (const gap of plan.gaps) {
      metrics.gaps.inc({ channel: CHANNEL });
      const revealing = changes.find(
        (c) => c.entity === gap.entity && c.id === gap.id && c.sequence === gap.firstBeyond,
      );
      if (revealing) await closeGap(pool, CHANNEL, gap, revealing, crmRecordWriter);
    }
    plan = await applyEntityChanges(pool, CHANNEL, changes, crmRecordWriter);
    metrics.applied.inc({ channel: CHANNEL }, plan.apply.length);
  }
}
