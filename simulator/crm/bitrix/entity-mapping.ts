import type { CrmEntity, CrmFieldsByEntity, CrmRecord } from '../../../contracts/crm/crm-records.ts';
import type { CrmStore } from '../crm-store.ts';
import type { BitrixFieldKind, BitrixRow } from './bitrix-filter.ts';
import type { UserFieldRegistry, UserTypeId } from './user-field-registry.ts';

/** What a mapping needs besides the record: other records, user-field definitions, time. */
export interface MappingView {
  readonly store: CrmStore;
  readonly userFields: UserFieldRegistry;
  readonly offsetMinutes: number;
  readonly now: () => number;
}

/** A field as `crm.*.fields` describes it; `type` is Bitrix's type name. */
export interface BitrixFieldInfo {
  readonly type: string;
  readonly title: string;
  readonly isRequired?: boolean;
  readonly isReadOnly?: boolean;
  readonly isMultiple?: boolean;
  readonly isDynamic?: boolean;
}

/** A client's write, translated: neutral fields to set and, when it was written, the bank's id. */
export interface BitrixWrite<E extends CrmEntity> {
  readonly fields: Partial<CrmFieldsByEntity[E]>;
  readonly externalId?: string | null;
}

/**
 * Neutral records ⇄ one Bitrix24 entity. Rows are what the portal shows (`ID`, `TITLE`, `PHONE`...);
 * writes accept what clients send (strings from forms, numbers from JSON) and ignore fields the
 * portal would ignore (read-only and unknown ones).
 */
export interface BitrixEntityMapping<E extends CrmEntity> {
  readonly entity: E;
  /** How the record is named in errors: `Contact`, `Company`... */
  readonly title: string;
  fields(view: MappingView): Record<string, BitrixFieldInfo>;
  toRow(record: CrmRecord<E>, view: MappingView): BitrixRow;
  fromRow(
    written: Record<string, unknown>,
    current: CrmRecord<E> | undefined,
    view: MappingView,
  ): BitrixWrite<E>;
  /** Full neutral fields for a new record; throws a BitrixError naming the missing required field. */
  forCreate(write: BitrixWrite<E>, view: MappingView): CrmFieldsByEntity[E];
  /** The Bitrix field a neutral field shows as, for validation messages. */
  fieldNameOf(neutralField: string): string;
}

/** How list filters and orders compare a field of this Bitrix type. */
export function kindOfType(type: string): BitrixFieldKind {
  if (type === 'crm_multifield') return 'multi';
  if (type === 'datetime' || type === 'date') return 'date';
  if (['integer', 'double', 'user', 'crm_company', 'crm_contact', 'crm_owner', 'crm_entity'].includes(type)) {
    return 'number';
  }
  return 'text';
}

/** `crm.*.fields` as the portal answers it. */
export function describeFields(fields: Record<string, BitrixFieldInfo>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, info]) => [
      name,
      {
        type: info.type,
        isRequired: info.isRequired ?? false,
        isReadOnly: info.isReadOnly ?? false,
        isImmutable: false,
        isMultiple: info.isMultiple ?? false,
        isDynamic: info.isDynamic ?? false,
        title: info.title,
      },
    ]),
  );
}

/** Forms send every value as text: an empty one clears an optional field. */
export function textOrNull(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** A user field's value as the neutral `custom` map stores it, by the field's type. */
export function userFieldValue(value: unknown, type: UserTypeId): string | number | boolean | null {
  if (value === undefined || value === null || value === '') return null;
  if (type === 'integer' || type === 'double') {
    const number = Number(value);
    return Number.isNaN(number) ? null : type === 'integer' ? Math.trunc(number) : number;
  }
  if (type === 'boolean') return value === true || value === 'Y' || value === '1' || value === 1;
  return String(value);
}

/** Values that repeat in every row: the simulator has one user, the portal's administrator. */
export const SYSTEM_USER_ID = '1';

/** `Y`/`N`, the portal's booleans. */
export function yn(value: boolean): 'Y' | 'N' {
  return value ? 'Y' : 'N';
}
