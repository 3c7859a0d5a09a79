/**
 * A long history (postings, interactions) that is never materialised: time is cut into buckets
 * (days, weeks), each bucket's entry count and each entry's instant are pure functions of the
 * bucket, so any window is found by walking bucket counts: one hash per bucket, no entry built
 * until it is on the requested page.
 */
export interface Series {
  /** Bucket b covers [origin + b × bucketMs, origin + (b + 1) × bucketMs). */
  readonly origin: number;
  readonly bucketMs: number;
  /** The history covers [start, end); entries outside it do not exist. */
  readonly start: number;
  readonly end: number;
  countIn(bucket: number): number;
  /** Instant of entry k of `count` in the bucket: inside the bucket, never decreasing with k. */
  timeOf(bucket: number, k: number, count: number): number;
}

export interface SeriesEntry {
  readonly bucket: number;
  readonly k: number;
  readonly at: number;
  /** 1-based over the whole series, so an entry's number never depends on the window asked for. */
  readonly sequence: number;
}

export interface SeriesPage {
  readonly entries: readonly SeriesEntry[];
  /** Entries in [from, to). */
  readonly total: number;
}

function bucketOf(series: Series, ms: number): number {
  return Math.floor((ms - series.origin) / series.bucketMs);
}

/** Entries of the bucket inside [lo, hi); only buckets cut by an edge pay for per-entry instants. */
function countWithin(series: Series, bucket: number, lo: number, hi: number): number {
  const count = series.countIn(bucket);
  const bucketStart = series.origin + bucket * series.bucketMs;
  if (bucketStart >= lo && bucketStart + series.bucketMs <= hi) return count;
  let inside = 0;
  for (let k = 0; k < count; k++) {
    const at = series.timeOf(bucket, k, count);
    if (at >= lo && at < hi) inside++;
  }
  return inside;
}

/** The entries of [from, to), skipping `offset` of them and returning at most `limit`, in time order. */
export function pageSeries(
  series: Series,
  from: number,
  to: number,
  offset: number,
  limit: number,
): SeriesPage {
  const lo = Math.max(from, series.start);
  const hi = Math.min(to, series.end);
  if (lo >= hi) return { entries: [], total: 0 };
  let sequence = 0;
  for (let b = bucketOf(series, series.start); b < bucketOf(series, lo); b++) {
    sequence += countWithin(series, b, series.start, series.end);
  }
  const entries: SeriesEntry[] = [];
  let total = 0;
  const last = bucketOf(series, hi - 1);
  for (let b = bucketOf(series, lo); b <= last; b++) {
    const bucketStart = series.origin + b * series.bucketMs;
    const whole = bucketStart >= lo && bucketStart + series.bucketMs <= hi;
    const count = series.countIn(b);
    if (whole && (total + count <= offset || entries.length >= limit)) {
      total += count;
      sequence += count;
      continue;
    }
    for (let k = 0; k < count; k++) {
      const at = series.timeOf(b, k, count);
      if (at < series.start || at >= series.end) continue;
      sequence++;
      if (at < lo || at >= hi) continue;
      if (total >= offset && entries.length < limit) entries.push({ bucket: b, k, at, sequence });
      total++;
    }
  }
  return { entries, total };
}
