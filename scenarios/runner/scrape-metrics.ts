import { type MetricSample, parseMetrics } from './metrics-text.ts';

/** Reads the named metrics from the sync service's `/metrics` (an instance in another process too). */
export async function scrapeMetrics(syncUrl: string, wanted: readonly string[]): Promise<MetricSample[]> {
  const response = await fetch(`${syncUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
  return parseMetrics(await response.text(), wanted);
}

/** The value of a metric with these labels, or undefined. */
export function metricValue(
  samples: readonly MetricSample[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;
}
