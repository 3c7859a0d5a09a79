import type pg from 'pg';

/** A change of one entity's state as a channel delivers it: the full state after it, null once deleted. */
export interface EntityChange<T> {
  readonly entity: string;
  readonly id: string;
  readonly sequence: number;
  readonly operation: 'create' | 'update' | 'delete';
  readonly state: T | null;
  /** Source time of the change: the cache's "as of". */
  readonly at: string;
  /** Who made the change, where the channel says (CRM webhooks, change data capture). */
  readonly origin?: { readonly client: string | null } | null;
}

/**
 * Writes entity states into their cache table, inside the sequencer's transaction. Must discard a
 * state older than the one held (by the source's own version), so channels racing each other and
 * point fetches can never move a row backwards.
 */
export interface EntityWriter<T> {
  write(client: pg.PoolClient, changes: readonly EntityChange<T>[]): Promise<void>;
}
