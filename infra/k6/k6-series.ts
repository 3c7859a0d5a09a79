import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One time bucket of a k6 run, as the report charts it. */
export interface K6Bucket {
  /** Start of the bucket, real epoch ms. */
  readonly at: number;
  /** Requests completed in the bucket, per second. */
  readonly rps: number;
  /** Requests that failed (k6's `http_req_failed`), per second. */
  readonly failedPerSecond: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

interface K6Point {
  readonly type: string;
  readonly metric: string;
  readonly data?: { readonly time: string; readonly value: number };
}

/**
 * Reads k6's `--out json=` file (one JSON object a line, a `Point` per sample) into buckets of
 * `bucketMs`: request rate, failures and p95/p99 of `http_req_duration`. Streamed, so a long soak's
 * file is never held in memory whole.
 */
export async function k6Series(file: string, bucketMs = 1_000): Promise<K6Bucket[]> {
  const buckets = new Map<number, { durations: number[]; failed: number }>();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.includes('"Point"')) continue;
    const point = JSON.parse(line) as K6Point;
    if (!point.data || (point.metric !== 'http_req_duration' && point.metric !== 'http_req_failed')) continue;
    const at = Math.floor(Date.parse(point.data.time) / bucketMs) * bucketMs;
    let bucket = buckets.get(at);
    if (!bucket) {
      bucket = { durations: [], failed: 0 };
      buckets.set(at, bucket);
    }
    if (point.metric === 'http_req_duration') bucket.durations.push(point.data.value);
    else bucket.failed += point.data.value;
  }
  const perSecond = 1_000 / bucketMs;
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, { durations, failed }]) => {
      const sorted = durations.sort((a, b) => a - b);
      return {
        at,
        rps: durations.length * perSecond,
        failedPerSecond: failed * perSecond,
        p95Ms: percentile(sorted, 95),
        p99Ms: percentile(sorted, 99),
      };
    });
}
