import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { type Scenario, scenarioSchema } from './scenario-schema.ts';

export interface ScenarioProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted path of the field, e.g. `timeline[0].at`; empty for the whole file. */
  readonly field: string;
  readonly message: string;
}

/** A scenario file that cannot run; `problems` name file, line and field of each mistake. */
export class ScenarioFileError extends Error {
  readonly code = 'INVALID_SCENARIO';
  readonly problems: readonly ScenarioProblem[];
  constructor(problems: readonly ScenarioProblem[]) {
    super(
      problems
        .map((p) => `${p.file}:${p.line}:${p.column}: ${p.field ? `${p.field}: ` : ''}${p.message}`)
        .join('\n'),
    );
    this.problems = problems;
  }
}

export function isScenarioFileError(error: unknown): error is ScenarioFileError {
  return error instanceof ScenarioFileError;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
    .join('');
}

/** Parses and validates a scenario, pointing every problem at the line it stands on. */
export function parseScenario(text: string, file: string): Scenario {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ScenarioFileError(
      document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          file,
          line: position.line,
          column: position.col,
          field: '',
          message: error.message.split('\n')[0] ?? '',
        };
      }),
    );
  }
  const result = scenarioSchema.safeParse(document.toJS());
  if (result.success) return result.data;
  throw new ScenarioFileError(
    result.error.issues.map((issue) => {
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
      // Point at the field itself, or at its nearest existing parent when the field is missing.
      let node: unknown;
      for (let depth = path.length; depth >= 0 && !isNode(node); depth--) {
        node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth) as unknown[], true);
      }
      const offset = isNode(node) && node.range ? node.range[0] : 0;
      const position = lineCounter.linePos(offset);
      const missing = issue.code !== 'unrecognized_keys' && document.getIn(path as unknown[]) === undefined;
      const message = missing ? 'is required' : issue.message;
      return { file, line: position.line, column: position.col, field: fieldName(path), message };
    }),
  );
}

export async function loadScenario(file: string): Promise<Scenario> {
  return parseScenario(await readFile(file, 'utf8'), file);
}
