import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CrmEntity, CrmRecord } from '../contracts/crm/crm-records.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { CRM_TEST_CREDENTIALS, type CrmFlavor } from '../simulator/crm/crm-flavor.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';
import { createCrmFetcher } from '../sync-service/crm/create-crm-fetcher.ts';
import type { CrmFetcher } from '../sync-service/crm/crm-fetcher.ts';
import { UNKNOWN_CRM_VERSION } from '../sync-service/crm/unknown-crm-version.ts';
import { SourceUnavailableError } from '../sync-service/http/get-json.ts';
import { UnfetchableIdError } from '../sync-service/resilience/unfetchable-id-error.ts';

const ENTITIES: readonly CrmEntity[] = ['company', 'contact', 'task', 'authority'];
const ORIGIN = { channel: 'ui', client: null } as const;
const MINUTE = 60_000;

interface FlavorCase {
  /** Salesforce keeps milliseconds; a Bitrix24 portal shows whole seconds, so its clock ticks in them. */
  readonly start: number;
  readonly fetcherOf: (sim: Simulator) => CrmFetcher;
  /** Custom company fields the flavor's wire carries: the org has one (`Credit_Limit__c`), the portal any `UF_CRM_*`. */
  readonly custom: Record<string, string | number | boolean | null>;
}

const FLAVORS: Record<CrmFlavor, FlavorCase> = {
  salesforce: {
    start: Date.UTC(2026, 10, 21, 10, 0, 0, 123),
    fetcherOf: (sim) =>
      createCrmFetcher({
        flavor: 'salesforce',
        credentials: { ...CRM_TEST_CREDENTIALS.salesforce, loginUrl: sim.url },
        // The smallest page Salesforce allows, so a few hundred changes span pages.
        options: { queryBatchSize: 200 },
      }),
    custom: { creditLimit: 2_500_000.5 },
  },
  bitrix24: {
    start: Date.UTC(2026, 10, 21, 10),
    fetcherOf: (sim) => {
      const { userId, token } = CRM_TEST_CREDENTIALS.bitrix24;
      return createCrmFetcher({ flavor: 'bitrix24', webhookUrl: `${sim.url}/rest/${userId}/${token}/` });
    },
    custom: { creditLimit: 2_500_000.5, riskClass: 'B', vip: true, note: null },
  },
};

/** The CRM's own record, as a fetch can read it: every field but the version, which no REST wire carries. */
function asFetched<E extends CrmEntity>(record: CrmRecord<E> | undefined): CrmRecord<E> {
  if (!record) throw new Error('Failed to read the expected record: the CRM has none. Check the test data.');
  return { ...record, version: UNKNOWN_CRM_VERSION };
}

