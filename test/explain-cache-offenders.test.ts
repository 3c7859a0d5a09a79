import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbsAccount } from '../contracts/abs/abs-schemas.ts';
import { systemClock } from '../infra/clock.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { compareAbsCache } from '../scenarios/checker/compare-abs-cache.ts';
import { compareCrmCache } from '../scenarios/checker/compare-crm-cache.ts';
import { compareMdmCache } from '../scenarios/checker/compare-mdm-cache.ts';
import { explainOffenders } from '../scenarios/runner/explain-offenders.ts';
import { atMost } from '../scenarios/runner/verdict.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';
import { migrate } from '../sync-service/db/migrate.ts';
import { testDatabase } from './test-database.ts';

const UI = { channel: 'ui', client: null } as const;

/**
 * A cache written by hand from the simulator's truth and then broken on purpose — one account
 * short of its last two postings, one holding a posting twice, one MDM client with another
 * address, one CRM card a version behind — must come back from the checkers as exactly those
 * offenders, explained with the simulator's own history and fault journal.
 */
describe('a failed comparison names its offenders', () => {
  const bus = createMemoryBus();
  let sim: Simulator;
  let db: pg.Client;
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await testDatabase('explain');
    await migrate(databaseUrl);
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    sim = await startSimulator({
      seed: 11,
      dataset: { organisations: 4, accountsPerOrganisation: 2 },
      bus,
      clock: systemClock,
    });
  });
  afterAll(async () => {
    await db?.end();
    await sim?.stop();
    await bus.stop();
  });

  it('lists the ABS account missing postings and the one holding a posting twice, with their messages and faults', async () => {
    // Every posting event journaled by a duplicate rule: each offender's faults must name its organisation.
    sim.faults.add({ id: 'dup-events', target: 'abs.events', effect: { type: 'duplicate', copies: 1 } });
    sim.abs.book(60);
    const accounts = sim.abs.store
      .allAccounts()
      .filter((a) => a.lastSequence >= 3)
      .sort((a, b) => a.id.localeCompare(b.id));
    const [short, doubled] = accounts as [AbsAccount, AbsAccount];
    expect(doubled).toBeDefined();
    for (const account of sim.abs.store.allAccounts()) {
      const upTo = account.id === short.id ? account.lastSequence - 2 : account.lastSequence;
      const postings = sim.abs.store.postingsAfter(account.id, 0, upTo);
      const last = postings.at(-1);
      await db.query(
        `INSERT INTO accounts (id, organisation_id, number, currency, balance_minor, last_sequence, as_of)
         VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [
          account.id,
          account.organisationId,
          account.number,
          account.currency,
          last?.balanceAfterMinor ?? sim.abs.store.account(account.id)?.balanceMinor,
          last?.sequence ?? 0,
        ],
      );
      await db.query(
        `INSERT INTO postings (account_id, sequence, posting_id, amount_minor, balance_after_minor, booked_at, description)
         SELECT $1, p.sequence, p.posting_id, 0, 0, now(), '' FROM unnest($2::bigint[], $3::uuid[]) AS p(sequence, posting_id)`,
        [account.id, postings.map((p) => p.sequence), postings.map((p) => p.postingId)],
      );
    }
    const first = sim.abs.store.postingsAfter(doubled.id, 0, 1)[0];
    await db.query(
      `INSERT INTO postings (account_id, sequence, posting_id, amount_minor, balance_after_minor, booked_at, description)
       VALUES ($1, 1000, $2, 0, 0, now(), '')`,
      [doubled.id, first?.postingId],
    );

    const abs = await compareAbsCache(sim.abs.store, databaseUrl);
    expect(abs).toMatchObject({ lost: 2, duplicated: 1, diverged: 1 });
    const of = (verdict: string) => abs.offenders.filter((o) => o.verdict === verdict);
    expect(of('lost')).toEqual([
      {
        verdict: 'lost',
        system: 'abs',
        entity: `abs account ${short.id}`,
        keys: [short.organisationId, short.id],
        source: expect.objectContaining({
          organisation: short.organisationId,
          lastSequence: short.lastSequence,
        }),
        cache: expect.objectContaining({
          lastSequence: short.lastSequence - 2,
          missing: 2,
          missingSequences: [short.lastSequence - 1, short.lastSequence],
        }),
      },
    ]);
    expect(of('diverged').map((o) => o.entity)).toEqual([`abs account ${short.id}`]);
    expect(of('duplicated')).toEqual([
      expect.objectContaining({
        entity: `abs account ${doubled.id}`,
        cache: expect.objectContaining({
          duplicatePostings: [{ postingId: first?.postingId, sequences: [1, 1000] }],
        }),
      }),
    ]);

    const explained = explainOffenders({
      verdicts: [
        atMost('lost', 0, abs.lost),
        atMost('duplicated', 0, abs.duplicated),
        atMost('diverged', 0, 0),
      ],
      offenders: abs.offenders,
      history: sim.faults.history,
      journal: sim.faults.journal.entries,
      start: sim.faults.start,
    });
    expect(explained.map((e) => [e.verdict, e.entity])).toEqual([
      ['lost', `abs account ${short.id}`],
      ['duplicated', `abs account ${doubled.id}`],
    ]);
    const [lost] = explained;
    // The organisation's key carries its accounts' postings and balances, each hit by the rule.
    const postings = lost?.history.filter((m) => m.topic === 'abs.postings') ?? [];
    expect(postings.length).toBeGreaterThanOrEqual(short.lastSequence);
    expect(lost?.history.every((m) => m.faults.includes('duplicate'))).toBe(true);
    expect(lost?.faults.length).toBeGreaterThan(0);
    expect(
      lost?.faults.every((f) => f.ruleId === 'dup-events' && f.detail.key === short.organisationId),
    ).toBe(true);
  });

  it('lists the MDM client whose address the cache got wrong and the CRM card it holds a version behind', async () => {
    const client = [...sim.abs.store.organisations.keys()][1] as string;
    const truth = sim.mdm.store.change(client, { legalAddress: 'г. Москва, ул. Новая, д. 7' });
    await db.query(
      `INSERT INTO legal_details (client_id, inn, kpp, ogrn, legal_address, bank_requisites, version, as_of)
       VALUES ($1, $2, $3, $4, 'г. Москва, ул. Старая, д. 1', $5, $6, now())`,
      [client, truth.inn, truth.kpp, truth.ogrn, JSON.stringify(truth.bankRequisites), truth.version],
    );
    const mdm = await compareMdmCache(sim.mdm.store, new Set([client]), databaseUrl);
    expect(mdm.offenders).toEqual([
      {
        verdict: 'diverged',
        system: 'mdm',
        entity: `mdm client ${client}`,
        keys: [client],
        source: { version: truth.version, legalAddress: 'г. Москва, ул. Новая, д. 7' },
        cache: { version: truth.version, legalAddress: 'г. Москва, ул. Старая, д. 1' },
      },
    ]);

    const before = sim.crm.store.get('company', '2');
    const card = sim.crm.store.update('company', '2', { phone: '+79990000009' }, UI);
    await db.query(
      `INSERT INTO crm_records (entity, id, company_id, version, deleted, state, as_of)
       VALUES ('company', '2', '2', $1, false, $2, now())`,
      [before?.version, JSON.stringify(before)],
    );
    const crm = await compareCrmCache(
      sim.crm.store,
      { records: new Set(['company:2']), newClientInns: new Set() },
      databaseUrl,
    );
    expect(crm.offenders).toEqual([
      {
        verdict: 'lost',
        system: 'crm',
        entity: 'crm company:2',
        keys: ['2'],
        source: { version: card.version },
        cache: { version: before?.version, deleted: false },
      },
    ]);
  });
});
