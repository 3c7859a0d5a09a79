import { BitrixError } from './bitrix-error.ts';

/**
 * Bitrix24 user fields are named `UF_CRM_<CODE>`: the whole name is at most 20 characters, so the
 * code after the prefix at most 13, of `A-Z`, `0-9` and `_`. Neutral custom fields are camelCase
 * (`creditLimit`) and appear as `UF_CRM_CREDIT_LIMIT`.
 */
export const USER_FIELD_PREFIX = 'UF_CRM_';
export const USER_FIELD_CODE_MAX = 13;

export function userFieldNameOf(neutralKey: string): string {
  return USER_FIELD_PREFIX + neutralKey.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export function neutralKeyOf(fieldName: string): string {
  const code = fieldName.startsWith(USER_FIELD_PREFIX)
    ? fieldName.slice(USER_FIELD_PREFIX.length)
    : fieldName;
  return code.toLowerCase().replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * Validates a FIELD_NAME given to `*.userfield.add` (with or without the prefix, which the portal
 * adds) and returns the full name.
 */
export function validateUserFieldName(raw: unknown): string {
  const given = typeof raw === 'string' ? raw.trim() : '';
  if (given === '') throw new BitrixError('', "The 'FIELD_NAME' field is not found.");
  const code = given.startsWith(USER_FIELD_PREFIX) ? given.slice(USER_FIELD_PREFIX.length) : given;
  if (!/^[A-Z0-9_]+$/.test(code)) {
    throw new BitrixError('', `Field name ${given} contains invalid characters. Allowed are A-Z, 0-9 and _.`);
  }
  if (code.length > USER_FIELD_CODE_MAX) {
    throw new BitrixError(
      '',
      `Field name ${USER_FIELD_PREFIX}${code} is too long: at most 20 characters with the ${USER_FIELD_PREFIX} prefix, so ${USER_FIELD_CODE_MAX} after it.`,
    );
  }
  return USER_FIELD_PREFIX + code;
}
