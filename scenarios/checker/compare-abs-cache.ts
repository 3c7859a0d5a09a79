import type { AbsAccount } from '../../contracts/abs/abs-schemas.ts';
import type { AbsStore } from '../../simulator/abs/abs-store.ts';
import { EXAMPLES_PER_OFFENDER, firstOffenders, type Holdings, type Offender } from './offender.ts';
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
  /** The accounts behind the counts, the first of each verdict by account id (see offender.ts). */
  readonly offenders: readonly Offender[];
}

interface PostingRow {
  readonly account_id: string;
  readonly sequence: string;
  readonly posting_id: string;
}

/** Compares the ABS's truth with the sync service's cache, posting by posting and account by account. */
export async function compareAbsCache(store: AbsStore, databaseUrl: string): Promise<CacheComparison> {
  return withDatabase(databaseUrl, async (client) => {
    const accounts = await client.query<{ id: string; balance_minor: string; last_sequence: string }>(
      'SELECT id, balance_minor, last_sequence FROM accounts',
    );
    const postings = await client.query<PostingRow>('SELECT account_id, sequence, posting_id FROM postings');
    const cachedAccounts = new Map(accounts.rows.map((r) => [r.id, r]));
    const cachedPostings = new Map(postings.rows.map((r) => [`${r.account_id}/${r.sequence}`, r.posting_id]));
    const rowsByPostingId = groupBy(postings.rows, (r) => r.posting_id);
    const rowsByAccount = groupBy(postings.rows, (r) => r.account_id);

    const offenders: Offender[] = [];
    const explain = (verdict: Offender['verdict'], accountId: string, found: Holdings) => {
      const truth = store.account(accountId);
      const cached = cachedAccounts.get(accountId);
      offenders.push({
        verdict,
        system: 'abs',
        entity: `abs account ${accountId}`,
        // ABS events are keyed by organisation; REST paths name the account.
        keys: truth ? [truth.organisationId, accountId] : [accountId],
        source: truth ? sourceHoldings(truth) : null,
        cache: {
          balanceMinor: cached ? Number(cached.balance_minor) : null,
          lastSequence: cached ? Number(cached.last_sequence) : null,
          postings: rowsByAccount.get(accountId)?.length ?? 0,
          ...found,
        },
      });
    };

    let lost = 0;
    let diverged = 0;
    let truthPostings = 0;
    for (const account of store.allAccounts()) {
      const cached = cachedAccounts.get(account.id);
      const missing: number[] = [];
      const differing: number[] = [];
      for (const posting of store.postingsAfter(account.id, 0, Number.MAX_SAFE_INTEGER)) {
        truthPostings += 1;
        const cachedId = cachedPostings.get(`${posting.accountId}/${posting.sequence}`);
        if (cachedId === undefined) missing.push(posting.sequence);
        else if (cachedId !== posting.postingId) differing.push(posting.sequence);
      }
      const rowDiffers =
        !cached ||
        Number(cached.balance_minor) !== account.balanceMinor ||
        Number(cached.last_sequence) !== account.lastSequence;
      lost += missing.length;
      diverged += (rowDiffers ? 1 : 0) + differing.length;
      if (missing.length > 0)
        explain('lost', account.id, { missing: missing.length, missingSequences: examples(missing) });
      if (rowDiffers || differing.length > 0)
        explain(
          'diverged',
          account.id,
          differing.length > 0 ? { otherPostingAtSequences: examples(differing) } : {},
        );
    }

    let duplicated = 0;
    const duplicatesByAccount = new Map<string, { postingId: string; sequences: number[] }[]>();
    for (const [postingId, rows] of rowsByPostingId) {
      if (rows.length < 2) continue;
      duplicated += rows.length - 1;
      const accountId = rows[0]?.account_id as string;
      const list = duplicatesByAccount.get(accountId) ?? [];
      list.push({ postingId, sequences: rows.map((r) => Number(r.sequence)).sort((a, b) => a - b) });
      duplicatesByAccount.set(accountId, list);
    }
    for (const [accountId, list] of duplicatesByAccount) {
      list.sort((a, b) => (a.sequences[0] ?? 0) - (b.sequences[0] ?? 0));
      explain('duplicated', accountId, { duplicatePostings: list.slice(0, EXAMPLES_PER_OFFENDER) });
    }
    return {
      lost,
      duplicated,
      diverged,
      truthPostings,
      cachePostings: postings.rows.length,
      offenders: firstOffenders(offenders),
    };
  });
}

/** The ABS numbers an account's postings from 1, so its last sequence is also how many it booked. */
function sourceHoldings(account: AbsAccount): Holdings {
  return {
    organisation: account.organisationId,
    balanceMinor: account.balanceMinor,
    lastSequence: account.lastSequence,
  };
}

function examples(sequences: readonly number[]): number[] {
  return sequences.slice(0, EXAMPLES_PER_OFFENDER);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
