import type { AbsStore } from '../../simulator/abs/abs-store.ts';
import { withDatabase } from './with-database.ts';

export interface CacheComparison {
  /** Postings the ABS booked that the cache does not hold. */
  readonly lost: number;
  /** Postings the cache holds more than once. */
  readonly duplicated: number;
  /** Accounts whose balance or sequence differs from the ABS, plus postings that differ in content. */
  readonly diverged: number;
  readonly truthPostings: number;
  readonly cachePostings: number;
}

/** Compares the ABS's truth with the sync service's cache, posting by posting and account by account. */
export async function compareAbsCache(store: AbsStore, databaseUrl: string): Promise<CacheComparison> {
  return withDatabase(databaseUrl, async (client) => {
    const accounts = await client.query<{ id: string; balance_minor: string; last_sequence: string }>(
      'SELECT id, balance_minor, last_sequence FROM accounts',
    );
    const postings = await client.query<{ account_id: string; sequence: string; posting_id: string }>(
      'SELECT account_id, sequence, posting_id FROM postings',
    );
    const cachedAccounts = new Map(accounts.rows.map((r) => [r.id, r]));
    const cachedPostings = new Map(postings.rows.map((r) => [`${r.account_id}/${r.sequence}`, r.posting_id]));
    const postingIdCounts = new Map<string, number>();
    for (const row of postings.rows)
      postingIdCounts.set(row.posting_id, (postingIdCounts.get(row.posting_id) ?? 0) + 1);

    let lost = 0;
    let diverged = 0;
    let truthPostings = 0;
    for (const account of store.allAccounts()) {
      const cached = cachedAccounts.get(account.id);
      if (
        !cached ||
        Number(cached.balance_minor) !== account.balanceMinor ||
        Number(cached.last_sequence) !== account.lastSequence
      ) {
        diverged += 1;
      }
      for (const posting of store.postingsAfter(account.id, 0, Number.MAX_SAFE_INTEGER)) {
        truthPostings += 1;
        const cachedId = cachedPostings.get(`${posting.accountId}/${posting.sequence}`);
        if (cachedId === undefined) lost += 1;
        else if (cachedId !== posting.postingId) diverged += 1;
      }
    }
    let duplicated = 0;
    for (const count of postingIdCounts.values()) duplicated += count - 1;
    return { lost, duplicated, diverged, truthPostings, cachePostings: postings.rows.length };
  });
}
