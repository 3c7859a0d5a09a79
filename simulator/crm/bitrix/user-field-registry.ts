import { BitrixError, bitrixErrors } from './bitrix-error.ts';
import { userFieldNameOf, validateUserFieldName } from './user-field-names.ts';

export type UserFieldEntity = 'company' | 'contact';
export const USER_TYPES = [
  'string',
  'integer',
  'double',
  'boolean',
  'date',
  'datetime',
  'enumeration',
  'url',
] as const;
export type UserTypeId = (typeof USER_TYPES)[number];

export interface UserFieldDefinition {
  readonly ID: string;
  readonly ENTITY_ID: 'CRM_COMPANY' | 'CRM_CONTACT';
  readonly FIELD_NAME: string;
  readonly USER_TYPE_ID: UserTypeId;
  readonly XML_ID: string | null;
  readonly SORT: string;
  readonly MULTIPLE: 'Y' | 'N';
  readonly MANDATORY: 'Y' | 'N';
  readonly SHOW_FILTER: 'Y' | 'N';
  readonly SHOW_IN_LIST: 'Y' | 'N';
  readonly EDIT_IN_LIST: 'Y' | 'N';
  readonly IS_SEARCHABLE: 'Y' | 'N';
  readonly EDIT_FORM_LABEL: string;
  readonly SETTINGS: Record<string, unknown>;
}

/** User fields the flavor itself maps onto neutral fields; they exist on every portal it simulates. */
const BUILT_IN: Record<UserFieldEntity, Record<string, string>> = {
  company: {
    UF_CRM_BANK_ID: "The bank's client id",
    UF_CRM_INN: 'ИНН',
    UF_CRM_KPP: 'КПП',
    UF_CRM_OGRN: 'ОГРН',
    UF_CRM_SEGMENT: 'Segment (small, medium, large)',
  },
  contact: { UF_CRM_BANK_ID: "The bank's person id" },
};

const ENTITY_IDS = { company: 'CRM_COMPANY', contact: 'CRM_CONTACT' } as const;

function flag(value: unknown, fallback: 'Y' | 'N'): 'Y' | 'N' {
  if (value === undefined || value === null || value === '') return fallback;
  return value === 'Y' || value === true || value === '1' || value === 1 ? 'Y' : 'N';
}

/**
 * The portal's user-field definitions (`crm.company.userfield.*`, `crm.contact.userfield.*`): the
 * built-in ones the mapping uses, the custom ones the bank's dataset declares, and those clients add.
 * A custom company field's values live in the neutral record's `custom` under its camelCase name.
 */
export class UserFieldRegistry {
  private readonly definitions = new Map<UserFieldEntity, Map<string, UserFieldDefinition>>();
  private nextId = 1;

  constructor(declared: Partial<Record<UserFieldEntity, Record<string, UserTypeId>>> = {}) {
    for (const entity of ['company', 'contact'] as const) {
      this.definitions.set(entity, new Map());
      for (const [name, label] of Object.entries(BUILT_IN[entity])) {
        this.put(entity, { FIELD_NAME: name, USER_TYPE_ID: 'string', EDIT_FORM_LABEL: label });
      }
      for (const [key, type] of Object.entries(declared[entity] ?? {})) {
        this.put(entity, { FIELD_NAME: userFieldNameOf(key), USER_TYPE_ID: type, EDIT_FORM_LABEL: key });
      }
    }
  }

  isBuiltIn(entity: UserFieldEntity, fieldName: string): boolean {
    return fieldName in BUILT_IN[entity];
  }

  list(entity: UserFieldEntity): UserFieldDefinition[] {
    return [...this.of(entity).values()];
  }

  byName(entity: UserFieldEntity, fieldName: string): UserFieldDefinition | undefined {
    return this.of(entity).get(fieldName);
  }

  get(entity: UserFieldEntity, id: string): UserFieldDefinition {
    const found = this.list(entity).find((definition) => definition.ID === id);
    if (!found) throw bitrixErrors.notFound();
    return found;
  }

  add(entity: UserFieldEntity, fields: Record<string, unknown>): UserFieldDefinition {
    const name = validateUserFieldName(fields.FIELD_NAME);
    const type = String(fields.USER_TYPE_ID ?? '');
    if (type === '') throw new BitrixError('', "The 'USER_TYPE_ID' field is not found.");
    if (!(USER_TYPES as readonly string[]).includes(type)) {
      throw new BitrixError('', `User type ${type} is not supported. Use one of ${USER_TYPES.join(', ')}.`);
    }
    if (this.of(entity).has(name)) throw new BitrixError('', `Field ${name} already exists.`);
    return this.put(entity, { ...fields, FIELD_NAME: name, USER_TYPE_ID: type as UserTypeId });
  }

  /** Changes labels and flags; name, type and multiplicity are fixed once created, as on the portal. */
  update(entity: UserFieldEntity, id: string, fields: Record<string, unknown>): void {
    const current = this.get(entity, id);
    const { FIELD_NAME: _name, USER_TYPE_ID: _type, MULTIPLE: _multiple, ID: _id, ...changes } = fields;
    this.of(entity).set(
      current.FIELD_NAME,
      this.definitionOf(entity, current.ID, { ...current, ...changes }),
    );
  }

  remove(entity: UserFieldEntity, id: string): void {
    const current = this.get(entity, id);
    if (this.isBuiltIn(entity, current.FIELD_NAME)) {
      throw new BitrixError('', `Field ${current.FIELD_NAME} carries the bank's data and cannot be deleted.`);
    }
    this.of(entity).delete(current.FIELD_NAME);
  }

  private put(entity: UserFieldEntity, fields: Record<string, unknown>): UserFieldDefinition {
    const definition = this.definitionOf(entity, String(this.nextId++), fields);
    this.of(entity).set(definition.FIELD_NAME, definition);
    return definition;
  }

  private definitionOf(
    entity: UserFieldEntity,
    id: string,
    fields: Record<string, unknown>,
  ): UserFieldDefinition {
    const label = fields.EDIT_FORM_LABEL ?? fields.LABEL ?? fields.FIELD_NAME;
    return {
      ID: id,
      ENTITY_ID: ENTITY_IDS[entity],
      FIELD_NAME: String(fields.FIELD_NAME),
      USER_TYPE_ID: fields.USER_TYPE_ID as UserTypeId,
      XML_ID: fields.XML_ID === undefined || fields.XML_ID === null ? null : String(fields.XML_ID),
      SORT: String(fields.SORT ?? 100),
      MULTIPLE: flag(fields.MULTIPLE, 'N'),
      MANDATORY: flag(fields.MANDATORY, 'N'),
      SHOW_FILTER: flag(fields.SHOW_FILTER, 'N'),
      SHOW_IN_LIST: flag(fields.SHOW_IN_LIST, 'N'),
      EDIT_IN_LIST: flag(fields.EDIT_IN_LIST, 'Y'),
      IS_SEARCHABLE: flag(fields.IS_SEARCHABLE, 'N'),
      EDIT_FORM_LABEL: typeof label === 'string' ? label : String(fields.FIELD_NAME),
      SETTINGS:
        typeof fields.SETTINGS === 'object' && fields.SETTINGS !== null
          ? (fields.SETTINGS as Record<string, unknown>)
          : {},
    };
  }

  private of(entity: UserFieldEntity): Map<string, UserFieldDefinition> {
    return this.definitions.get(entity) as Map<string, UserFieldDefinition>;
  }
}
