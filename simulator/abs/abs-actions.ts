import { ABS_POSTINGS_TOPIC } from '../../contracts/abs/abs-schemas.ts';
import type { EventBus } from '../../infra/event-bus.ts';
import { type FaultEngine, packAvalanche } from '../faults/index.ts';
import type { AbsStore } from './abs-store.ts';

const DAY_MS = 86_400_000;

/** One closing posting of a years-old period, as the careless batch job of incident I4 sent them. */
export interface AbsClosingPosting {
  readonly postingId: string;
  readonly accountId: string;
  readonly bookedAt: string;
  readonly amountMinor: number;
  readonly description: string;
}

/**
 * What the ABS does when a fault rule asks for an action:
 * - `grey-edit`: change balances straight in its database — no posting, no event (incident I3);
 * - `avalanche`: a batch job closes 10-year-old periods and floods `abs.postings` with messages of
 *   up to 10 000 closing postings, each message just under the bus limit (incident I4). They change
 *   no current balance: the sync service's business filter is meant to drop them.
 */
export function registerAbsActions(engine: FaultEngine, store: AbsStore, bus: EventBus): () => void {
  const offGreyEdit = engine.onAction('grey-edit', ({ target, effect, at, random }) => {
    if (!target.startsWith('abs.')) return undefined;
    const ids = store.accountIds();
    const edited: string[] = [];
    for (let i = 0; i < effect.count && ids.length > 0; i++) {
      const id = ids[Math.floor(random() * ids.length)] as string;
      const account = store.account(id);
      if (!account) continue;
      store.greyEdit(id, account.balanceMinor + Math.round((random() - 0.5) * 2_000_000), at);
      edited.push(id);
    }
    return { edited };
  });
  const offAvalanche = engine.onAction('avalanche', async ({ target, effect, at, random }) => {
    if (target !== 'abs.events') return undefined;
    const accounts = store.allAccounts();
    const bookedAt = new Date(at - effect.olderThanDays * DAY_MS).toISOString();
    const total = effect.messages * effect.itemsPerMessage;
    const postings = Array.from({ length: total }, (_, i): AbsClosingPosting & { organisationId: string } => {
      const account = accounts[i % accounts.length];
      return {
        postingId: `closing-${at}-${i}`,
        accountId: account?.id ?? '',
        organisationId: account?.organisationId ?? '',
        bookedAt,
        amountMinor: Math.round((random() - 0.5) * 1_000_000),
        description: 'Закрытие периода',
      };
    });
    const messages = packAvalanche(postings, {
      maxItems: effect.itemsPerMessage,
      maxBytes: effect.maxMessageBytes,
      wrap: (items) => ({ type: 'closing-postings', postings: items }),
    });
    await bus.publish(
      ABS_POSTINGS_TOPIC,
      messages.map((value, i) => ({
        key: accounts[i % accounts.length]?.organisationId ?? 'avalanche',
        value,
      })),
    );
    return { messages: messages.length, postings: total };
  });
  return () => {
    offGreyEdit();
    offAvalanche();
  };
}
