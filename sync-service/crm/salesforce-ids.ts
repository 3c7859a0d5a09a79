import { parseSalesforceId, salesforceId } from '../../simulator/crm/salesforce/salesforce-id.ts';

/**
 * The bank's Salesforce org numbers its records the way the CRM's neutral ids do: an 18-character
 * id is the object's key prefix, the org's pod, and the record's neutral number in base 62. The
 * scheme is shared with the simulated org, which defines it; one module reads and writes it.
 */
export function salesforceIdOf(keyPrefix: string, neutralId: string): string | undefined {
  const number = Number(neutralId);
  return /^\d+$/.test(neutralId) && Number.isSafeInteger(number)
    ? salesforceId(keyPrefix, number)
    : undefined;
}

/** The neutral id of a Salesforce id; an id outside the scheme is kept as it is. */
export function neutralIdOf(id: string): string {
  const parsed = parseSalesforceId(id);
  return parsed.kind === 'record' ? String(parsed.number) : id;
}
