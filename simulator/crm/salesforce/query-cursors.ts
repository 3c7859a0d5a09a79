import type { CrmRecord } from '../../../contracts/crm/crm-records.ts';
import type { Clock } from '../../../infra/clock.ts';
import { salesforceId } from './salesforce-id.ts';
import type { BoundQuery } from './soql/soql-binder.ts';

export interface QueryCursor {
  readonly query: BoundQuery;
  /** The result set as it was when the query ran: later pages do not shift under the client. */
  readonly records: readonly CrmRecord[];
  readonly batchSize: number;
  /** `query` or `queryAll`: the resource the next-page URLs point back to. */
  readonly resource: string;
  lastUsed: number;
}

/** Salesforce drops a query cursor after 15 minutes without a fetch. */
const IDLE_MS = 15 * 60 * 1000;
/** Open cursors kept at once; the least recently used goes first, as Salesforce limits them per user. */
const MAX_OPEN = 50;

/**
 * Open query cursors by locator id (`01g…`). A next-page URL is `<locator>-<offset>`; an unknown,
 * evicted or idle locator is refused as INVALID_QUERY_LOCATOR by the caller.
 */
export class QueryCursors {
  private readonly clock: Clock;
  private readonly cursors = new Map<string, QueryCursor>();
  private opened = 0;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  open(cursor: Omit<QueryCursor, 'lastUsed'>): string {
    const locator = salesforceId('01g', ++this.opened);
    this.cursors.set(locator, { ...cursor, lastUsed: this.clock.now() });
    if (this.cursors.size > MAX_OPEN) {
      const oldest = [...this.cursors.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
      if (oldest) this.cursors.delete(oldest[0]);
    }
    return locator;
  }

  /** The cursor and offset a `<locator>-<offset>` string names, or undefined. */
  resume(locatorAndOffset: string): { cursor: QueryCursor; locator: string; offset: number } | undefined {
    const match = /^([0-9A-Za-z]{18})-(\d+)$/.exec(locatorAndOffset);
    const cursor = match?.[1] ? this.cursors.get(match[1]) : undefined;
    if (!match?.[1] || !cursor) return undefined;
    const now = this.clock.now();
    if (now - cursor.lastUsed > IDLE_MS) {
      this.cursors.delete(match[1]);
      return undefined;
    }
    cursor.lastUsed = now;
    return { cursor, locator: match[1], offset: Number(match[2]) };
  }
}
