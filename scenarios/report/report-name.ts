import type { ScenarioResult } from '../runner/verdict.ts';

/** `<scenario>-<bus>`: one report per scenario and bus, so a memory run and a Kafka run sit side by side. */
export const reportName = (result: Pick<ScenarioResult, 'scenario' | 'bus'>) =>
  `${result.scenario}-${result.bus}`;
