import { crmFieldsSchemas } from '../../contracts/crm/crm-records.ts';
import type { CrmWritableEntity } from '../../contracts/sync/crm-write-event.ts';
import type { FieldOwner } from '../conflicts/merge-crm-state.ts';

export interface FieldProblem {
  readonly code: 'UNKNOWN_FIELD' | 'INVALID_FIELD' | 'FIELD_OWNED_BY_CRM' | 'NO_FIELDS';
  readonly message: string;
}

/**
 * Checks fields the bank wants to write: each one a field of the entity's neutral schema, each
 * value valid for it, none owned by the CRM (table `field_ownership`). All problems at once.
 */
export function validateBankFields(
  entity: CrmWritableEntity,
  fields: unknown,
  ownerOf: (field: string) => FieldOwner,
): FieldProblem[] {
  if (
    typeof fields !== 'object' ||
    fields === null ||
    Array.isArray(fields) ||
    Object.keys(fields).length === 0
  )
    return [
      {
        code: 'NO_FIELDS',
        message: 'Send `fields`: an object of the fields to change, e.g. {"phone": "+7 495 123-45-67"}.',
      },
    ];
  const shape = crmFieldsSchemas[entity].shape as Record<
    string,
    { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } }
  >;
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const schema = shape[field];
    if (!schema) {
      problems.push({
        code: 'UNKNOWN_FIELD',
        message: `${entity} has no field "${field}"; known: ${Object.keys(shape).join(', ')}.`,
      });
      continue;
    }
    if (ownerOf(field) === 'crm') {
      problems.push({
        code: 'FIELD_OWNED_BY_CRM',
        message: `${entity}.${field} is owned by the CRM; change it there.`,
      });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      problems.push({
        code: 'INVALID_FIELD',
        message: `${entity}.${field}: ${parsed.error?.issues[0]?.message ?? 'invalid'}.`,
      });
  }
  return problems;
}
