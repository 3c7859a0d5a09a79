import { salesforceIdOf } from '../crm/salesforce-ids.ts';
import type { EntityMap, FieldTransform } from './mapping-profile-schema.ts';

function transformed(value: unknown, transform: FieldTransform): unknown {
  switch (transform.kind) {
    case 'copy':
      return value;
    case 'multi-field':
      return value === null || value === '' ? [] : [{ VALUE: value, VALUE_TYPE: 'WORK' }];
    case 'picklist':
      return value === null ? null : (transform.values[String(value)] ?? value);
    case 'yes-if':
      return value === transform.equals ? 'Y' : 'N';
    case 'salesforce-id':
      return value === null ? null : (salesforceIdOf(transform.keyPrefix, String(value)) ?? value);
  }
}

/** Neutral fields of one write → the vendor's fields by the profile; unmapped fields are left out. */
export function mapFields(
  map: EntityMap,
  fields: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const vendor: Record<string, unknown> = { ...map.constants };
  for (const [neutral, value] of Object.entries(fields)) {
    if (neutral === 'custom' && value && typeof value === 'object') {
      for (const [key, customValue] of Object.entries(value)) {
        const to = map.custom[key];
        if (to) vendor[to] = customValue;
      }
      continue;
    }
    const field = map.fields[neutral];
    if (field) vendor[field.to] = transformed(value, field.transform);
  }
  return vendor;
}
