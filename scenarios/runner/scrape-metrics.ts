import { type MetricSample, parseMetrics } from './metrics-text.ts';

/**
 * The sync service's `/metrics` text. The runner's sync services run without bearer tokens (in
 * process: no `auth`; a process of its own: `--no-auth`), so none is sent; any answer but a 200 —
 * a 401 if that ever changed — fails the scrape instead of being read as a page without metrics.
 */
export async function metricsText(syncUrl: string, timeoutMs: number): Promise<string> {
  const response = await fetch(`${syncUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`Failed to scrape ${syncUrl}/metrics: it answered ${response.status}.`);
  return response.text();
}

/** Reads the named metrics from the sync service's `/metrics` (an instance in another process too). */
export async function scrapeMetrics(syncUrl: string, wanted: readonly string[]): Promise<MetricSample[]> {
  return parseMetrics(await metricsText(syncUrl, 5_000), wanted);
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
