import express from 'express';
import { afterAll, beforeAll } from 'vitest';
import type { CrmChange } from '../contracts/crm/crm-records.ts';
import { listen, type RunningServer } from '../infra/http-server.ts';
import {
  BitrixEventHandlers,
  type BitrixEvents,
  bitrixEvents,
  bitrixRoutes,
} from '../simulator/crm/bitrix/index.ts';
import { parsePhpQuery } from '../simulator/crm/bitrix/php-query.ts';
import { CrmStore } from '../simulator/crm/crm-store.ts';
import { fixtureCrmBase } from '../simulator/crm/fixture-crm-base.ts';

export type Reply = { status: number; body: Record<string, unknown> };

/**
 * A Bitrix24 portal of the simulator on a real loopback server, for the flavor's HTTP tests: 30
 * seeded companies, webhook user 1 with token `k3y`, a hand-moved clock, every change recorded,
 * and a receiver for outgoing events. Call it at the top of a test file: it registers its own
 * beforeAll/afterAll.
 */
export function useBitrixTestPortal() {
  let now = Date.UTC(2026, 10, 21, 9);
  const clock = { now: () => now };
  const store = new CrmStore(fixtureCrmBase(30), clock);
  const changes: CrmChange[] = [];
  store.onChange((change) => changes.push(change));
  const handlers = new BitrixEventHandlers();
  const received: Array<Record<string, unknown>> = [];
  let portal: RunningServer | undefined;
  let receiver: RunningServer | undefined;
  let events: BitrixEvents | undefined;

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`Failed to use the test portal: its ${what} is not started. Call it from a test.`);
    return value;
  };
  const call = async (path: string, init?: RequestInit): Promise<Reply> => {
    const response = await fetch(`${started(portal, 'server').url}/rest/1/k3y/${path}`, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const app = express();
    app.use(
      bitrixRoutes({
        store,
        clock,
        webhooks: [{ userId: 1, token: 'k3y' }],
        // Generous here; the limit has its own portal in its test.
        bucket: { burst: 10_000, perSecond: 100 },
        handlers,
        userFields: { company: { creditLimit: 'double' } },
      }),
    );
    portal = await listen(app);
    const sink = express();
    sink.post('/bitrix-events', express.text({ type: '*/*' }), (request, response) => {
      received.push(parsePhpQuery(String(request.body)));
      response.sendStatus(200);
    });
    receiver = await listen(sink);
    events = bitrixEvents({ store, handlers, applicationToken: 'app-token-1', clock });
  });
  afterAll(async () => {
    events?.stop();
    await portal?.close();
    await receiver?.close();
  });

  return {
    store,
    changes,
    handlers,
    received,
    call,
    post: (path: string, body: unknown) =>
      call(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    postForm: (path: string, body: string) =>
      call(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }),
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    get portalUrl() {
      return started(portal, 'server').url;
    },
    get receiverUrl() {
      return started(receiver, 'event receiver').url;
    },
    get events() {
      return started(events, 'event sender');
    },
  };
}
