import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { historyLine } from '../../scenarios/report/verdict-table.ts';
import { parseScenario } from '../../scenarios/runner/load-scenario.ts';
import { startScenarioEnvironment } from '../../scenarios/runner/scenario-environment.ts';
import type { RawScenario } from '../../scenarios/shrink/shrink-candidates.ts';
import { failsVerdict, shrinkScenario } from '../../scenarios/shrink/shrink-scenario.ts';
import type { CliConfig } from '../config.ts';
import { runScenarioJob } from './scenario-job.ts';

export interface ScenarioShrinkOptions {
  readonly kafka: boolean;
  /** The verdict that must keep failing. Default: the first one the scenario fails. */
  readonly verdict?: string;
  readonly maxRuns: string;
  /** Where the minimal scenario goes. Default `<file>.min.yaml` beside the file. */
  readonly out?: string;
}

/** Exit codes of `corebridge scenario shrink`, as the README documents them. */
export const SHRINK_EXIT = { written: 0, doesNotFail: 1, badInput: 2 } as const;

const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `corebridge scenario shrink <file>`: runs the scenario, then ever smaller versions of it that
 * still fail the same verdict, each a real run, and writes the smallest as a scenario file.
 */
export async function scenarioShrink(
  file: string,
  options: ScenarioShrinkOptions,
  config: CliConfig,
): Promise<number> {
  const maxRuns = Number(options.maxRuns);
  if (!Number.isInteger(maxRuns) || maxRuns < 1) {
    say(
      `Failed to shrink ${file}: --max-runs ${options.maxRuns} is not a whole number ≥ 1. Pass e.g. --max-runs 40.`,
    );
    return SHRINK_EXIT.badInput;
  }
  const source = await readFile(file, 'utf8');
  const scenario = parseScenario(source, file);
  const out = options.out ?? join(dirname(file), `${basename(file).replace(/\.ya?ml$/, '')}.min.yaml`);
  if (resolve(out) === resolve(file)) {
    say(
      `Failed to shrink ${file}: --out names the scenario itself. Pass another file; the original stays as it is.`,
    );
    return SHRINK_EXIT.badInput;
  }
  await using environment = await startScenarioEnvironment({
    kafka: options.kafka,
    databaseUrl: config.databaseUrl,
  });
  say(`Shrinking ${scenario.name} on ${environment.describe}: first the scenario as it is.`);
  const original = await runScenarioJob(
    { file, source, scenario },
    environment,
    config,
    `${scenario.name} as given`,
  );
  const verdict = options.verdict ?? original.verdicts.find((v) => !v.passed)?.check;
  if (!verdict || !failsVerdict(original, verdict)) {
    say(
      original.error
        ? `Failed to shrink ${file}: the run broke (${original.error}). Fix that first; shrinking keeps a failed verdict, not a broken run.`
        : `Nothing to shrink: ${file} ${verdict ? `passes the ${verdict} verdict` : 'passes every verdict'}. Pass --verdict <check> with a verdict it fails.`,
    );
    return SHRINK_EXIT.doesNotFail;
  }
  say(
    `It fails ${verdict}${original.history ? ` (${historyLine(original.history)})` : ''}. Shrinking, at most ${maxRuns} runs:`,
  );
  const result = await shrinkScenario(parse(source) as RawScenario, {
    verdict,
    maxRuns,
    run: (candidate) =>
      runScenarioJob(
        { file, source: '', scenario: candidate },
        environment,
        config,
        `${scenario.name} candidate`,
      ),
    onStep: (step) =>
      say(
        `  [${step.run}/${maxRuns}] ${step.change}: ${step.stillFails ? `still fails ${verdict}, kept` : 'passes, dropped'}`,
      ),
  });
  const minimal = {
    ...result.scenario,
    name: `${scenario.name}-min`,
    description: `Shrunk from ${file} (fails ${verdict}) in ${result.runs} runs: ${result.kept.join('; ') || 'nothing could go'}.`,
  };
  await writeFile(out, stringify(minimal));
  process.stdout.write(
    `${result.exhaustive ? 'Minimal' : `Smallest found within ${maxRuns} runs`}: ${out} (${result.kept.length} of ${result.runs} steps kept; it fails ${verdict}).\n`,
  );
  return SHRINK_EXIT.written;
}
