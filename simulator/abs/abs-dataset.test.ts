import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidAccountNumber, isValidInn } from '../data/identifiers.ts';
import { createWorld } from '../data/world.ts';
import { generateAbsDataset } from './abs-dataset.ts';
import { AbsStore } from './abs-store.ts';
import { PostingGenerator } from './posting-generator.ts';

const size = { organisations: 30, accountsPerOrganisation: 4 };

function eventHistoryHash(seed: number): string {
  const store = new AbsStore(generateAbsDataset(seed, size));
  const generator = new PostingGenerator(store, seed);
  const hash = createHash('sha256');
  for (let i = 0; i < 500; i++)
    hash.update(JSON.stringify(generator.next(Date.UTC(2026, 10, 21) + i * 1000)));
  return hash.digest('hex');
}

describe('ABS dataset', () => {
  it('is identical for the same seed and different for another', () => {
    expect(JSON.stringify(generateAbsDataset(7, size))).toBe(JSON.stringify(generateAbsDataset(7, size)));
    expect(JSON.stringify(generateAbsDataset(8, size))).not.toBe(JSON.stringify(generateAbsDataset(7, size)));
  });

  it('replays the same posting history for the same seed', () => {
    expect(eventHistoryHash(7)).toBe(eventHistoryHash(7));
    expect(eventHistoryHash(8)).not.toBe(eventHistoryHash(7));
  });

  it('numbers postings per account from 1 and keeps the balance equal to the running sum', () => {
    const store = new AbsStore(generateAbsDataset(3, size));
    const opening = new Map(store.allAccounts().map((a) => [a.id, a.balanceMinor]));
    const generator = new PostingGenerator(store, 3);
    for (let i = 0; i < 300; i++) generator.next(Date.UTC(2026, 0, 1));
    for (const account of store.allAccounts()) {
      const postings = store.postingsAfter(account.id, 0, 10_000);
      expect(postings.map((p) => p.sequence)).toEqual(postings.map((_, i) => i + 1));
      const sum = postings.reduce((total, p) => total + p.amountMinor, opening.get(account.id) ?? 0);
      expect(account.balanceMinor).toBe(sum);
      expect(account.lastSequence).toBe(postings.length);
    }
  });

  it('gives every organisation a valid INN and every account a valid number, from the shared world', () => {
    for (const organisation of generateAbsDataset(11, size).organisations)
      expect(isValidInn(organisation.inn)).toBe(true);
    const world = createWorld({ seed: 11, clients: size.organisations });
    for (const account of generateAbsDataset(11, size).accounts) {
      const bic = world.accountById(account.id)?.bic ?? '';
      expect(isValidAccountNumber(account.number, bic)).toBe(true);
    }
  });
});
