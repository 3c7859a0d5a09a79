import { isDeepStrictEqual } from 'node:util';

/** Who owns a field (table `field_ownership`, incident I8). */
export type FieldOwner = 'bank' | 'crm' | 'shared';

/** A field the bank wrote towards the CRM that the CRM has not yet been seen holding. */
export interface OpenBankWrite {
  readonly id: string;
  readonly field: string;
  readonly value: unknown;
  /** Bank-side source time of the change. */
  readonly changedAt: string;
  readonly status: 'pending' | 'delivered';
}

export type ConflictDecision = 'bank-owns-field' | 'bank-newer' | 'crm-newer';

export interface FieldConflict {
  readonly field: string;
  readonly bankValue: unknown;
  readonly crmValue: unknown;
  readonly bankChangedAt: string | null;
  readonly decision: ConflictDecision;
  readonly kept: 'bank' | 'crm';
}

export interface CrmStateMerge {
  /** The CRM's previous state of the record (null: not cached yet). */
  readonly previousCrm: Record<string, unknown> | null;
  /** The CRM's state as this change reports it. */
  readonly incoming: Record<string, unknown>;
  /** CRM-side source time of the change (the record's modification time). */
  readonly crmChangedAt: string;
  /** The change's origin names this integration (Salesforce changeOrigin, the webhook's origin). */
  readonly ours: boolean;
  /** Oldest first. */
  readonly openWrites: readonly OpenBankWrite[];
  readonly ownerOf: (field: string) => FieldOwner;
}

export interface CrmStateMerged {
  /** What the DBO reads: the CRM's state with the bank's unconfirmed writes on top. */
  readonly state: Record<string, unknown>;
  /** Bank writes the CRM now holds (their echo arrived). */
  readonly confirmed: readonly string[];
  /** Bank writes a newer CRM-side edit won over, or that a write-back replaces. */
  readonly superseded: readonly string[];
  readonly conflicts: readonly FieldConflict[];
  /** Bank values to write back to the CRM (the CRM changed what the bank keeps). */
  readonly writeBacks: readonly { readonly field: string; readonly value: unknown }[];
}

/** Bookkeeping every record carries; never a business field, never in conflict. */
const META = new Set(['id', 'externalId', 'createdAt', 'updatedAt', 'version']);

/**
 * Merges a CRM change with what the bank wrote and has not seen confirmed, field by field:
 * - the CRM now holds one of the bank's values → our own write coming back (echo): confirm it,
 *   never a conflict, never applied twice;
 * - the CRM changed a field the bank is still writing → concurrent edits: a bank-owned field
 *   keeps the bank's value; a shared one goes to the later source time (never arrival time); a
 *   CRM-owned one to the CRM. Each is recorded as a conflict;
 * - the CRM changed a bank-owned field the bank was not writing → a conflict; the bank's value
 *   is kept and written back;
 * - anything else is the CRM's to change.
 * Pure: the caller reads and writes the tables.
 */
export function mergeCrmState(merge: CrmStateMerge): CrmStateMerged {
  const { previousCrm, incoming, ownerOf } = merge;
  const state: Record<string, unknown> = { ...incoming };
  const confirmed: string[] = [];
  const superseded: string[] = [];
  const conflicts: FieldConflict[] = [];
  const writeBacks: { field: string; value: unknown }[] = [];
  const crmTime = Date.parse(merge.crmChangedAt);

  for (const field of Object.keys(incoming)) {
    if (META.has(field)) continue;
    const value = incoming[field];
    const crmChanged = previousCrm !== null && !isDeepStrictEqual(value, previousCrm[field]);
    const writes = merge.openWrites.filter((write) => write.field === field);
    if (writes.length === 0) {
      if (crmChanged && !merge.ours && ownerOf(field) === 'bank') {
        const bankValue = previousCrm?.[field];
        conflicts.push({
          field,
          bankValue,
          crmValue: value,
          bankChangedAt: null,
          decision: 'bank-owns-field',
          kept: 'bank',
        });
        state[field] = bankValue;
        writeBacks.push({ field, value: bankValue });
      }
      continue;
    }
    // The CRM holds one of our values: that write and every older one are through.
    const echoed = writes.findLastIndex((write) => isDeepStrictEqual(write.value, value));
    for (const write of writes.slice(0, echoed + 1)) confirmed.push(write.id);
    const open = writes.slice(echoed + 1);
    const latest = open.at(-1);
    if (!latest) continue;
    if (echoed >= 0 || merge.ours || !crmChanged) {
      state[field] = latest.value;
      continue;
    }
    const owner = ownerOf(field);
    const bankWins = owner === 'bank' || (owner === 'shared' && Date.parse(latest.changedAt) > crmTime);
    conflicts.push({
      field,
      bankValue: latest.value,
      crmValue: value,
      bankChangedAt: latest.changedAt,
      decision: owner === 'bank' ? 'bank-owns-field' : bankWins ? 'bank-newer' : 'crm-newer',
      kept: bankWins ? 'bank' : 'crm',
    });
    if (!bankWins) {
      for (const write of open) superseded.push(write.id);
      continue;
    }
    state[field] = latest.value;
    // Still on its way, the bank's write lands after this change; already delivered, the CRM
    // overwrote it and the bank's value must be written again.
    if (latest.status === 'delivered') {
      for (const write of open) superseded.push(write.id);
      writeBacks.push({ field, value: latest.value });
    }
  }
  return { state, confirmed, superseded, conflicts, writeBacks };
}
