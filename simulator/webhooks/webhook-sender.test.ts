import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SIGNATURE_HEADER,
  signatureHeader,
  verifySignature,
} from '../../contracts/webhooks/webhook-signature.ts';
import { listen, type RunningServer } from '../../infra/http-server.ts';
import { WebhookSender } from './webhook-sender.ts';

const clock = { now: () => Date.UTC(2026, 10, 21, 12) };
const nowSeconds = clock.now() / 1000;

async function rawBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('webhook signatures', () => {
  const body = '{"event":"contact.updated","id":"42"}';
  const header = signatureHeader('s3cret', body, nowSeconds);

  it('accepts the right secret, also as the second of two during a rotation', () => {
    expect(verifySignature(header, body, ['s3cret'], nowSeconds)).toBe('valid');
    expect(verifySignature(header, body, ['new-secret', 's3cret'], nowSeconds)).toBe('valid');
  });

  it('refuses a changed body, a wrong secret, a stale timestamp and garbage', () => {
    expect(verifySignature(header, `${body} `, ['s3cret'], nowSeconds)).toBe('mismatch');
    expect(verifySignature(header, body, ['other'], nowSeconds)).toBe('mismatch');
    expect(verifySignature(header, body, ['s3cret'], nowSeconds + 301)).toBe('expired');
    expect(verifySignature('t=abc,v1=zz', body, ['s3cret'], nowSeconds)).toBe('malformed');
    expect(verifySignature(undefined, body, ['s3cret'], nowSeconds)).toBe('missing');
  });
});

describe('WebhookSender', () => {
  let receiver: RunningServer | undefined;
  afterEach(async () => receiver?.close());

  it('retries with backoff until the receiver answers 2xx, signing every attempt', async () => {
    const seen: Array<{ attempt: string; check: string; delivery: string }> = [];
    receiver = await listen(async (request, response) => {
      const body = await rawBody(request);
      seen.push({
        attempt: String(request.headers['x-corebridge-attempt']),
        check: verifySignature(request.headers[SIGNATURE_HEADER] as string, body, ['s3cret'], nowSeconds),
        delivery: String(request.headers['x-corebridge-delivery']),
      });
      response.statusCode = seen.length < 3 ? 503 : 200;
      response.end();
    });
    const sender = new WebhookSender({
      url: receiver.url,
      secret: 's3cret',
      clock,
      baseDelayMs: 10,
      random: () => 0.5,
    });
    const id = sender.send('contact.updated', '{"id":"42"}');
    await sender.idle();
    expect(seen.map((s) => s.attempt)).toEqual(['1', '2', '3']);
    expect(new Set(seen.map((s) => s.delivery))).toEqual(new Set([id]));
    expect(seen.every((s) => s.check === 'valid')).toBe(true);
    expect(sender.journal.map((a) => a.outcome)).toEqual(['retrying', 'retrying', 'delivered']);
  });

  it('gives up after maxAttempts, and journals a receiver that does not answer as status 0', async () => {
    const sender = new WebhookSender({
      url: 'http://127.0.0.1:1/unreachable',
      secret: 's',
      clock,
      maxAttempts: 3,
      baseDelayMs: 5,
      random: () => 0,
    });
    sender.send('company.created', '{}');
    await sender.idle();
    expect(sender.journal.map((a) => [a.status, a.outcome])).toEqual([
      [0, 'retrying'],
      [0, 'retrying'],
      [0, 'given-up'],
    ]);
  });
});
