import { afterEach, describe, expect, it } from 'vitest';
import { createFaultEngine, type FaultEngine } from './fault-engine.ts';
import { startFaultedApp } from './test-support/faulted-app.ts';
import { ManualClock } from './test-support/manual-clock.ts';
import { rawRequest } from './test-support/raw-http.ts';

const LIST = '/abs/api/v1/organisations';
let cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const close of cleanup) await close();
  cleanup = [];
});

async function appWith(...rules: unknown[]) {
  const clock = new ManualClock();
  const engine: FaultEngine = createFaultEngine({ seed: 7, clock, pollMs: 0 });
  for (const rule of rules) engine.add(rule);
  const app = await startFaultedApp(engine);
  cleanup.push(app.close);
  return { app, engine, clock };
}

const injected = (engine: FaultEngine) => engine.journal.entries.filter((e) => e.kind === 'injected');

describe('HTTP outage, maintenance and broken connections on the wire', () => {
  it('refuse: the connection is reset before a single byte', async () => {
    const { app, engine } = await appWith({ target: 'abs.rest', effect: { type: 'outage', mode: 'refuse' } });
    expect(await rawRequest(app.url, LIST)).toEqual({ bytes: Buffer.alloc(0), ending: 'reset' });
    await expect(fetch(app.url + LIST)).rejects.toThrow('fetch failed');
    expect(injected(engine).map((e) => e.detail)).toEqual([
      { method: 'GET', path: LIST, mode: 'refuse' },
      { method: 'GET', path: LIST, mode: 'refuse' },
    ]);
  });

  it('unavailable: 503 in the router’s error shape with Retry-After', async () => {
    const { app } = await appWith({ target: 'abs.rest', effect: { type: 'outage', retryAfterSeconds: 5 } });
    const response = await fetch(app.url + LIST);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is unavailable. Retry later.' },
    });
  });

  it('hang: nothing comes back until the client gives up, and the server still closes at once', async () => {
    const { app } = await appWith({ target: 'abs.rest', effect: { type: 'outage', mode: 'hang' } });
    const error = await fetch(app.url + LIST, { signal: AbortSignal.timeout(300) }).catch((e: Error) => e);
    expect((error as Error).name).toBe('TimeoutError');
    const raw = await rawRequest(app.url, LIST, { timeoutMs: 300 });
    expect(raw).toEqual({ bytes: Buffer.alloc(0), ending: 'timeout' });
    const pending = fetch(app.url + LIST).catch(() => 'cut by close');
    const started = performance.now();
    await app.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await pending).toBe('cut by close');
  });

  it('maintenance: 503 with Retry-After counting down to the window end, then back', async () => {
    const { app, clock } = await appWith({
      target: 'abs.rest',
      effect: { type: 'maintenance' },
      window: { from: 0, to: '60s' },
    });
    clock.advance(10_000);
    const response = await fetch(app.url + LIST);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('50');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('MAINTENANCE');
    clock.advance(50_000);
    expect((await fetch(app.url + LIST)).status).toBe(200);
  });

  it('empty reply: a clean close without a byte', async () => {
    const { app } = await appWith({ target: 'abs.rest', effect: { type: 'empty-reply' } });
    expect(await rawRequest(app.url, LIST)).toEqual({ bytes: Buffer.alloc(0), ending: 'closed' });
    await expect(fetch(app.url + LIST)).rejects.toThrow('fetch failed');
  });

  it('garbage: non-HTTP bytes, then a close; the client cannot parse a status line', async () => {
    const { app, engine } = await appWith({ target: 'abs.rest', effect: { type: 'garbage', bytes: 48 } });
    const raw = await rawRequest(app.url, LIST);
    expect(raw.ending).toBe('closed');
    expect(raw.bytes.length).toBe(48);
    expect(raw.bytes.subarray(0, 5).toString('latin1')).not.toBe('HTTP/');
    const error = (await fetch(app.url + LIST).catch((e: Error) => e)) as Error & { cause?: Error };
    expect(error.cause?.message).toMatch(/does not match the HTTP\/1\.1 protocol/);
    expect(injected(engine)[0]?.detail).toMatchObject({ at: 'request', bytes: 48 });
  });

  it('reset mid-response: the POST took effect, the client got headers and half a body, then RST', async () => {
    const { app } = await appWith({
      target: 'abs.rest',
      match: { method: 'POST' },
      effect: { type: 'connection-reset' },
    });
    const raw = await rawRequest(app.url, '/abs/api/v1/cards', { method: 'POST', body: '{"name":"Alpha"}' });
    expect(raw.ending).toBe('reset');
    const text = raw.bytes.toString('utf8');
    expect(text).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
    const declared = Number(/content-length: (\d+)/i.exec(text)?.[1]);
    const received = Buffer.byteLength(text.slice(text.indexOf('\r\n\r\n') + 4));
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(declared);

    const response = await fetch(`${app.url}/abs/api/v1/cards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Beta"}',
    });
    expect(response.status).toBe(201);
    await expect(response.text()).rejects.toThrow();
    expect(app.created).toEqual(['Alpha', 'Beta']);
  });

  it.each([
    ['empty-reply', 0, 'closed'],
    ['garbage', 64, 'closed'],
  ] as const)(
    '%s after the route acted: the POST took effect, the client got %i bytes, %s',
    async (type, bytes, ending) => {
      const { app } = await appWith({ target: 'abs.rest', effect: { type, at: 'response' } });
      const raw = await rawRequest(app.url, '/abs/api/v1/cards', {
        method: 'POST',
        body: '{"name":"Alpha"}',
      });
      expect(raw.ending).toBe(ending);
      expect(raw.bytes.length).toBe(bytes);
      expect(app.created).toEqual(['Alpha']);
    },
  );

  it('reset at the request: RST before a byte, and the route never ran', async () => {
    const { app } = await appWith({
      target: 'abs.rest',
      effect: { type: 'connection-reset', at: 'request' },
    });
    const raw = await rawRequest(app.url, '/abs/api/v1/cards', { method: 'POST', body: '{"name":"Alpha"}' });
    expect(raw).toEqual({ bytes: Buffer.alloc(0), ending: 'reset' });
    expect(app.created).toEqual([]);
  });

  it('a rule matches by method and path glob only', async () => {
    const { app } = await appWith({
      target: 'abs.rest',
      match: { path: '/abs/api/v1/organisations/*' },
      effect: { type: 'outage' },
    });
    expect((await fetch(`${app.url}${LIST}/org-1`)).status).toBe(503);
    expect((await fetch(app.url + LIST)).status).toBe(200);
  });

  it('a rule for another target leaves this router alone', async () => {
    const { app } = await appWith({ target: 'crm.rest', effect: { type: 'outage' } });
    expect((await fetch(app.url + LIST)).status).toBe(200);
  });
});
