/**
 * The smaller scenarios one step of shrinking tries, on the file's own form (the YAML as plain
 * data), so the minimal file the shrinker writes reads like the one it started from. Each
 * candidate says what it changed, for the progress lines.
 */

export type RawScenario = Record<string, unknown> & {
  timeline?: RawEntry[];
  traffic?: Record<string, unknown>;
};
type RawEntry = Record<string, unknown> & { fault?: Record<string, unknown> };

export interface Candidate {
  readonly change: string;
  readonly scenario: RawScenario;
}

const copy = <T>(value: T): T => structuredClone(value);
const MIN_WINDOW_MS = 1_000;

/** Milliseconds of a duration as scenario files write it ("30s", "500ms", 12 bare seconds). */
export function durationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return value * 1_000;
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(value.trim()) : null;
  if (!match) return undefined;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

const asDuration = (ms: number) => (ms % 1_000 === 0 ? `${ms / 1_000}s` : `${Math.round(ms)}ms`);

export function describeEntry(entry: RawEntry): string {
  const fault = entry.fault as { target?: string; effect?: { type?: string } } | undefined;
  const action = entry.action as { type?: string } | undefined;
  const what = fault ? `${fault.target} ${fault.effect?.type}` : `action ${action?.type}`;
  return `${what} at ${String(entry.at)}`;
}

/** Drop timeline entries: halves first, then smaller chunks, down to single entries (ddmin). */
export function* droppedEntries(scenario: RawScenario): Generator<Candidate> {
  const timeline = scenario.timeline ?? [];
  for (
    let chunk = Math.ceil(timeline.length / 2);
    chunk >= 1;
    chunk = chunk === 1 ? 0 : Math.ceil(chunk / 2)
  ) {
    for (let from = 0; from < timeline.length; from += chunk) {
      const dropped = timeline.slice(from, from + chunk);
      const kept = [...timeline.slice(0, from), ...timeline.slice(from + chunk)];
      const next = copy(scenario);
      next.timeline = copy(kept);
      yield { change: `drop ${dropped.map(describeEntry).join(', ')}`, scenario: next };
    }
  }
}

/** Halve a fault's window, keeping its start (a window shorter than 1 s is left alone). */
export function* narrowedWindows(scenario: RawScenario): Generator<Candidate> {
  for (const [index, entry] of (scenario.timeline ?? []).entries()) {
    const windowMs = durationMs(entry.for ?? undefined);
    const endMs = durationMs(scenario.duration);
    const atMs = durationMs(entry.at) ?? 0;
    const current = windowMs ?? (endMs === undefined ? undefined : endMs - atMs);
    if (!entry.fault || current === undefined || current / 2 < MIN_WINDOW_MS) continue;
    const next = copy(scenario);
    (next.timeline as RawEntry[])[index] = { ...entry, for: asDuration(current / 2) };
    yield { change: `narrow ${describeEntry(entry)} to ${asDuration(current / 2)}`, scenario: next };
  }
}

/** Halve a fault's probability (one in a thousand is the floor), or give an always-on fault one of 0.5. */
export function* loweredProbabilities(scenario: RawScenario): Generator<Candidate> {
  for (const [index, entry] of (scenario.timeline ?? []).entries()) {
    if (!entry.fault) continue;
    const current = typeof entry.fault.probability === 'number' ? entry.fault.probability : 1;
    const lower = Math.round((current / 2) * 1_000) / 1_000;
    if (lower < 0.001) continue;
    const next = copy(scenario);
    (next.timeline as RawEntry[])[index] = { ...entry, fault: { ...entry.fault, probability: lower } };
    yield { change: `lower ${describeEntry(entry)} to probability ${lower}`, scenario: next };
  }
}

/** Halve each traffic rate (whole numbers from 1 up; 0 when it was 1). */
export function* loweredRates(scenario: RawScenario): Generator<Candidate> {
  for (const [name, value] of Object.entries(scenario.traffic ?? {})) {
    if (typeof value !== 'number' || value === 0) continue;
    const lower = value <= 1 ? 0 : Math.floor(value / 2);
    const next = copy(scenario);
    next.traffic = { ...scenario.traffic, [name]: lower };
    yield { change: `lower ${name} to ${lower}`, scenario: next };
  }
}

/** Halve the run's duration, never cutting into a timeline entry. */
export function* shortenedRuns(scenario: RawScenario): Generator<Candidate> {
  const total = durationMs(scenario.duration);
  if (total === undefined) return;
  const needed = Math.max(
    0,
    ...(scenario.timeline ?? []).map((e) => (durationMs(e.at) ?? 0) + (durationMs(e.for) ?? 0)),
  );
  const shorter = Math.max(needed, Math.ceil(total / 2 / 1_000) * 1_000);
  if (shorter >= total || shorter < MIN_WINDOW_MS) return;
  yield {
    change: `shorten the run to ${asDuration(shorter)}`,
    scenario: { ...copy(scenario), duration: asDuration(shorter) },
  };
}

/** Every kind of step, biggest cuts first. */
export const SHRINK_STEPS = [
  droppedEntries,
  shortenedRuns,
  narrowedWindows,
  loweredProbabilities,
  loweredRates,
];
