import { createHash } from 'node:crypto';
import { salesforceId } from './salesforce-id.ts';

/** The one simulated org: its id, as token prefixes and identity URLs carry it. */
export const ORG_ID = salesforceId('00D', 1);

/**
 * The user id (`005…`) an integration acts as, derived from its name so the REST API (identity
 * URL) and change events (`commitUser`) agree without sharing state.
 */
export function userIdOf(name: string): string {
  const digest = createHash('sha256').update(name).digest();
  return salesforceId('005', digest.readUInt32BE(0));
}

/** The user Salesforce attributes system work to, e.g. gap events. */
export const AUTOMATED_PROCESS_USER = userIdOf('autoproc');

/** Release name of an API version: 60.0 is Spring '24, and there are three releases a year. */
export function releaseLabel(apiVersion: string): string {
  const index = Math.trunc(Number(apiVersion)) - 60;
  const season = (['Spring', 'Summer', 'Winter'] as const)[((index % 3) + 3) % 3] ?? 'Spring';
  const year = 24 + Math.floor(index / 3) + (season === 'Winter' ? 1 : 0);
  return `${season} '${String(year).padStart(2, '0')}`;
}
