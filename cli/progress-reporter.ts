import cliProgress from 'cli-progress';
import type { RunProgress } from '../scenarios/runner/run-scenario.ts';

export interface ProgressReporter {
  update(progress: RunProgress): void;
  finish(): void;
}

/** A live bar on a terminal; on CI (no TTY) one line per quarter of the run, so logs stay short. */
export function progressReporter(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter {
  const describe = (p: RunProgress) =>
    `booked ${p.booked} · source backlog ${p.sourceBacklog} · applied ${p.applied}${p.faultsOn.length ? ` · FAULT: ${p.faultsOn.join(', ')}` : ''}`;
  if (!stream.isTTY) {
    let lastQuarter = -1;
    let lastPhase = '';
    return {
      update(p) {
        const quarter = Math.floor((4 * p.elapsedMs) / p.durationMs);
        if (p.phase === lastPhase && (p.phase !== 'running' || quarter === lastQuarter)) return;
        lastPhase = p.phase;
        lastQuarter = quarter;
        stream.write(
          `  ${label} ${p.phase} ${(p.elapsedMs / 1000).toFixed(0)}s/${p.durationMs / 1000}s · ${describe(p)}\n`,
        );
      },
      finish() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `  ${label} [{bar}] {value}/{total} s {phase} · {detail}`, hideCursor: true, stream },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = { phase: p.phase, detail: describe(p) };
      const value = Math.min(Math.round(p.elapsedMs / 1000), p.durationMs / 1000);
      if (!started) {
        bar.start(p.durationMs / 1000, value, payload);
        started = true;
      } else bar.update(value, payload);
    },
    finish() {
      if (started) bar.stop();
    },
  };
}
