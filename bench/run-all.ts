import { spawnSync } from 'node:child_process';
import { glob, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, type as osType, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './bench-result.ts';
import { benchSummary } from './bench-summary.ts';
import { benchTable } from './bench-table.ts';

/**
 * `npm run bench [-- <part of a file name>...]`: every `*.bench.ts` of the project (or those
 * named), one after another in its own process (so one benchmark's heap and event loop never
 * colour the next), each printing its own figures and appending them to BENCH_RESULTS_FILE. At the
 * end: one table of every figure, and `bench/results/<timestamp>.json` with the machine it ran on.
 */
const filters = process.argv.slice(2);
const files: string[] = [];
for await (const file of glob('**/*.bench.ts', { exclude: (name) => name.includes('node_modules') }))
  if (filters.length === 0 || filters.some((f) => file.includes(f))) files.push(file);
files.sort();
if (files.length === 0)
  throw new Error(
    `Failed to find benchmarks matching ${filters.join(', ')}. Pass part of a *.bench.ts name.`,
  );

const dir = await mkdtemp(join(tmpdir(), 'corebridge-bench-'));
const results: (BenchResult & { bench: string })[] = [];
/** Benchmarks whose process exited non-zero; missed targets are judged at the end. */
const exited: string[] = [];
const started = new Date();
try {
  for (const file of files) {
    process.stdout.write(`\n== ${file}\n`);
    const resultsFile = join(dir, `${results.length}-${file.replaceAll('/', '_')}.jsonl`);
    const run = spawnSync(process.execPath, [file], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULTS_FILE: resultsFile },
    });
    if (run.status !== 0) exited.push(file);
    const lines = await readFile(resultsFile, 'utf8').catch(() => '');
    for (const line of lines.split('\n').filter(Boolean))
      results.push({ bench: file, ...(JSON.parse(line) as BenchResult) });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const machine = {
  os: osType(),
  kernel: release(),
  cpu: cpus()[0]?.model ?? 'unknown',
  cpus: cpus().length,
  totalMemoryMb: Math.round(totalmem() / 2 ** 20),
  node: process.version,
};
await mkdir('bench/results', { recursive: true });
const out = join(
  'bench/results',
  `${started
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z')}.json`,
);
const summary = benchSummary(files, exited, results);
await writeFile(
  out,
  `${JSON.stringify({ startedAt: started.toISOString(), machine, benchmarks: files, failed: summary.failed, results }, null, 2)}\n`,
);
process.stdout.write(
  `\n${benchTable(results)}\n\nmachine: ${machine.cpus} × ${machine.cpu}, ${machine.totalMemoryMb} MB, ${machine.os} ${machine.kernel}, Node ${machine.node}\n`,
);
process.stdout.write(`results: ${out}\n`);
process.stdout.write(`${summary.text}\n`);
process.exitCode = summary.exitCode;
