import type { OutboundEvidence } from './outbound-run.ts';
import type { Scenario } from './scenario-schema.ts';
import { atMost, type Verdict } from './verdict.ts';

/** Verdicts of the bank → CRM side, for runs that write to the CRM or inject conflicts. */
export function judgeOutbound(scenario: Scenario, evidence: OutboundEvidence): Verdict[] {
  const { writes } = evidence;
  const { expect } = scenario;
  const verdicts: Verdict[] = [];
  if (scenario.sync.crmWriter) {
    const { sent, accepted } = evidence.bankChanges;
    verdicts.push(
      atMost(
        'bank writes not in the CRM',
        0,
        writes.unconfirmed + writes.outboxBacklog,
        ` of ${writes.bankWrites} (${accepted} of ${sent} bank changes accepted)`,
      ),
      atMost('duplicated in the CRM', 0, writes.duplicatedInCrm, ' records sharing a bank id'),
      atMost('CRM writer dead letters', 0, writes.deadLetters),
    );
  }
  if (evidence.injected > 0) {
    verdicts.push(
      {
        check: 'conflicts recorded',
        expected: `all ${evidence.injected} injected`,
        actual: `${writes.injectedRecorded} (${writes.conflicts} in all)`,
        passed: writes.injectedRecorded === evidence.injected,
      },
      {
        check: 'operator tasks',
        expected: 'one per conflict',
        actual: `${writes.operatorTasks} for ${writes.conflicts}`,
        passed: writes.operatorTasks === writes.conflicts,
      },
      atMost('flip-flopping fields', 0, evidence.flipFlops),
    );
  }
  if (expect.crmBreakerOpened !== undefined)
    verdicts.push({
      check: 'CRM writer breaker opened',
      expected: String(expect.crmBreakerOpened),
      actual: String(evidence.breakerOpened),
      passed: evidence.breakerOpened === expect.crmBreakerOpened,
    });
  if (expect.crmRefusalsAfterLearning !== undefined)
    verdicts.push(
      atMost(
        'CRM quota refusals once learned',
        expect.crmRefusalsAfterLearning,
        evidence.refusalsAfterLearning,
        ` (${evidence.refusals} refusals in all)`,
      ),
    );
  return verdicts;
}
