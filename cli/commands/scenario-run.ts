import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { junitXml } from '../../scenarios/report/junit-xml.ts';
import { verdictTable } from '../../scenarios/report/verdict-table.ts';
import { writeReportIndex, writeRunReport } from '../../scenarios/report/write-reports.ts';
import { startScenarioEnvironment } from '../../scenarios/runner/scenario-environment.ts';
import type { ScenarioResult } from '../../scenarios/runner/verdict.ts';
import type { CliConfig } from '../config.ts';
import { sourceCommit } from '../source-commit.ts';
import { readScenarioJob, runScenarioJob, type ScenarioJob } from './scenario-job.ts';

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
  const jobs: ScenarioJob[] = [];
  for (const file of files) jobs.push(await readScenarioJob(file));

  await using environment = await startScenarioEnvironment({
    kafka: options.kafka,
    databaseUrl: config.databaseUrl,
  });
  process.stderr.write(`Running ${jobs.length} scenario(s) on ${environment.describe}\n`);
  const results: ScenarioResult[] = [];
  for (const job of jobs) {
    const result = await runScenarioJob(job, environment, config);
    results.push(result);
    await writeRunReport(options.reports, result, {
      scenario: { file: job.file, source: job.source },
      commit: sourceCommit(),
    });
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
