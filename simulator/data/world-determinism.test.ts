import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { World } from './world.ts';
import { createWorld } from './world.ts';

const CLIENTS = 2000;

/** Everything attached to a client: card, people, rights, tasks, accounts, MDM record, and slices of history. */
function clientDump(world: World, i: number): string {
  const accounts = world.accountsOf(i);
  const postings = accounts.map((account) => {
    const first = world.postingsOf(account.id, { limit: 10 });
    const total = first?.total ?? 0;
    return [first, world.postingsOf(account.id, { offset: Math.floor(total / 2), limit: 5 })];
  });
  return JSON.stringify([
    world.clientAt(i),
    world.contactsOf(i),
    world.authoritiesOf(i),
    world.tasksOf(i),
    accounts,
    world.legalDetailsOf(i),
    world.interactionsOf(i, { limit: 10_000 }),
    postings,
  ]);
}

function digest(world: World, order: readonly number[]): string {
  const perClient = new Array<string>(CLIENTS);
  for (const i of order) perClient[i] = createHash('sha256').update(clientDump(world, i)).digest('hex');
  return createHash('sha256').update(perClient.join('\n')).digest('hex');
}

describe('world determinism', () => {
  const forward = [...Array(CLIENTS).keys()];

  it('gives byte-identical data for the same seed from two generators, whatever order clients are read in', () => {
    const a = digest(createWorld({ seed: 42, clients: 1_000_000 }), forward);
    const b = digest(createWorld({ seed: 42, clients: 1_000_000 }), forward.toReversed());
    expect(b).toBe(a);
    // Pinned: seeded scenarios replay only while this holds. A deliberate change to the world
    // (or a faker upgrade that reshapes its ru word lists) updates it with `vitest -u`.
    expect(a).toMatchInlineSnapshot(`"e64744c89c2ed744e5b42bd913f0d58c53889d3e5e7aea82ce6982191acf2eb6"`);
  });

  it('gives different data for a different seed', () => {
    const a = digest(createWorld({ seed: 42, clients: 1_000_000 }), forward.slice(0, 200));
    const b = digest(createWorld({ seed: 43, clients: 1_000_000 }), forward.slice(0, 200));
    expect(b).not.toBe(a);
  });
});
