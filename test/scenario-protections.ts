import { BrokenCircuitError } from 'cockatiel';
import { type AbsClient, createAbsClient } from '../sync-service/abs/abs-client.ts';
import type { SourcePolicy, SourcePolicyOptions } from '../sync-service/resilience/source-policy.ts';
import { createSourcePolicy } from '../sync-service/resilience/source-policy.ts';
import type { SyncServiceOptions } from '../sync-service/start-sync-service.ts';

/**
 * One protection of the sync service, the scenario that proves it, and how a test takes it away:
 * through options the service already takes (`customizeSync`) or a change to its database made
 * before it starts (`breakDatabase`), never through a switch in the service's code.
 */
export interface Protection {
  readonly protection: string;
  readonly scenario: string;
  /** The verdict that must fail without it. */
  readonly verdict: string;
  readonly removedBy: string;
  readonly customizeSync?: (options: SyncServiceOptions) => SyncServiceOptions;
  readonly breakDatabase?: string;
}

/** An ABS client whose gap pulls never find the missing postings: the sequencer cannot close a gap. */
function withoutGapPulls(client: AbsClient): AbsClient {
  return { ...client, postingsAfter: async () => [] };
}

/** Retries without a breaker: a source that is down is called again and again, never "open". */
function withoutBreaker(options: SourcePolicyOptions): SourcePolicy {
  const policy = createSourcePolicy({ ...options, openAfter: Number.MAX_SAFE_INTEGER });
  return {
    execute: (call) =>
      policy.execute(call).catch((error: unknown) => {
        // Never reached with an unreachable threshold; kept so a breaker that opens anyway is loud.
        if (error instanceof BrokenCircuitError) throw new Error('the breaker opened although removed');
        throw error;
      }),
    get state() {
      return policy.state;
    },
  };
}

export const PROTECTIONS: readonly Protection[] = [
  {
    protection: 'sequencer gap fetch',
    scenario: 'abs-flaky-events',
    verdict: 'lost',
    removedBy: 'an ABS client whose gap pulls find nothing',
    customizeSync: (o) => ({ ...o, absClient: withoutGapPulls(createAbsClient(o.absUrl)) }),
  },
  {
    protection: 'global ABS limit',
    scenario: 'abs-dos-100rps',
    verdict: 'max concurrent ABS calls',
    removedBy: 'a limit of 500 slots instead of 5',
    customizeSync: (o) => ({ ...o, absPullLimit: 500 }),
  },
  {
    protection: 'horizon filter',
    scenario: 'abs-event-avalanche',
    verdict: 'turnovers past the horizon',
    removedBy: 'a business horizon of 100 years',
    customizeSync: (o) => ({ ...o, horizonMonths: 1_200 }),
  },
  {
    protection: 'reconciliation',
    scenario: 'grey-edits',
    verdict: 'diverged',
    removedBy: 'no reconciliation schedule',
    customizeSync: (o) => ({ ...o, reconcile: undefined }),
  },
  {
    protection: 'circuit breaker',
    scenario: 'crm-outage',
    verdict: 'CRM writer breaker opened',
    removedBy: 'source policies whose breaker never opens',
    customizeSync: (o) => ({ ...o, sourcePolicy: withoutBreaker }),
  },
  {
    protection: 'transactional outbox',
    scenario: 'sync-crash-mid-batch',
    verdict: 'bank writes not in the CRM',
    removedBy: 'a trigger that drops every outbox row: the change commits, its event does not',
    breakDatabase: `
      CREATE FUNCTION drop_outbox_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
      CREATE TRIGGER drop_outbox_row BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION drop_outbox_row();`,
  },
  {
    protection: 'unique key of a cached card (idempotent apply)',
    scenario: 'parallel-duplicate-webhooks',
    verdict: 'duplicated',
    removedBy:
      'a trigger that gives every inserted card a fresh key, as a table without the unique key would',
    breakDatabase: `
      CREATE SEQUENCE fresh_card_keys;
      CREATE FUNCTION fresh_card_key() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.entity = 'company' THEN NEW.id := NEW.id || '~' || nextval('fresh_card_keys'); END IF; RETURN NEW; END $$;
      CREATE TRIGGER fresh_card_key BEFORE INSERT ON crm_records FOR EACH ROW EXECUTE FUNCTION fresh_card_key();`,
  },
];
