import { type Clock, systemClock } from '../../../infra/clock.ts';
import type { CrmStore } from '../crm-store.ts';
import { AUTHORITY_ENTITY_TYPE_ID } from './authority-mapping.ts';
import type { BitrixEventHandlers } from './event-handlers.ts';
import { eventNameOf } from './event-names.ts';
import { encodePhpForm } from './php-query.ts';

/** Hands one outgoing event to whatever delivers it; `formBody` is sent as it is, form-encoded. */
export type BitrixEventSend = (url: string, formBody: string) => void | Promise<void>;

export interface BitrixEventsOptions {
  readonly store: CrmStore;
  /** Delivers each event. Default `fetchSend`: one POST, no retry (the portal's own queue does not retry either). */
  readonly send?: BitrixEventSend;
  /** The token handlers check (`auth[application_token]`) to know the call came from the portal. */
  readonly applicationToken: string;
  /** The bindings to deliver to, shared with `bitrixRoutes` so `event.bind` takes effect. */
  readonly handlers: BitrixEventHandlers;
  /** The portal's domain in `auth[domain]` and `auth[client_endpoint]`. Default `corebridge.bitrix24.ru`. */
  readonly domain?: string;
  /** The portal's id in `auth[member_id]`. Default a fixed 32-hex id. */
  readonly memberId?: string;
  /** Stamps `ts` (seconds). Default the system clock; pass the scenario's clock to replay exactly. */
  readonly clock?: Clock;
}

export interface BitrixEvents {
  /** Resolves when every delivery handed to `send` so far has settled (for tests and scenario ends). */
  idle(): Promise<void>;
  stop(): void;
  [Symbol.dispose](): void;
}

/** Delivers with fetch; a handler that fails or does not answer loses the event, as on the portal. */
export const fetchSend: BitrixEventSend = async (url, formBody) => {
  try {
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody,
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    // Lost, like an event whose handler was down: the portal records the failure and moves on.
  }
};

/**
 * The portal's outgoing events: every change in the store becomes `ONCRM<ENTITY><ADD|UPDATE|DELETE>`
 * carrying only the id, POSTed form-encoded to each handler bound to it:
 * `event=ONCRMCONTACTUPDATE&event_handler_id=1&data[FIELDS][ID]=42&ts=...&auth[application_token]=...`.
 * Grey edits emit nothing, so no event goes out for them.
 */
export function bitrixEvents(options: BitrixEventsOptions): BitrixEvents {
  const send = options.send ?? fetchSend;
  const clock = options.clock ?? systemClock;
  const domain = options.domain ?? 'corebridge.bitrix24.ru';
  const auth = {
    domain,
    client_endpoint: `https://${domain}/rest/`,
    server_endpoint: 'https://oauth.bitrix24.tech/rest/',
    member_id: options.memberId ?? 'c0ebb41d6e0f4c2b9a3d7e5f1a2b3c4d',
    application_token: options.applicationToken,
  };
  const inFlight = new Set<Promise<void>>();

  const unsubscribe = options.store.onChange((change) => {
    const event = eventNameOf(change.entity, change.operation);
    const fields =
      change.entity === 'authority'
        ? { ID: change.id, ENTITY_TYPE_ID: AUTHORITY_ENTITY_TYPE_ID }
        : { ID: change.id };
    for (const binding of options.handlers.handlersOf(event)) {
      const body = encodePhpForm({
        event,
        event_handler_id: binding.id,
        data: { FIELDS: fields },
        ts: Math.floor(clock.now() / 1000),
        auth,
      });
      const delivery = Promise.resolve()
        .then(() => send(binding.handler, body))
        .catch(() => undefined)
        .finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    }
  });

  const stop = () => {
    unsubscribe();
  };
  return {
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    stop,
    [Symbol.dispose]: stop,
  };
}
