import { describe, expect, it } from 'vitest';
import type { CrmChange } from '../../contracts/crm/crm-records.ts';
import { CHILD_SLOTS } from './crm-base-data.ts';
import { CrmStore } from './crm-store.ts';
import { fixtureCrmBase } from './fixture-crm-base.ts';

const base = fixtureCrmBase(3);
const api = { channel: 'api', client: 'corebridge' } as const;

function storeWithLog() {
  const store = new CrmStore(base, { now: () => Date.UTC(2026, 10, 21) });
  const changes: CrmChange[] = [];
  store.onChange((change) => changes.push(change));
  return { store, changes };
}

describe('CrmStore', () => {
  it('serves seeded records on demand and lists them in id order', () => {
    const { store } = storeWithLog();
    expect(store.get('company', '2')?.name).toBe('ООО Ромашка 2');
    expect(store.get('contact', String(CHILD_SLOTS + 1))?.companyId).toBe('2');
    expect([...store.all('company')].map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(store.get('company', '4')).toBeUndefined();
  });

  it('emits every API change with a per-record sequence and the changed fields', () => {
    const { store, changes } = storeWithLog();
    store.update('company', '1', { phone: '+7 495 000-00-00' }, api);
    store.update('company', '1', { phone: '+7 495 000-00-00' }, api); // no change, no event
    store.update('company', '1', { segment: 'large' }, api);
    expect(changes.map((c) => [c.operation, c.sequence, c.changedFields])).toEqual([
      ['update', 2, ['phone']],
      ['update', 3, ['segment']],
    ]);
    expect(changes[0]?.origin).toEqual(api);
  });

  it('creates records above the seeded id space and finds them by external id', () => {
    const { store, changes } = storeWithLog();
    const created = store.create('company', { ...base.companyAt(1), name: 'Новая' }, api, 'bank-new');
    expect(Number(created.id)).toBeGreaterThan(3);
    expect(store.findByExternalId('company', 'bank-new')?.id).toBe(created.id);
    expect(store.findByExternalId('company', 'bank-2')?.id).toBe('2');
    expect(changes.at(-1)).toMatchObject({ operation: 'create', sequence: 1 });
    expect([...store.all('company')]).toHaveLength(4);
  });

  it('emits a change of the external id and forgets the old one', () => {
    const { store, changes } = storeWithLog();
    store.setExternalId('company', '2', 'bank-moved', api);
    expect(changes.at(-1)).toMatchObject({ operation: 'update', changedFields: ['externalId'], sequence: 2 });
    expect(store.findByExternalId('company', 'bank-moved')?.id).toBe('2');
    expect(store.findByExternalId('company', 'bank-2')).toBeUndefined();
  });

  it('removes records and emits the deletion', () => {
    const { store, changes } = storeWithLog();
    store.remove('company', '3', api);
    expect(store.get('company', '3')).toBeUndefined();
    expect([...store.all('company')].map((c) => c.id)).toEqual(['1', '2']);
    expect(changes.at(-1)).toMatchObject({ operation: 'delete', id: '3', sequence: 2 });
  });

  it('records a grey edit as drift and emits nothing', () => {
    const { store, changes } = storeWithLog();
    const edited = store.greyEdit('company', '2', { name: 'Исправлено в базе' });
    expect(edited.version).toBe(2);
    expect(changes).toEqual([]);
    expect(store.drift).toEqual([{ entity: 'company', id: '2', fields: ['name'], at: edited.updatedAt }]);
  });

  it('refuses invalid fields without changing anything', () => {
    const { store, changes } = storeWithLog();
    expect(() => store.update('company', '1', { inn: 'not an inn' }, api)).toThrow();
    expect(store.get('company', '1')?.inn).toBe('7707083893');
    expect(changes).toEqual([]);
  });
});
