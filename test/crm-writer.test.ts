import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CrmFlavor } from '../simulator/crm/crm-flavor.ts';
import { CRM_TEST_CREDENTIALS } from '../simulator/crm/crm-flavor.ts';
import type { Simulator } from '../simulator/start-simulator.ts';
import type { CrmWriterConfig } from '../sync-service/crm-writer/create-crm-writer.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

const run = promisify(execFile);
const WAIT = { timeout: 20_000, interval: 100 };
const UI = { channel: 'ui', client: null } as const;
type ApiError = { error: { code: string } };

function writerConfig(flavor: CrmFlavor, sim: Simulator): CrmWriterConfig {
  if (flavor === 'salesforce')
    return { flavor, credentials: { ...CRM_TEST_CREDENTIALS.salesforce, loginUrl: sim.url } };
  const { userId, token } = CRM_TEST_CREDENTIALS.bitrix24;
  return { flavor, webhookUrl: `${sim.url}/rest/${userId}/${token}/` };
}

describe.each(['salesforce', 'bitrix24'] as const)(
  'bank → CRM writes, %s flavor, real PostgreSQL',
  (flavor) => {
    let system: TestSystem;
    let sim: Simulator;
    let db: pg.Pool;
    const api = (path: string, method: string, body: unknown) =>
      fetch(`${system.sync.url}/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const one = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0] as T;

    beforeAll(async () => {
      system = await startTestSystem({
        name: `crm_writer_${flavor}`,
        seed: 61,
        organisations: 5,
        sim: { crmFlavor: flavor },
        sync: (simulator) => ({ crmWriter: writerConfig(flavor, simulator) }),
      });
      sim = system.sim;
      db = new pg.Pool({ connectionString: system.databaseUrl });
      // The cache learns of client cards from the CRM's feed: touch two so they are cached.
      for (const id of ['1', '2']) sim.crm.store.update('company', id, { email: `card${id}@example.ru` }, UI);
      await vi.waitFor(
        async () =>
          expect(
            (await one<{ n: number }>("SELECT count(*)::int AS n FROM crm_records WHERE entity = 'company'"))
              .n,
          ).toBe(2),
        WAIT,
      );
    });
    afterAll(async () => {
      await db.end();
      await system.stop();
    });

    it('a card change reaches the CRM once; its echo confirms it and raises no conflict', async () => {
      const response = await api('/crm/company/1', 'PATCH', { fields: { phone: '+7 495 111-22-33' } });
      expect(response.status).toBe(202);
      expect(((await response.json()) as { record: { phone: string } }).record.phone).toBe(
        '+7 495 111-22-33',
      );
      await vi.waitFor(() => expect(sim.crm.store.get('company', '1')?.phone).toBe('+7 495 111-22-33'), WAIT);
      await vi.waitFor(
        async () =>
          expect(
            (
              await one<{ status: string }>(
                "SELECT status FROM bank_writes WHERE record_id = '1' AND field = 'phone'",
              )
            ).status,
          ).toBe('confirmed'),
        WAIT,
      );
      expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM conflicts')).n).toBe(0);
      expect(
        (
          await one<{ phone: string }>(
            "SELECT state->>'phone' AS phone FROM crm_records WHERE entity = 'company' AND id = '1'",
          )
        ).phone,
      ).toBe('+7 495 111-22-33');
    });

    it('a new contact sent twice under one bank id makes one contact in the CRM (upsert by external id)', async () => {
      const contact = {
        externalId: `bank-contact-${flavor}`,
        fields: { companyId: '2', firstName: 'Анна', lastName: 'Петрова' },
      };
      expect((await api('/crm/contact', 'POST', contact)).status).toBe(202);
      expect(
        (
          await api('/crm/contact', 'POST', {
            ...contact,
            fields: { ...contact.fields, position: 'Бухгалтер' },
          })
        ).status,
      ).toBe(202);
      await vi.waitFor(
        () =>
          expect(sim.crm.store.findByExternalId('contact', contact.externalId)?.position).toBe('Бухгалтер'),
        WAIT,
      );
      const made = [...sim.crm.store.all('contact')].filter((c) => c.externalId === contact.externalId);
      expect(made).toHaveLength(1);
      // The CRM's echo is the record's first appearance in the cache, under the CRM's id.
      await vi.waitFor(
        async () =>
          expect(
            (
              await one<{ id: string }>(
                "SELECT id FROM crm_records WHERE entity = 'contact' AND state->>'externalId' = $1",
                [contact.externalId],
              )
            )?.id,
          ).toBe(made[0]?.id),
        WAIT,
      );
    });

    it('an interaction becomes a completed activity of the client', async () => {
      const response = await api('/clients/2/interactions', 'POST', {
        externalId: `call-${flavor}`,
        subject: 'Звонок клиента',
        at: '2026-11-20T10:00:00Z',
      });
      expect(response.status).toBe(202);
      await vi.waitFor(
        () =>
          expect(sim.crm.store.findByExternalId('task', `call-${flavor}`)).toMatchObject({
            status: 'done',
            companyId: '2',
            subject: 'Звонок клиента',
          }),
        WAIT,
      );
    });

    it('a CRM-side edit of a bank-owned field is a conflict with an operator task, and the bank’s value goes back', async () => {
      const address = sim.crm.store.get('company', '2')?.legalAddress;
      sim.crm.store.update('company', '2', { legalAddress: 'г. Тверь, ул. Советская, д. 1' }, UI);
      await vi.waitFor(
        async () =>
          expect(
            (
              await one<{ n: number }>(
                "SELECT count(*)::int AS n FROM conflicts WHERE field = 'legalAddress'",
              )
            ).n,
          ).toBe(1),
        WAIT,
      );
      const conflict = await one<{ decision: string; kept: string; id: string }>(
        "SELECT id, decision, kept FROM conflicts WHERE field = 'legalAddress'",
      );
      expect(conflict).toMatchObject({ decision: 'bank-owns-field', kept: 'bank' });
      expect(
        (
          await one<{ status: string }>('SELECT status FROM operator_tasks WHERE conflict_id = $1', [
            conflict.id,
          ])
        ).status,
      ).toBe('open');
      await vi.waitFor(() => expect(sim.crm.store.get('company', '2')?.legalAddress).toBe(address), WAIT);
      // Our write-back coming back is no new conflict.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM conflicts')).n).toBe(1);
      const resolved = await api(`/conflicts/${conflict.id}/resolve`, 'POST', {
        keep: 'bank',
        note: 'checked with the client',
      });
      expect(resolved.status).toBe(200);
      expect(
        (
          await one<{ status: string }>('SELECT status FROM operator_tasks WHERE conflict_id = $1', [
            conflict.id,
          ])
        ).status,
      ).toBe('done');
    });

    it('`corebridge conflicts` lists the conflict with both values and refuses to resolve it twice', async () => {
      const env = { ...process.env, DATABASE_URL: system.databaseUrl };
      const { stdout } = await run(
        process.execPath,
        ['cli/main.ts', 'conflicts', 'list', '--all', '--json'],
        { env },
      );
      const listed = JSON.parse(stdout) as { field: string; kept: string; resolution: string; id: string }[];
      expect(listed).toMatchObject([
        { field: 'legalAddress', kept: 'bank', resolution: 'kept bank: checked with the client' },
      ]);
      const again = run(
        process.execPath,
        ['cli/main.ts', 'conflicts', 'resolve', listed[0]?.id ?? '', '--keep', 'crm'],
        { env },
      );
      await expect(again).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('is resolved already'),
      });
    });

    it('refuses fields the CRM owns and fields that do not exist, with codes, and writes nothing', async () => {
      const before = (await one<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).n;
      const owned = await api('/crm/company/1', 'PATCH', { fields: { segment: 'large' } });
      expect(owned.status).toBe(400);
      expect(((await owned.json()) as ApiError).error.code).toBe('FIELD_OWNED_BY_CRM');
      const unknown = await api('/crm/company/1', 'PATCH', { fields: { nickname: 'x' } });
      expect(((await unknown.json()) as ApiError).error.code).toBe('UNKNOWN_FIELD');
      expect((await api('/crm/company/999', 'PATCH', { fields: { phone: '1' } })).status).toBe(404);
      const broken = await fetch(`${system.sync.url}/api/v1/crm/company/1`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{',
      });
      expect(((await broken.json()) as ApiError).error.code).toBe('INVALID_JSON');
      expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).n).toBe(before);
    });

    it('takes the bank’s ids: a card by its client id (before a CRM id equal to it), a contact by its bank id', async () => {
      const clientId = sim.crm.store.get('company', '2')?.externalId as string;
      expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
      // A record whose CRM id is the client id: the bank's id still names the client's card.
      await db.query(
        `INSERT INTO crm_records (entity, id, company_id, version, deleted, state, as_of)
         VALUES ('company', $1, $1, 1, false, '{"name":"decoy"}', now())`,
        [clientId],
      );
      const card = await api(`/crm/company/${clientId}`, 'PATCH', { fields: { phone: '+7 495 222-33-44' } });
      expect(card.status).toBe(202);
      expect(await card.json()).toMatchObject({
        crmId: '2',
        record: { phone: '+7 495 222-33-44', externalId: clientId },
      });
      await vi.waitFor(() => expect(sim.crm.store.get('company', '2')?.phone).toBe('+7 495 222-33-44'), WAIT);

      const contact = `bank-contact-${flavor}`; // cached since the CRM echoed its creation above
      const byBankId = await api(`/crm/contact/${contact}`, 'PATCH', { fields: { position: 'Главбух' } });
      expect(byBankId.status).toBe(202);
      await vi.waitFor(
        () => expect(sim.crm.store.findByExternalId('contact', contact)?.position).toBe('Главбух'),
        WAIT,
      );
      const created = await api('/crm/contact', 'POST', {
        externalId: `bank-contact-2-${flavor}`,
        fields: { companyId: clientId, firstName: 'Ирина', lastName: 'Смирнова' },
      });
      expect(created.status).toBe(202);
      const visit = await api(`/clients/${clientId}/interactions`, 'POST', {
        externalId: `visit-${flavor}`,
        subject: 'Визит в офис',
        contactId: contact,
        at: '2026-11-21T10:00:00Z',
      });
      expect(visit.status).toBe(202);
      // What goes to the CRM names the contact by the CRM's id (the Bitrix24 writer does not bind
      // an activity's contact yet, so this is checked at the bank write, not in the CRM).
      const contactCrmId = sim.crm.store.findByExternalId('contact', contact)?.id;
      expect(
        await one<{ value: string }>(
          "SELECT value FROM bank_writes WHERE record_id = $1 AND field = 'contactId'",
          [`ext:visit-${flavor}`],
        ),
      ).toEqual({ value: contactCrmId });
      await vi.waitFor(() => {
        expect(sim.crm.store.findByExternalId('contact', `bank-contact-2-${flavor}`)?.companyId).toBe('2');
        expect(sim.crm.store.findByExternalId('task', `visit-${flavor}`)?.companyId).toBe('2');
      }, WAIT);

      const unknown = await api('/crm/company/00000000-0000-4000-8000-000000000000', 'PATCH', {
        fields: { phone: '1' },
      });
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as ApiError).error.code).toBe('RECORD_NOT_FOUND');
      await db.query("DELETE FROM crm_records WHERE entity = 'company' AND id = $1", [clientId]);
    });
  },
);

describe('a write the CRM refuses for good (Salesforce: a phone over the field’s 40 characters)', () => {
  let system: TestSystem;
  let db: pg.Pool;

  beforeAll(async () => {
    system = await startTestSystem({
      name: 'crm_writer_refused',
      seed: 62,
      organisations: 3,
      sim: { crmFlavor: 'salesforce' },
      sync: (simulator) => ({ crmWriter: writerConfig('salesforce', simulator) }),
    });
    db = new pg.Pool({ connectionString: system.databaseUrl });
    system.sim.crm.store.update('company', '1', { email: 'card1@example.ru' }, UI);
    await vi.waitFor(
      async () => expect((await db.query("SELECT 1 FROM crm_records WHERE id = '1'")).rowCount).toBe(1),
      WAIT,
    );
  });
  afterAll(async () => {
    await db.end();
    await system.stop();
  });

  it('is parked as a dead letter and published to sync.failed; the writer goes on with the next', async () => {
    const failed: string[] = [];
    await system.bus.subscribe({
      groupId: 'test-failed',
      topic: 'sync.failed',
      handleBatch: async (batch) => void failed.push(...batch.map((m) => m.headers['x-failed-error'] ?? '')),
    });
    const patch = (phone: string) =>
      fetch(`${system.sync.url}/api/v1/crm/company/1`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fields: { phone } }),
      });
    expect((await patch('+7'.padEnd(60, '0'))).status).toBe(202);
    expect((await patch('+7 495 000-00-01')).status).toBe(202);
    await vi.waitFor(
      () => expect(system.sim.crm.store.get('company', '1')?.phone).toBe('+7 495 000-00-01'),
      WAIT,
    );
    await vi.waitFor(() => expect(failed).toHaveLength(1), WAIT);
    expect(failed[0]).toMatch(/Failed to write to Salesforce .* HTTP 400/);
    const letters = await db.query("SELECT topic FROM dead_letters WHERE topic = 'sync.processed'");
    expect(letters.rowCount).toBe(1);
  });
});
