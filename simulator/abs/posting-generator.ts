import { en, Faker, ru } from '@faker-js/faker';
import type { AbsPostingEvent } from '../../contracts/abs/abs-schemas.ts';
import type { AbsStore } from './abs-store.ts';

/**
 * Books postings on random accounts, drawn from a PRNG seeded apart from the dataset's, so the
 * n-th posting of a run is the same whatever the timing: same seed → same event history.
 */
export class PostingGenerator {
  private readonly faker: Faker;
  private readonly accountIds: string[];

  private readonly store: AbsStore;

  constructor(store: AbsStore, seed: number) {
    this.store = store;
    this.faker = new Faker({ locale: [ru, en], seed: seed + 1 });
    this.accountIds = store.accountIds();
  }

  next(bookedAt: number): AbsPostingEvent {
    const accountId = this.faker.helpers.arrayElement(this.accountIds);
    const credit = this.faker.datatype.boolean();
    const amount = this.faker.number.int({ min: 1_00, max: 250_000_00 });
    return this.store.book(
      accountId,
      {
        postingId: this.faker.string.uuid(),
        amountMinor: credit ? amount : -amount,
        description: credit
          ? `Оплата по счёту ${this.faker.string.numeric(6)}`
          : this.faker.finance.transactionDescription(),
      },
      bookedAt,
    );
  }
}
