import { crmFieldsSchemas } from '../../contracts/crm/crm-records.ts';
import {
  type MappingProfile,
  type MappingProfileInput,
  mappingProfileSchema,
} from './mapping-profile-schema.ts';

// Bitrix24 user field names are at most 20 characters: 13 after the `UF_CRM_` prefix.
const USER_FIELD = /^UF_CRM_([A-Z0-9_]+)$/;
const USER_FIELD_CODE_MAX = 13;

/** A profile that cannot be used, with every problem found. */
export class MappingProfileError extends Error {
  readonly code = 'MAPPING_PROFILE_INVALID';
  readonly problems: readonly string[];
  constructor(name: string, problems: readonly string[]) {
    super(
      `Failed to load the CRM mapping profile ${name}: ${problems.join('; ')}. Fix the profile and start again.`,
    );
    this.problems = problems;
  }
}

export const isMappingProfileError = (error: unknown): error is MappingProfileError =>
  error instanceof MappingProfileError;

/**
 * Parses and checks a mapping profile at start-up, so a bad map stops the service with a clear
 * message instead of writing wrong fields: the shape; every neutral field exists for its entity;
 * every Bitrix user field fits the portal's 13-character code; Salesforce custom fields end in `__c`;
 * picklists cover every neutral value.
 */
export function loadMappingProfile(input: MappingProfileInput): MappingProfile {
  const parsed = mappingProfileSchema.safeParse(input);
  const name = `${String((input as { flavor?: unknown }).flavor)} v${String((input as { version?: unknown }).version)}`;
  if (!parsed.success)
    throw new MappingProfileError(
      name,
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  const profile = parsed.data;
  const problems: string[] = [];
  for (const [entity, map] of Object.entries(profile.entities) as [
    keyof typeof crmFieldsSchemas,
    MappingProfile['entities']['company'],
  ][]) {
    const shape = crmFieldsSchemas[entity].shape as Record<string, { options?: readonly string[] }>;
    const vendorFields = [
      map.externalIdField,
      ...Object.values(map.fields).map((f) => f.to),
      ...Object.values(map.custom),
    ];
    for (const [neutral, field] of Object.entries(map.fields)) {
      if (!(neutral in shape))
        problems.push(`entities.${entity}.fields.${neutral}: ${entity} has no neutral field "${neutral}"`);
      if (field.transform.kind === 'picklist') {
        const missing = (shape[neutral]?.options ?? []).filter(
          (value) => !(value in (field.transform as { values: object }).values),
        );
        if (missing.length > 0)
          problems.push(
            `entities.${entity}.fields.${neutral}: the picklist has no value for ${missing.join(', ')}`,
          );
      }
    }
    for (const vendor of vendorFields) {
      if (profile.flavor === 'bitrix24') {
        const code = USER_FIELD.exec(vendor)?.[1];
        if (vendor.startsWith('UF_') && code === undefined)
          problems.push(`entities.${entity}: ${vendor} is no valid user field name (UF_CRM_ + A-Z, 0-9, _)`);
        if (code !== undefined && code.length > USER_FIELD_CODE_MAX)
          problems.push(
            `entities.${entity}: ${vendor} has ${code.length} characters after UF_CRM_, Bitrix24 allows ${USER_FIELD_CODE_MAX}`,
          );
      }
    }
    if (profile.flavor === 'salesforce') {
      for (const vendor of [map.externalIdField, ...Object.values(map.custom)])
        if (!vendor.endsWith('__c'))
          problems.push(`entities.${entity}: ${vendor} is a custom field and must end in __c`);
    }
  }
  if (problems.length > 0) throw new MappingProfileError(name, problems);
  return profile;
}
