import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioReport } from '../../scenarios/report/report-html.ts';
import { historyLine, verdictTable } from '../../scenarios/report/verdict-table.ts';
import { writeRunReport } from '../../scenarios/report/write-reports.ts';
import { parseScenario } from '../../scenarios/runner/load-scenario.ts';
import { startScenarioEnvironment } from '../../scenarios/runner/scenario-environment.ts';
import type { CliConfig } from '../config.ts';
import { sourceCommit } from '../source-commit.ts';
import { runScenarioJob } from './scenario-job.ts';

/** Exit codes of `corebridge scenario replay`, as the README documents them. */
export const REPLAY_EXIT = {
  /** The replay told the same story: the same history digest. */
  reproduced: 0,
  /** It ran, but the sources' history differs from the report's. */
  digestDiffers: 1,
  /** Not a CoreBridge run report, or one without the scenario or digest a replay needs. */
  badReport: 2,
  /** The scenario file changed since the report (pass --embedded to replay the report's copy). */
  scenarioChanged: 3,
} as const;

export interface ScenarioReplayOptions {
  /** Replay the report's copy of the scenario even if the file on disk now differs. */
  readonly embedded: boolean;
  /** Folder for the replay's own report; the original is never overwritten. */
  readonly reports: string;
}

const fail = (code: number, message: string) => {
  process.stderr.write(`${message}\n`);
  return code;
};

async function readReport(path: string): Promise<ScenarioReport | string> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => error);
  if (typeof text !== 'string') return `it cannot be read (${text.code ?? text.message})`;
  let report: Partial<ScenarioReport>;
  try {
    report = JSON.parse(text) as Partial<ScenarioReport>;
  } catch {
    return 'it is not JSON';
  }
  if (report?.kind !== 'corebridge-scenario-run' || !report.result)
    return 'it is not a CoreBridge run report';
  if (!report.scenario?.source) return 'it does not embed its scenario file (written before replays existed)';
  if (!report.result.history) return 'its run broke before traffic, so it has no history digest to compare';
  return report as ScenarioReport;
}

/**
 * `corebridge scenario replay <report.json>`: runs the report's scenario again, from the copy the
 * report embeds, with its seed and on its bus, and says whether the sources' history digest
 * matched. The replay's report goes to a folder of its own.
 */
export async function scenarioReplay(
  reportPath: string,
  options: ScenarioReplayOptions,
  config: CliConfig,
): Promise<number> {
  const report = await readReport(reportPath);
  if (typeof report === 'string') {
    return fail(
      REPLAY_EXIT.badReport,
      `Failed to replay ${reportPath}: ${report}. Pass the .json a scenario run wrote beside its HTML report (reports/<scenario>-<bus>.json).`,
    );
  }
  const { file, source } = report.scenario as NonNullable<ScenarioReport['scenario']>;
  const onDisk = await readFile(file, 'utf8').catch(() => undefined);
  if (onDisk !== undefined && onDisk !== source && !options.embedded) {
    return fail(
      REPLAY_EXIT.scenarioChanged,
      `Failed to replay ${reportPath}: ${file} changed since the report was written. Pass --embedded to replay the report's copy of it, or run the file anew with corebridge scenario run.`,
    );
  }
  const scenario = parseScenario(source, file);
  const expected = report.result.history as NonNullable<typeof report.result.history>;
  const kafka = report.result.bus === 'kafka';
  await using environment = await startScenarioEnvironment({ kafka, databaseUrl: config.databaseUrl });
  process.stderr.write(
    `Replaying ${scenario.name} (seed ${scenario.seed}, ${report.result.bus}) from ${reportPath}\n`,
  );
  const result = await runScenarioJob(
    { file, source, scenario },
    environment,
    config,
    `replay ${scenario.name}`,
  );
  const dir = join(options.reports, 'replays');
  await writeRunReport(dir, result, { scenario: { file, source }, commit: sourceCommit() });
  process.stdout.write(`\n${verdictTable([result])}\n`);
  const actual = result.history;
  process.stdout.write(`reported  ${historyLine(expected)}\n`);
  process.stdout.write(`replayed  ${actual ? historyLine(actual) : '(no history: the run broke)'}\n`);
  process.stdout.write(`Replay report: ${dir}\n`);
  if (actual?.digest === expected.digest) {
    process.stdout.write(
      `Reproduced: the same history digest; verdicts ${result.passed ? 'pass' : 'fail'} (reported: ${report.result.passed ? 'pass' : 'fail'}).\n`,
    );
    return REPLAY_EXIT.reproduced;
  }
  process.stdout.write(
    'Not reproduced: the sources emitted another history. Compare the two reports; a different Node or CoreBridge version can change it.\n',
  );
  return REPLAY_EXIT.digestDiffers;
}
