import { describe, expect, it } from 'vitest';
import { crmFieldsSchemas } from '../../contracts/crm/crm-records.ts';
import { createWorld } from '../data/world.ts';
import { CrmStore } from './crm-store.ts';
import { worldCrmBase } from './world-crm-base.ts';

describe('the CRM seeded from the shared world', () => {
  const world = createWorld({ seed: 12, clients: 300 });
  const store = new CrmStore(worldCrmBase(world), { now: () => Date.UTC(2026, 0, 1) });

  it('gives every record valid fields and keeps children with their company', () => {
    for (const entity of ['company', 'contact', 'task', 'authority'] as const) {
      const records = [...store.all(entity)];
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) {
        crmFieldsSchemas[entity].parse(record);
        if (entity !== 'company')
          expect(store.get('company', (record as { companyId: string }).companyId)).toBeDefined();
      }
    }
  });

  it('carries the bank client id of the ABS and MDM as the company external id, found without a scan', () => {
    const client = world.clientAt(41);
    const company = store.findByExternalId('company', client.id);
    expect(company).toMatchObject({ id: '42', inn: client.inn, name: client.shortName });
    expect(store.findByExternalId('company', '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('points authorities at contacts of the same company', () => {
    for (const authority of store.all('authority')) {
      expect(store.get('contact', authority.contactId)?.companyId).toBe(authority.companyId);
    }
  });
});
