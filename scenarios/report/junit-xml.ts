import type { ScenarioResult } from '../runner/verdict.ts';

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML for CI: one test suite per scenario, one test case per verdict. */
export function junitXml(results: readonly ScenarioResult[]): string {
  const suites = results.map((result) => {
    const seconds = (result.realDurationMs / 1000).toFixed(3);
    const cases = result.error
      ? [
          `    <testcase classname="${xmlEscape(result.scenario)}" name="run"><error message="${xmlEscape(result.error)}"/></testcase>`,
        ]
      : result.verdicts.map((v) => {
          const name = `${xmlEscape(result.scenario)}.${xmlEscape(v.check)}`;
          const failure = v.passed
            ? ''
            : `<failure message="${xmlEscape(`expected ${v.expected}, got ${v.actual}`)}"/>`;
          return `    <testcase classname="${xmlEscape(result.scenario)}" name="${name}">${failure}</testcase>`;
        });
    const failures = result.error ? 0 : result.verdicts.filter((v) => !v.passed).length;
    return [
      `  <testsuite name="${xmlEscape(result.scenario)} (${result.bus})" tests="${cases.length}" failures="${failures}" errors="${result.error ? 1 : 0}" time="${seconds}" file="${xmlEscape(result.file)}">`,
      `    <properties><property name="seed" value="${result.seed}"/><property name="bus" value="${result.bus}"/></properties>`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="corebridge chaos">',
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
