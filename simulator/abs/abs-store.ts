import type { AbsAccount, AbsOrganisation, AbsPostingEvent } from '../../contracts/abs/abs-schemas.ts';
import type { AbsDataset } from './abs-dataset.ts';

/** A change made in the ABS's database behind its API (incident I3): no event, no posting. */
export interface AbsDrift {
  readonly accountId: string;
  readonly balanceBefore: number;
  readonly balanceAfter: number;
  readonly at: string;
}

/** The ABS's truth: what its REST answers and what checkers compare the cache against. */
export class AbsStore {
  /** Grey edits so far, for checkers: what reconciliation must find and repair. */
  readonly drift: AbsDrift[] = [];
  readonly organisations: ReadonlyMap<string, AbsOrganisation>;
  private readonly accounts = new Map<string, AbsAccount>();
  private readonly postingsByAccount = new Map<string, AbsPostingEvent[]>();
  private readonly accountIdsByOrganisation = new Map<string, string[]>();

  constructor(dataset: AbsDataset) {
    this.organisations = new Map(dataset.organisations.map((o) => [o.id, o]));
    for (const account of dataset.accounts) {
      this.accounts.set(account.id, { ...account });
      this.postingsByAccount.set(account.id, []);
      const siblings = this.accountIdsByOrganisation.get(account.organisationId) ?? [];
      siblings.push(account.id);
      this.accountIdsByOrganisation.set(account.organisationId, siblings);
    }
  }

  allAccounts(): AbsAccount[] {
    return [...this.accounts.values()].map((a) => ({ ...a }));
  }

  accountIds(): string[] {
    return [...this.accounts.keys()];
  }

  account(id: string): AbsAccount | undefined {
    const account = this.accounts.get(id);
    return account && { ...account };
  }

  accountsOf(organisationId: string): AbsAccount[] {
    return (this.accountIdsByOrganisation.get(organisationId) ?? []).map((id) => ({
      ...(this.accounts.get(id) as AbsAccount),
    }));
  }

  postingsAfter(accountId: string, afterSequence: number, limit: number): AbsPostingEvent[] {
    return (this.postingsByAccount.get(accountId) ?? []).slice(afterSequence, afterSequence + limit);
  }

  postingCount(): number {
    let count = 0;
    for (const postings of this.postingsByAccount.values()) count += postings.length;
    return count;
  }

  /** A direct database fix of an account's balance: no posting, no sequence, no event; recorded as drift. */
  greyEdit(accountId: string, balanceMinor: number, at: number): AbsDrift {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`Failed to grey-edit: account ${accountId} does not exist.`);
    const drift = {
      accountId,
      balanceBefore: account.balanceMinor,
      balanceAfter: balanceMinor,
      at: new Date(at).toISOString(),
    };
    account.balanceMinor = balanceMinor;
    this.drift.push(drift);
    return drift;
  }

  /** Books a posting: the next sequence number of its account, the balance moved by the amount. */
  book(
    accountId: string,
    posting: Pick<AbsPostingEvent, 'postingId' | 'amountMinor' | 'description'>,
    bookedAt: number,
  ): AbsPostingEvent {
    const account = this.accounts.get(accountId);
    const postings = this.postingsByAccount.get(accountId);
    if (!account || !postings)
      throw new Error(`Failed to book a posting: account ${accountId} does not exist.`);
    account.lastSequence += 1;
    account.balanceMinor += posting.amountMinor;
    const event: AbsPostingEvent = {
      ...posting,
      accountId,
      organisationId: account.organisationId,
      accountNumber: account.number,
      currency: account.currency,
      sequence: account.lastSequence,
      balanceAfterMinor: account.balanceMinor,
      bookedAt: new Date(bookedAt).toISOString(),
    };
    postings.push(event);
    return event;
  }
}
