import { readFile } from 'node:fs/promises';
import { k6Binary } from '../../infra/k6/k6-binary.ts';
import { createLogger } from '../../infra/logger.ts';
import { findExecutable } from '../../infra/process/find-executable.ts';
import { parseScenario } from '../../scenarios/runner/load-scenario.ts';
import { runScenario } from '../../scenarios/runner/run-scenario.ts';
import type { ScenarioEnvironment } from '../../scenarios/runner/scenario-environment.ts';
import type { Scenario } from '../../scenarios/runner/scenario-schema.ts';
import type { ScenarioResult } from '../../scenarios/runner/verdict.ts';
import type { CliConfig } from '../config.ts';
import { progressReporter } from '../progress-reporter.ts';

/** A scenario to run: the parsed file and its text, which the report keeps for a replay. */
export interface ScenarioJob {
  readonly file: string;
  readonly source: string;
  readonly scenario: Scenario;
}

export async function readScenarioJob(file: string): Promise<ScenarioJob> {
  const source = await readFile(file, 'utf8');
  return { file, source, scenario: parseScenario(source, file) };
}

/**
 * Runs one scenario with a progress line on stderr; a run that breaks (not a failed check) comes
 * back as a failed result with its cause, so the others still run and the report says why.
 */
export async function runScenarioJob(
  job: ScenarioJob,
  environment: ScenarioEnvironment,
  config: CliConfig,
  label = job.scenario.name,
): Promise<ScenarioResult> {
  const { file, scenario } = job;
  const reporter = progressReporter(label);
  try {
    return await runScenario(scenario, file, {
      environment,
      // Redeliveries under injected faults are the point of a run; the verdicts tell the story.
      log: createLogger(`sync:${scenario.name}`, config.logLevel ?? 'error'),
      onProgress: (p) => reporter.update(p),
      k6Binary: () =>
        k6Binary({
          env: process.env,
          go: findExecutable('go', process.env),
          progress: (line) => process.stderr.write(`${line}\n`),
        }),
      env: process.env,
    });
  } catch (error) {
    return {
      scenario: scenario.name,
      file,
      bus: environment.busKind,
      seed: scenario.seed,
      verdicts: [],
      passed: false,
      realDurationMs: 0,
      error: (error as Error).message,
    };
  } finally {
    reporter.finish();
  }
}
