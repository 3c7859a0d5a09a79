import type { Metadata } from '@grpc/grpc-js';
import { ORG_ID } from '../salesforce-org.ts';
import type { SalesforceSession, SalesforceSessions } from '../salesforce-sessions.ts';

const first = (metadata: Metadata, key: string): string => String(metadata.get(key)[0] ?? '');

/**
 * The session a call's metadata names, as the Pub/Sub API requires it: `accesstoken` (an OAuth
 * token of this org, live), `instanceurl` and `tenantid` (the org id, 15 or 18 characters).
 * Undefined for anything else; the caller answers UNAUTHENTICATED.
 */
export function sessionOf(metadata: Metadata, sessions: SalesforceSessions): SalesforceSession | undefined {
  const tenant = first(metadata, 'tenantid');
  if (first(metadata, 'instanceurl') === '') return undefined;
  if (tenant !== ORG_ID && tenant !== ORG_ID.slice(0, 15)) return undefined;
  return sessions.find(first(metadata, 'accesstoken'));
}
