/**
 * Bitrix24's multi-fields (`PHONE`, `EMAIL`): lists of `{ ID, VALUE_TYPE, VALUE, TYPE_ID }`. The
 * neutral model keeps one phone and one e-mail, shown as a one-item list with a stable ID.
 */
export type MultiFieldType = 'PHONE' | 'EMAIL';

export interface MultiFieldItem {
  readonly ID: string;
  readonly VALUE_TYPE: string;
  readonly VALUE: string;
  readonly TYPE_ID: MultiFieldType;
}

const SLOT: Record<MultiFieldType, number> = { PHONE: 1, EMAIL: 2 };

/** A deterministic multi-field row id, unique per record and type within an entity. */
export function multiFieldId(recordId: string, type: MultiFieldType): string {
  return String(Number(recordId) * 10 + SLOT[type]);
}

export function toMultiField(recordId: string, type: MultiFieldType, value: string | null): MultiFieldItem[] {
  if (value === null || value === '') return [];
  return [{ ID: multiFieldId(recordId, type), VALUE_TYPE: 'WORK', VALUE: value, TYPE_ID: type }];
}

/**
 * Applies what a client wrote to a multi-field, with the portal's rules: an item with the existing
 * ID changes it (empty VALUE or `DELETE: 'Y'` removes it), an item without ID adds a value. The
 * neutral model holds one value, so an added value replaces the current one.
 */
export function fromMultiField(
  written: unknown,
  current: string | null,
  recordId: string | undefined,
  type: MultiFieldType,
): string | null {
  if (written === null || written === undefined || typeof written !== 'object') return current;
  const existingId = recordId === undefined ? undefined : multiFieldId(recordId, type);
  let value = current;
  for (const raw of Object.values(written)) {
    if (raw === null || typeof raw !== 'object') continue;
    const item = raw as { ID?: unknown; VALUE?: unknown; DELETE?: unknown };
    const text = item.VALUE === undefined || item.VALUE === null ? '' : String(item.VALUE).trim();
    const id = item.ID === undefined || item.ID === null || item.ID === '' ? undefined : String(item.ID);
    if (id === undefined) {
      if (text !== '') value = text;
    } else if (id === existingId) {
      value = item.DELETE === 'Y' || text === '' ? null : text;
    }
  }
  return value;
}
