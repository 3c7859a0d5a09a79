import { spawnSync } from 'node:child_process';
import { glob } from 'node:fs/promises';

/**
 * `npm run bench`: every `*.bench.ts` of the project, one after another in its own process (so one
 * benchmark's heap and event loop never colour the next), each printing its own figures.
 */
const files: string[] = [];
for await (const file of glob('**/*.bench.ts', { exclude: (name) => name.includes('node_modules') }))
  files.push(file);
files.sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`);
  const run = spawnSync(process.execPath, ['--disable-warning=TimeoutNegativeWarning', file], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed += 1;
}
process.stdout.write(`\nbenchmarks: ${files.length - failed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
