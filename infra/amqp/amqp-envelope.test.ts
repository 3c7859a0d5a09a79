import type { ConsumeMessage } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { envelopeHeaderBytes, publishOptions, toBusMessage } from './amqp-envelope.ts';

const delivered = (headers: unknown, content = Buffer.from('v')): ConsumeMessage =>
  ({ content, fields: {}, properties: { headers } }) as unknown as ConsumeMessage;

describe('amqp envelope', () => {
  it('carries key, offset and the caller’s headers, whatever the caller names them', () => {
    const { headers, persistent } = publishOptions({
      key: 'client-7',
      offset: 1_763_700_000_000_123,
      headers: { 'corebridge-key': 'not the key', 'x-request-id': 'r-1' },
    });
    expect(persistent).toBe(true);
    expect(toBusMessage('crm.cards', 2, delivered(headers))).toEqual({
      topic: 'crm.cards',
      partition: 2,
      offset: 1_763_700_000_000_123,
      key: 'client-7',
      value: Buffer.from('v'),
      headers: { 'corebridge-key': 'not the key', 'x-request-id': 'r-1' },
    });
  });

  it('reads a message from another publisher as key "" and offset -1', () => {
    const message = toBusMessage('crm.cards', 0, delivered({ 'x-foreign': Buffer.from('yes') }));
    expect(message).toMatchObject({ key: '', offset: -1, headers: {} });
  });

  it('counts the bytes of the key and every header', () => {
    const small = envelopeHeaderBytes('k', {});
    expect(envelopeHeaderBytes('k', { name: 'x'.repeat(1000) })).toBeGreaterThan(small + 1000);
    expect(envelopeHeaderBytes('ключ', undefined)).toBe(small - 1 + Buffer.byteLength('ключ'));
  });
});
