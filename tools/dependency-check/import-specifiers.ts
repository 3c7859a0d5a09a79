// Static imports and re-exports start a line (a JSDoc example starts with ` * `), so anchoring at the
// line start keeps prose out; `[^'";]` lets a multi-line import list run up to its `from`.
const STATIC = /^[ \t]*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm;
const SIDE_EFFECT = /^[ \t]*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/**
 * The module specifiers a TypeScript file imports, type-only ones included: a cycle or a wrong-way
 * arrow through types still ties the two modules' design together.
 */
export function importSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const pattern of [STATIC, SIDE_EFFECT, DYNAMIC])
    for (const match of source.matchAll(pattern)) if (match[1]) found.add(match[1]);
  return [...found];
}
