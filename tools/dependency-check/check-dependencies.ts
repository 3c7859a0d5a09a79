import type { DependencyRule } from '../../dependency-rules.ts';
import { findCycles } from './find-cycles.ts';
import type { ModuleGraph } from './module-graph.ts';

export interface DependencyViolation {
  readonly rule: DependencyRule;
  /** `from → to` for a forbidden import; the whole circle for a cycle. */
  readonly path: readonly string[];
}

/** Every import that breaks one of `rules`, and every import circle if a rule forbids them. */
export function checkDependencies(
  graph: ModuleGraph,
  rules: readonly DependencyRule[],
): DependencyViolation[] {
  const violations: DependencyViolation[] = [];
  for (const rule of rules) {
    const from = new RegExp(rule.from.path);
    if ('circular' in rule.to) {
      for (const cycle of findCycles(graph))
        if (cycle.some((module) => from.test(module))) violations.push({ rule, path: cycle });
      continue;
    }
    const to = new RegExp(rule.to.path);
    for (const [module, targets] of graph)
      if (from.test(module))
        for (const target of targets) if (to.test(target)) violations.push({ rule, path: [module, target] });
  }
  return violations;
}
