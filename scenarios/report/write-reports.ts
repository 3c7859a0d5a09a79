import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioResult } from '../runner/verdict.ts';
import { reportHtml, type ScenarioReport } from './report-html.ts';
import { type IndexEntry, reportIndexHtml } from './report-index.ts';
import { reportName } from './report-name.ts';

/** Writes `<dir>/<scenario>-<bus>.html` and `.json` for one run, with the scenario file it ran. */
export async function writeRunReport(
  dir: string,
  result: ScenarioResult,
  /** The scenario file it ran and the commit it ran on, when the caller knows them. */
  extras: Pick<ScenarioReport, 'scenario' | 'commit'> = {},
  now = new Date(),
): Promise<string> {
  const { scenario, commit } = extras;
  await mkdir(dir, { recursive: true });
  const report: ScenarioReport = {
    kind: 'corebridge-scenario-run',
    generatedAt: now.toISOString(),
    result,
    ...(commit ? { commit } : {}),
    ...(scenario ? { scenario } : {}),
  };
  const file = join(dir, `${reportName(result)}.html`);
  await writeFile(join(dir, `${reportName(result)}.json`), `${JSON.stringify(report, null, 1)}\n`);
  await writeFile(file, reportHtml(report));
  return file;
}

/** Rewrites `<dir>/index.html` from every run report in the folder, this run's and earlier ones. */
export async function writeReportIndex(dir: string): Promise<string> {
  const entries: IndexEntry[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
    const report = JSON.parse(await readFile(join(dir, name), 'utf8')) as Partial<ScenarioReport>;
    if (report.kind !== 'corebridge-scenario-run' || !report.result) continue;
    entries.push({ href: name.replace(/\.json$/, '.html'), report: report as ScenarioReport });
  }
  const file = join(dir, 'index.html');
  await writeFile(file, reportIndexHtml(entries));
  return file;
}
