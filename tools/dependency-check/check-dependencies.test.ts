import { describe, expect, it } from 'vitest';
import { forbidden } from '../../dependency-rules.ts';
import { checkDependencies } from './check-dependencies.ts';
import { importSpecifiers } from './import-specifiers.ts';

const broken = (graph: Record<string, string[]>) =>
  checkDependencies(new Map(Object.entries(graph)), forbidden)
    .map((v) => `${v.rule.name}: ${v.path.join(' → ')}`)
    .sort();

describe('the dependency check', () => {
  it('reads static, type-only, multi-line, side-effect and dynamic imports, and no JSDoc example', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      'import {',
      '  c,',
      '  type D,',
      "} from './c.ts';",
      "export { e } from './e.ts';",
      "import './side-effect.ts';",
      "const f = await import('./f.ts');",
      '/**',
      " * import { example } from './not-an-import.ts';",
      ' */',
      "import pg from 'pg';",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(
      ['../b.ts', './a.ts', './c.ts', './e.ts', './f.ts', './side-effect.ts', 'pg'].sort(),
    );
  });

  it('names each import that points the wrong way, with the rule it breaks', () => {
    expect(
      broken({
        'sync-service/x.ts': ['simulator/y.ts', 'infra/z.ts'],
        'scenarios/run.ts': ['cli/main.ts', 'sync-service/x.ts'],
        'simulator/y.ts': ['sync-service/x.ts'],
        'infra/z.ts': [],
        'cli/main.ts': ['scenarios/run.ts'],
      }),
    ).toEqual(
      [
        'product-not-on-harness: sync-service/x.ts → simulator/y.ts',
        'scenarios-not-on-cli: scenarios/run.ts → cli/main.ts',
        'simulator-not-on-sync-service: simulator/y.ts → sync-service/x.ts',
        'no-circular: cli/main.ts → scenarios/run.ts → cli/main.ts',
        'no-circular: simulator/y.ts → sync-service/x.ts → simulator/y.ts',
      ].sort(),
    );
  });

  it('walks a longer circle, type imports and all, in import order', () => {
    expect(
      broken({
        'scenarios/runner/verdict.ts': ['scenarios/report/run-timeline.ts'],
        'scenarios/report/run-timeline.ts': ['scenarios/runner/load-action.ts'],
        'scenarios/runner/load-action.ts': ['scenarios/runner/verdict.ts', 'infra/k6.ts'],
        'infra/k6.ts': [],
      }),
    ).toEqual([
      'no-circular: scenarios/report/run-timeline.ts → scenarios/runner/load-action.ts → scenarios/runner/verdict.ts → scenarios/report/run-timeline.ts',
    ]);
  });

  it('passes a graph whose arrows all point one way', () => {
    expect(
      broken({ 'cli/main.ts': ['scenarios/run.ts'], 'scenarios/run.ts': ['sync-service/x.ts'] }),
    ).toEqual([]);
  });
});
