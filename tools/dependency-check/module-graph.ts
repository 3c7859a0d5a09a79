import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { importSpecifiers } from './import-specifiers.ts';

/** Repo-relative POSIX path of a module → the repo modules it imports. */
export type ModuleGraph = ReadonlyMap<string, readonly string[]>;

const SKIPPED = new Set(['node_modules', '.git', 'reports', '.corebridge']);

async function typeScriptFiles(root: string, dir = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) files.push(...(await typeScriptFiles(root, path)));
    else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(path);
  }
  return files;
}

/** The import graph of every `.ts` file under `root`; packages (bare specifiers) are left out. */
export async function moduleGraph(root: string): Promise<ModuleGraph> {
  const files = await typeScriptFiles(root);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = await readFile(join(root, file), 'utf8');
    const targets = importSpecifiers(source)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) =>
        relative(root, join(root, dirname(file), specifier))
          .split(sep)
          .join('/'),
      )
      // A path that is no module here (JSON, a typo) is the type checker's to report.
      .filter((target) => known.has(target));
    graph.set(file, targets);
  }
  return graph;
}
