import { fileURLToPath } from 'node:url';
import { forbidden } from '../../dependency-rules.ts';
import { checkDependencies } from './check-dependencies.ts';
import { moduleGraph } from './module-graph.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const graph = await moduleGraph(root);
const violations = checkDependencies(graph, forbidden);
if (violations.length === 0) {
  process.stdout.write(`dependency check: ${graph.size} modules, no forbidden imports, no cycles\n`);
} else {
  for (const { rule, path } of violations)
    process.stderr.write(`${rule.name}: ${path.join(' → ')}\n  (${rule.comment})\n`);
  process.stderr.write(
    `Failed the dependency check: ${violations.length} import(s) break dependency-rules.ts. Move the shared code to the side both may import, or turn the arrow around.\n`,
  );
  process.exitCode = 1;
}
