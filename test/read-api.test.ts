import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adjustableClock, systemClock } from '../infra/clock.ts';
import type { Simulator } from '../simulator/start-simulator.ts';
import type { SyncService } from '../sync-service/start-sync-service.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

const WAIT = { timeout: 20_000, interval: 100 };
const API = { channel: 'api', client: 'crm-user' } as const;
type Body = Record<string, unknown> & { error?: { code: string } };

/** The DBO's read API over a cache filled by the real consumers from a real simulator. */
describe('read API for the DBO, from the cache', () => {
  let system: TestSystem;
  let sim: Simulator;
  let sync: SyncService;
  let client: string;
  let account: string;

  beforeAll(async () => {
    system = await startTestSystem({
      name: 'readapi',
      seed: 41,
      organisations: 6,
      accountsPerOrganisation: 2,
      sync: (simulator) => ({ mdmUrl: simulator.url, clock: adjustableClock(systemClock) }),
    });
    ({ sim, sync } = system);
    client = [...sim.abs.store.organisations.keys()][2] as string;
    account = sim.abs.store.accountsOf(client)[0]?.id as string;
    sim.mdm.store.change(client, { legalAddress: 'Moscow, Tverskaya 1' });
    const card = sim.crm.store.findByExternalId('company', client);
    if (!card) throw new Error(`no CRM card for ${client}`);
    sim.crm.store.update('company', card.id, { phone: '+7 495 111-22-33' }, API);
    sim.crm.store.create(
      'authority',
      {
        companyId: card.id,
        contactId: '1',
        kind: 'sign-payments',
        accountIds: [account],
        validFrom: '2020-01-01',
        validTo: null,
      },
      API,
    );
    sim.crm.store.create(
      'authority',
      {
        companyId: card.id,
        contactId: '1',
        kind: 'view-accounts',
        accountIds: [account],
        validFrom: '2020-01-01',
        validTo: '2020-12-31',
      },
      API,
    );
    sim.abs.book(30);
    await vi.waitFor(async () => {
      const answer = (await (await get(`/clients/${client}/authorities`)).json()) as Body;
      expect(answer.authorities).toHaveLength(1);
    }, WAIT);
  });
  afterAll(() => system.stop());

  const get = (path: string) => fetch(`${sync.url}/api/v1${path}`);
  const json = async (path: string) => {
    const response = await get(path);
    return { status: response.status, body: (await response.json()) as Body };
  };

  it('shows a client: MDM legal details, the CRM card and the ABS accounts, with the oldest asOf', async () => {
    const { status, body } = await json(`/clients/${client}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      clientId: client,
      legalDetails: { legalAddress: 'Moscow, Tverskaya 1', inn: sim.mdm.store.get(client)?.inn },
      crmCard: { phone: '+7 495 111-22-33', externalId: client },
    });
    expect(body.accounts).toHaveLength(sim.abs.store.accountsOf(client).length);
    const stamps = [body.legalDetails, body.crmCard, ...(body.accounts as object[])].map((p) =>
      Date.parse((p as { asOf: string }).asOf),
    );
    expect(Date.parse(body.asOf as string)).toBe(Math.min(...stamps));
    expect((await json(`/organisations/${client}`)).body.clientId).toBe(client);
  });

  it('finds a client by INN', async () => {
    const inn = sim.mdm.store.get(client)?.inn;
    expect((await json(`/clients?inn=${inn}`)).body).toEqual({
      inn,
      clients: [client],
      unlinkedCrmCards: [],
    });
  });

  it('finds by INN a client only the CRM knows, and lists a card without the bank’s id apart', async () => {
    const inn = '7707083893';
    const linked = '00000000-0000-4000-8000-00000000c0de';
    const card = (name: string) => ({
      name,
      inn,
      kpp: null,
      ogrn: null,
      segment: 'small' as const,
      phone: null,
      email: null,
      legalAddress: null,
      custom: {},
    });
    const unlinked = sim.crm.store.create('company', card('Открыта в CRM'), API);
    sim.crm.store.create('company', card('Только в CRM'), API, linked);
    await vi.waitFor(async () => {
      expect((await json(`/clients?inn=${inn}`)).body).toEqual({
        inn,
        clients: [linked],
        unlinkedCrmCards: [unlinked.id],
      });
    }, WAIT);
  });

  it('refuses to show a client with two CRM cards, naming both, instead of picking one', async () => {
    const other = [...sim.abs.store.organisations.keys()][4] as string;
    const first = sim.crm.store.findByExternalId('company', other);
    if (!first) throw new Error(`no CRM card for ${other}`);
    // The cache holds a card once the CRM has changed it.
    sim.crm.store.update('company', first.id, { phone: '+7 495 000-00-01' }, API);
    await vi.waitFor(async () => expect((await json(`/clients/${other}`)).body.crmCard).toBeDefined(), WAIT);
    const db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO crm_records (entity, id, company_id, version, deleted, state, as_of)
         SELECT entity, id || '-copy', company_id, version, deleted, state, as_of FROM crm_records
         WHERE entity = 'company' AND state->>'externalId' = $1`,
        [other],
      );
    } finally {
      await db.end();
    }
    const { status, body } = await json(`/clients/${other}`);
    expect(status).toBe(409);
    expect(body.error?.code).toBe('DUPLICATE_CLIENT_CARDS');
    expect(JSON.stringify(body)).toContain(`${first.id}-copy`);
    expect((await json(`/clients/${other}/authorities`)).status).toBe(409);
  });

  it('gives an account’s balance and its postings page by page, each with asOf', async () => {
    await vi.waitFor(async () => {
      const balance = (await json(`/accounts/${account}/balance`)).body;
      expect(balance).toMatchObject({
        accountId: account,
        balanceMinor: sim.abs.store.account(account)?.balanceMinor,
      });
    }, WAIT);
    const truth = sim.abs.store.account(account)?.lastSequence ?? 0;
    const seen: number[] = [];
    let after = 0;
    for (let page = 0; page < 50; page++) {
      const { body } = await json(`/accounts/${account}/postings?afterSequence=${after}&limit=2`);
      seen.push(...(body.postings as { sequence: number }[]).map((p) => p.sequence));
      if (body.nextAfterSequence === null) break;
      after = body.nextAfterSequence as number;
    }
    expect(seen).toEqual(Array.from({ length: truth }, (_, i) => i + 1));
  });

  it('lists the authorities valid on a day', async () => {
    const today = (await json(`/clients/${client}/authorities`)).body;
    expect((today.authorities as { kind: string }[]).map((a) => a.kind)).toEqual(['sign-payments']);
    const then = (await json(`/clients/${client}/authorities?at=2020-06-01`)).body;
    expect((then.authorities as { kind: string }[]).map((a) => a.kind).sort()).toEqual([
      'sign-payments',
      'view-accounts',
    ]);
  });

  it('answers unknown ids with 404 and bad parameters with 400, each with a code', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [string, number, string][] = [
      [`/clients/${unknown}`, 404, 'CLIENT_NOT_FOUND'],
      [`/organisations/${unknown}`, 404, 'ORGANISATION_NOT_FOUND'],
      [`/accounts/${unknown}/balance`, 404, 'ACCOUNT_NOT_FOUND'],
      [`/accounts/${unknown}/postings`, 404, 'ACCOUNT_NOT_FOUND'],
      [`/clients/${unknown}/authorities`, 404, 'CLIENT_NOT_FOUND'],
      ['/clients/not-a-uuid', 400, 'INVALID_ID'],
      ['/accounts/42/balance', 400, 'INVALID_ID'],
      [`/accounts/${account}/postings?limit=0`, 400, 'INVALID_PAGING'],
      [`/accounts/${account}/postings?limit=5000`, 400, 'INVALID_PAGING'],
      ['/clients?inn=12', 400, 'INVALID_INN'],
      [`/clients/${client}/authorities?at=yesterday`, 400, 'INVALID_DATE'],
    ];
    for (const [path, status, code] of cases) {
      const answer = await json(path);
      expect([path, answer.status, answer.body.error?.code]).toEqual([path, status, code]);
    }
  });
});
