import { type SourceHistory, SYSTEMS } from '../../simulator/history/source-history.ts';
import type { Scenario } from './scenario-schema.ts';
import type { HistorySummary } from './verdict.ts';

/**
 * The digest a scenario promises to reproduce: over every source the scenario alone drives. With
 * the CRM writer on, the sync service itself writes to the CRM, and the CRM's messages then carry
 * the system's timing (which bank write reached the CRM before which UI change): that part is the
 * system's behaviour, judged by the verdicts, so the digest leaves the CRM out and says so.
 */
export function historySummary(scenario: Scenario, history: SourceHistory): HistorySummary {
  const covers = SYSTEMS.filter((system) => !(system === 'crm' && scenario.sync.crmWriter));
  return { digest: history.digest(covers), covers, ...history.size(covers) };
}