describe.each(Object.entries(FLAVORS) as [CrmFlavor, FlavorCase][])(
  'the %s CrmFetcher against the simulated CRM',
  (flavor, flavorCase) => {
    let now = flavorCase.start;
    const bus = createMemoryBus();
    let sim: Simulator;
    let fetcher: CrmFetcher;
    const store = () => sim.crm.store;
    const first = <E extends CrmEntity>(entity: E, skip = 0): CrmRecord<E> =>
      asFetched([...store().all(entity)][skip] as CrmRecord<E> | undefined);

    beforeAll(async () => {
      sim = await startSimulator({
        seed: 21,
        dataset: { organisations: 240, accountsPerOrganisation: 1 },
        bus,
        clock: { now: () => now },
        crmFlavor: flavor,
      });
      fetcher = flavorCase.fetcherOf(sim);
    });
    afterAll(async () => {
      await sim.stop();
      await bus.stop();
    });
    // A minute per test drains the portal's request bucket (2/s) and keeps each test's changes apart.
    beforeEach(() => {
      now += MINUTE;
    });

    it('reads seeded records of every entity exactly as the CRM holds them', async () => {
      for (const entity of ENTITIES) {
        for (const record of [...store().all(entity)].slice(0, 8)) {
          expect(await fetcher.fetch(entity, record.id)).toEqual(asFetched(record));
        }
      }
    });

    it('reads changed and created records with every kind of value, custom fields included', async () => {
      const company = first('company', 1);
      store().update(
        'company',
        company.id,
        {
          phone: null,
          kpp: null,
          segment: 'large',
          legalAddress: 'г. Москва, ул. Новая, д. 1',
          custom: flavorCase.custom,
        },
        ORIGIN,
      );
      const contact = first('contact', 1);
      store().update('contact', contact.id, { middleName: null, email: null, position: 'Казначей' }, ORIGIN);
      const done = first('task', 1);
      store().update('task', done.id, { status: 'done', dueDate: null, contactId: null }, ORIGIN);
      const started = store().create(
        'task',
        {
          companyId: company.id,
          contactId: contact.id,
          subject: 'Подписать допсоглашение',
          description: 'Новый тариф с 1 декабря',
          status: 'in-progress',
          dueDate: '2026-12-01',
        },
        ORIGIN,
        'bank-task-77',
      );
      const authority = first('authority', 1);
      store().update('authority', authority.id, { accountIds: [], validTo: '2027-01-31' }, ORIGIN);
      const created = store().create(
        'authority',
        {
          companyId: company.id,
          contactId: contact.id,
          kind: 'sign-payments',
          accountIds: ['acc-1', 'acc-2'],
          validFrom: '2026-11-21',
          validTo: null,
        },
        ORIGIN,
        'bank-authority-5',
      );

      const expected: Array<[CrmEntity, string]> = [
        ['company', company.id],
        ['contact', contact.id],
        ['task', done.id],
        ['task', started.id],
        ['authority', authority.id],
        ['authority', created.id],
      ];
      for (const [entity, id] of expected) {
        expect(await fetcher.fetch(entity, id)).toEqual(asFetched(store().get(entity, id)));
      }
    });

    it('answers null for a deleted record and for an id the CRM never had', async () => {
      const contact = first('contact', 2);
      store().remove('contact', contact.id, ORIGIN);
      expect(await fetcher.fetch('contact', contact.id)).toBeNull();
      expect(await fetcher.fetch('company', '987654')).toBeNull();
      expect(await fetcher.fetch('authority', '987654')).toBeNull();
    });

    it('fails, never answers "gone", for an id the CRM cannot be asked about', async () => {
      await expect(fetcher.fetch('task', 'not-a-crm-id')).rejects.toBeInstanceOf(UnfetchableIdError);
    });

    it('lists every record changed at or after a time, across pages, and nothing older', async () => {
      const since = new Date(now).toISOString();
      const companies = [...store().all('company')].slice(0, 230);
      for (const company of companies)
        store().update('company', company.id, { name: `${company.name} (изм.)` }, ORIGIN);
      for (const skip of [10, 11]) {
        store().update('contact', first('contact', skip).id, { position: `Директор ${skip}` }, ORIGIN);
        store().update('task', first('task', skip).id, { subject: `Перезвонить ${skip}` }, ORIGIN);
        store().update('authority', first('authority', skip).id, { validTo: `2030-01-${skip}` }, ORIGIN);
      }

      for (const entity of ENTITIES) {
        const changed = [...store().all(entity)].filter((record) => record.updatedAt >= since);
        expect(changed.length).toBeGreaterThanOrEqual(2);
        const listed = await fetcher.changedSince(entity, since);
        const byId = (a: CrmRecord, b: CrmRecord) => Number(a.id) - Number(b.id);
        expect(listed.sort(byId)).toEqual(changed.sort(byId).map((record) => asFetched(record)));
      }
      expect((await fetcher.changedSince('company', since)).length).toBe(230);
      expect(await fetcher.changedSince('company', new Date(now + 1_000).toISOString())).toEqual([]);
    });

    it('fails with SourceUnavailableError while the CRM is down, so the caller retries', async () => {
      for (const mode of ['unavailable', 'refuse'] as const) {
        sim.faults.add({ id: `crm-${mode}`, target: 'crm.rest', effect: { type: 'outage', mode } });
        try {
          await expect(fetcher.fetch('company', '1')).rejects.toBeInstanceOf(SourceUnavailableError);
          await expect(fetcher.changedSince('task', new Date(now).toISOString())).rejects.toBeInstanceOf(
            SourceUnavailableError,
          );
        } finally {
          sim.faults.remove(`crm-${mode}`);
        }
      }
      expect(await fetcher.fetch('company', '1')).toEqual(first('company'));
    });
  },
);

describe('the Salesforce CrmFetcher and its session', () => {
  it('logs in again when the org ends an expired session', async () => {
    let now = Date.UTC(2026, 10, 21, 10);
    await using bus = createMemoryBus();
    await using sim = await startSimulator({
      seed: 5,
      dataset: { organisations: 3, accountsPerOrganisation: 1 },
      bus,
      clock: { now: () => now },
      crmFlavor: 'salesforce',
    });
    const fetcher = createCrmFetcher({
      flavor: 'salesforce',
      credentials: { ...CRM_TEST_CREDENTIALS.salesforce, loginUrl: sim.url },
    });
    expect(await fetcher.fetch('company', '1')).toEqual(asFetched(sim.crm.store.get('company', '1')));
    // Sessions last two hours of the org's clock.
    now += 3 * 60 * MINUTE;
    expect(await fetcher.fetch('company', '2')).toEqual(asFetched(sim.crm.store.get('company', '2')));
  });
});
