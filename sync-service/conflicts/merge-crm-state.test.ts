import { describe, expect, it } from 'vitest';
import { type FieldOwner, mergeCrmState, type OpenBankWrite } from './merge-crm-state.ts';

const owners: Record<string, FieldOwner> = {
  legalAddress: 'bank',
  phone: 'shared',
  email: 'shared',
  segment: 'crm',
};
const ownerOf = (field: string) => owners[field] ?? 'shared';
const previous = {
  id: '1',
  version: 3,
  legalAddress: 'г. Москва, ул. Вавилова, 19',
  phone: '+7 495 000',
  email: 'a@x.ru',
  segment: 'small',
};
const write = (
  id: string,
  field: string,
  value: unknown,
  changedAt: string,
  status: OpenBankWrite['status'] = 'delivered',
) => ({ id, field, value, changedAt, status }) satisfies OpenBankWrite;

describe('merging a CRM change with the bank’s open writes', () => {
  it('takes the CRM’s change of a field nobody else is writing', () => {
    const incoming = { ...previous, version: 4, email: 'b@x.ru' };
    const merged = mergeCrmState({
      previousCrm: previous,
      incoming,
      crmChangedAt: '2026-01-01T10:00:00Z',
      ours: false,
      openWrites: [],
      ownerOf,
    });
    expect(merged.state.email).toBe('b@x.ru');
    expect(merged.conflicts).toEqual([]);
  });

  it('recognises our own write coming back: confirmed, no conflict, nothing written again', () => {
    const incoming = { ...previous, version: 4, phone: '+7 495 111' };
    const merged = mergeCrmState({
      previousCrm: previous,
      incoming,
      crmChangedAt: '2026-01-01T10:00:00Z',
      ours: false,
      openWrites: [write('7', 'phone', '+7 495 111', '2026-01-01T09:59:00Z')],
      ownerOf,
    });
    expect(merged).toMatchObject({ confirmed: ['7'], conflicts: [], writeBacks: [], superseded: [] });
    expect(merged.state.phone).toBe('+7 495 111');
  });

  it('an echo of an older write of ours keeps the newer one on top, without a conflict', () => {
    const incoming = { ...previous, version: 4, phone: '+7 495 111' };
    const merged = mergeCrmState({
      previousCrm: previous,
      incoming,
      crmChangedAt: '2026-01-01T10:00:00Z',
      ours: false,
      openWrites: [
        write('7', 'phone', '+7 495 111', '2026-01-01T09:59:00Z'),
        write('8', 'phone', '+7 495 222', '2026-01-01T10:00:30Z', 'pending'),
      ],
      ownerOf,
    });
    expect(merged.confirmed).toEqual(['7']);
    expect(merged.conflicts).toEqual([]);
    expect(merged.state.phone).toBe('+7 495 222');
  });

  it('concurrent edits of a shared field: the later source time wins, whatever arrived last', () => {
    const incoming = { ...previous, version: 4, phone: '+7 495 999' };
    const bankLater = mergeCrmState({
      previousCrm: previous,
      incoming,
      crmChangedAt: '2026-01-01T10:00:00Z',
      ours: false,
      openWrites: [write('7', 'phone', '+7 495 111', '2026-01-01T10:00:05Z')],
      ownerOf,
    });
    expect(bankLater.conflicts).toEqual([
      {
        field: 'phone',
        bankValue: '+7 495 111',
        crmValue: '+7 495 999',
        bankChangedAt: '2026-01-01T10:00:05Z',
        decision: 'bank-newer',
        kept: 'bank',
      },
    ]);
    expect(bankLater.state.phone).toBe('+7 495 111');
    // Delivered already, so the CRM overwrote it: written back once.
    expect(bankLater.writeBacks).toEqual([{ field: 'phone', value: '+7 495 111' }]);

    const crmLater = mergeCrmState({
      previousCrm: previous,
      incoming,
      crmChangedAt: '2026-01-01T10:00:10Z',
      ours: false,
      openWrites: [write('7', 'phone', '+7 495 111', '2026-01-01T10:00:05Z', 'pending')],
      ownerOf,
    });
    expect(crmLater.conflicts[0]).toMatchObject({ decision: 'crm-newer', kept: 'crm' });
    expect(crmLater.state.phone).toBe('+7 495 999');
    // The bank's pending write must not land after the CRM's newer one: superseded, nothing written back.
    expect(crmLater).toMatchObject({ superseded: ['7'], writeBacks: [] });
  });

  it('a CRM-side edit of a bank-owned field is a conflict; the bank’s value stays and is written back', () => {
    const incoming = { ...previous, version: 4, legalAddress: 'г. Тверь, ул. Советская, 1' };
    const merged = mergeCrmState({
      previousCrm: previous,
      incoming,
      crmChangedAt: '2026-01-01T10:00:00Z',
      ours: false,
      openWrites: [],
      ownerOf,
    });
    expect(merged.conflicts).toMatchObject([
      {
        field: 'legalAddress',
        decision: 'bank-owns-field',
        kept: 'bank',
        bankValue: 'г. Москва, ул. Вавилова, 19',
      },
    ]);
    expect(merged.state.legalAddress).toBe('г. Москва, ул. Вавилова, 19');
    expect(merged.writeBacks).toEqual([{ field: 'legalAddress', value: 'г. Москва, ул. Вавилова, 19' }]);
  });

  it('merging the same change twice decides the same way (no flip-flop on redelivery)', () => {
    const input = {
      previousCrm: previous,
      incoming: { ...previous, version: 4, phone: '+7 495 999' },
      crmChangedAt: '2026-01-01T10:00:00Z',
      ours: false,
      openWrites: [write('7', 'phone', '+7 495 111', '2026-01-01T10:00:05Z', 'pending')],
      ownerOf,
    };
    expect(mergeCrmState(input)).toEqual(mergeCrmState(input));
  });
});
