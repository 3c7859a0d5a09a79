import type { CrmEntity, CrmRecord } from '../../contracts/crm/crm-records.ts';

/**
 * The seeded records the CRM starts with, derived on demand so a million clients cost no memory
 * until they are touched. Record ids are decimal numbers per entity (Bitrix24 shows them as they
 * are, the Salesforce flavor encodes them into 18-character ids).
 */
export interface CrmBaseData {
  /** Companies in the seeded world: ids 1..companies. */
  readonly companies: number;
  /** Children per company are numbered `(company - 1) * CHILD_SLOTS + 1 + j`. */
  companyAt(number: number): CrmRecord<'company'>;
  childrenOf(company: number): CrmChildren;
  /** The seeded company carrying the bank's client id, found without a scan (ids encode it). */
  companyByExternalId(externalId: string): number | undefined;
}

export interface CrmChildren {
  readonly contact: CrmRecord<'contact'>[];
  readonly task: CrmRecord<'task'>[];
  readonly authority: CrmRecord<'authority'>[];
}

/** Room for this many seeded children of each kind per company in the id space. */
export const CHILD_SLOTS = 16;

/** The company whose seeded child a record id names, or undefined for ids beyond the seeded space. */
export function seededOwner(entity: CrmEntity, id: number, base: CrmBaseData): number | undefined {
  const company = entity === 'company' ? id : Math.floor((id - 1) / CHILD_SLOTS) + 1;
  return id >= 1 && company <= base.companies ? company : undefined;
}

/** First id handed to records created through the API: above every seeded id. */
export function firstCreatedId(entity: CrmEntity, base: CrmBaseData): number {
  return (entity === 'company' ? base.companies : base.companies * CHILD_SLOTS) + 1;
}
