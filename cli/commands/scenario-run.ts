import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { k6Binary } from '../../infra/k6/k6-binary.ts';
import { createLogger } from '../../infra/logger.ts';
import { findExecutable } from '../../infra/process/find-executable.ts';
import { junitXml } from '../../scenarios/report/junit-xml.ts';
import { verdictTable } from '../../scenarios/report/verdict-table.ts';
import { writeReportIndex, writeRunReport } from '../../scenarios/report/write-reports.ts';
import { loadScenario } from '../../scenarios/runner/load-scenario.ts';
import { runScenario } from '../../scenarios/runner/run-scenario.ts';
import { startScenarioEnvironment } from '../../scenarios/runner/scenario-environment.ts';
import type { Scenario } from '../../scenarios/runner/scenario-schema.ts';
import type { ScenarioResult } from '../../scenarios/runner/verdict.ts';
import type { CliConfig } from '../config.ts';
import { progressReporter } from '../progress-reporter.ts';

export interface ScenarioRunOptions {
  readonly kafka: boolean;
  readonly junit?: string;
  /** Folder for each run's HTML and JSON report and the index. */
  readonly reports: string;
}

async function scenarioFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => {
    throw new Error(
      `Failed to find scenarios: ${target} does not exist. Pass a .yaml file or a folder of them.`,
    );
  });
  if (info.isFile()) return [target];
  const names = (await readdir(target)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  if (names.length === 0) throw new Error(`Failed to find scenarios: no .yaml files in ${target}.`);
  return names.map((n) => join(target, n));
}

/** `corebridge scenario run <file|dir>`: every file is validated before any runs; exit 0 only when all pass. */
export async function scenarioRun(
  target: string,
  options: ScenarioRunOptions,
  config: CliConfig,
): Promise<number> {
  const files = await scenarioFiles(target);
  const scenarios: Array<[string, Scenario]> = [];
  for (const file of files) scenarios.push([file, await loadScenario(file)]);

  await using environment = await startScenarioEnvironment({
    kafka: options.kafka,
    databaseUrl: config.databaseUrl,
  });
  process.stderr.write(`Running ${scenarios.length} scenario(s) on ${environment.describe}\n`);
  const results: ScenarioResult[] = [];
  for (const [file, scenario] of scenarios) {
    const reporter = progressReporter(scenario.name);
    try {
      results.push(
        await runScenario(scenario, file, {
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
        }),
      );
    } catch (error) {
      results.push({
        scenario: scenario.name,
        file,
        bus: environment.busKind,
        seed: scenario.seed,
        verdicts: [],
        passed: false,
        realDurationMs: 0,
        error: (error as Error).message,
      });
    } finally {
      reporter.finish();
    }
    await writeRunReport(options.reports, results.at(-1) as ScenarioResult);
  }
  process.stdout.write(`\n${verdictTable(results)}\n`);
  process.stdout.write(`Reports: ${await writeReportIndex(options.reports)}\n`);
  if (options.junit) {
    await mkdir(dirname(options.junit), { recursive: true });
    await writeFile(options.junit, junitXml(results));
    process.stdout.write(`JUnit XML: ${options.junit}\n`);
  }
  return results.every((r) => r.passed) ? 0 : 1;
}
