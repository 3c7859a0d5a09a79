import { z } from 'zod';

/**
 * How a neutral field's value becomes the vendor's: as it is; a Bitrix multi-field
 * (`[{VALUE, VALUE_TYPE: 'WORK'}]`); a picklist by a value table; `Y`/`N` from a test; a
 * reference to another record as a Salesforce id.
 */
const transformSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('copy') }),
  z.strictObject({ kind: z.literal('multi-field') }),
  z.strictObject({ kind: z.literal('picklist'), values: z.record(z.string(), z.string()) }),
  z.strictObject({ kind: z.literal('yes-if'), equals: z.string() }),
  /** A neutral record id as the Salesforce id of the object with this key prefix (`001` Account). */
  z.strictObject({ kind: z.literal('salesforce-id'), keyPrefix: z.string().length(3) }),
]);
export type FieldTransform = z.infer<typeof transformSchema>;

const fieldMapSchema = z.strictObject({
  /** The vendor's field name. */
  to: z.string().min(1),
  transform: transformSchema.default({ kind: 'copy' }),
});

const entityMapSchema = z.strictObject({
  /** Salesforce sObject (`Account`) or Bitrix24 method prefix (`crm.company`). */
  target: z.string().min(1),
  /** Salesforce: the object's key prefix, to address a record by the CRM's id. */
  keyPrefix: z.string().length(3).optional(),
  /** The vendor field holding the bank's id: upserts go by it. */
  externalIdField: z.string().min(1),
  /** Vendor fields every write of this entity carries, e.g. Bitrix activities' `OWNER_TYPE_ID`. */
  constants: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /** Neutral field → vendor field. A neutral field not listed is not written to this CRM. */
  fields: z.record(z.string(), fieldMapSchema),
  /** Neutral custom field (`custom.creditLimit`) → vendor field (`UF_CRM_CREDIT_LIMIT`, `Credit_Limit__c`). */
  custom: z.record(z.string(), z.string()).default({}),
});
export type EntityMap = z.infer<typeof entityMapSchema>;

/** A versioned, declarative map of the bank's neutral CRM fields onto one CRM flavor. */
export const mappingProfileSchema = z.strictObject({
  flavor: z.enum(['salesforce', 'bitrix24']),
  /** Bumped on every change, logged at start-up, so a write can be traced to the map it used. */
  version: z.number().int().positive(),
  entities: z.strictObject({ company: entityMapSchema, contact: entityMapSchema, task: entityMapSchema }),
});
export type MappingProfile = z.infer<typeof mappingProfileSchema>;
export type MappingProfileInput = z.input<typeof mappingProfileSchema>;
