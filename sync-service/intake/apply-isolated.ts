import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import { runInTrace, traceFromHeaders } from '../../infra/tracing/trace-context.ts';
import type { EntityChange } from '../sequencer/entity-writer.ts';

export interface ClaimedDelivery {
  readonly key: string;
  readonly change: EntityChange<CrmRecord>;
  /** The headers of the request that brought it (incident I11). */
  readonly trace: Record<string, string>;
}

export interface IsolatedOutcome {
  readonly applied: readonly string[];
  readonly failed: readonly { readonly key: string; readonly error: unknown }[];
  /** Why the batch as a whole failed, when it did. */
  readonly batchError?: unknown;
}

type Apply = (changes: readonly EntityChange<CrmRecord>[]) => Promise<void>;

/**
 * Applies claimed deliveries as one batch and, if that fails, each alone in claim order, so one
 * delivery that cannot be applied fails only itself. Alone, each logs under its own request's ids;
 * together, under the first's. The sequencer drops what a failed batch had already applied as a
 * duplicate, so going through the batch twice is harmless.
 */
export async function applyIsolated(
  deliveries: readonly ClaimedDelivery[],
  apply: Apply,
): Promise<IsolatedOutcome> {
  const inTrace = (d: ClaimedDelivery | undefined, work: () => Promise<void>) =>
    runInTrace(traceFromHeaders(d?.trace ?? {}), work);
  try {
    await inTrace(deliveries[0], () => apply(deliveries.map((d) => d.change)));
    return { applied: deliveries.map((d) => d.key), failed: [] };
  } catch (batchError) {
    // Alone already: trying again at once would only repeat the failure.
    const [only] = deliveries;
    if (only && deliveries.length === 1)
      return { applied: [], failed: [{ key: only.key, error: batchError }], batchError };
    const applied: string[] = [];
    const failed: { key: string; error: unknown }[] = [];
    for (const delivery of deliveries) {
      try {
        await inTrace(delivery, () => apply([delivery.change]));
        applied.push(delivery.key);
      } catch (error) {
        failed.push({ key: delivery.key, error });
      }
    }
    return { applied, failed, batchError };
  }
}
