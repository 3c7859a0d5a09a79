import crypto from 'k6/crypto';
import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import { systemNow, type Target } from './target.ts';

/** A company card as the CRM sends it in a webhook: the body `sync-service/intake/crm-webhook-body.ts` takes. */
export function companyWebhook(id: string, inn: string, version: number, at: string): string {
  const origin = { channel: 'api', client: 'k6' };
  return JSON.stringify({
    deliveryId: `${id}-${version}`,
    change: {
      entity: 'company',
      id,
      operation: version === 1 ? 'create' : 'update',
      sequence: version,
      changedFields: ['name'],
      origin,
      at,
    },
    record: {
      id,
      externalId: null,
      createdAt: at,
      updatedAt: at,
      version,
      name: `Load ${id} v${version}`,
      inn,
      kpp: '773601001',
      ogrn: '1027700132195',
      segment: 'small',
      phone: null,
      email: null,
      legalAddress: null,
      custom: {},
    },
  });
}

/** Signs as the CRM does (`contracts/webhooks/webhook-signature.ts`): HMAC-SHA256 over `<t>.<raw body>`. */
export function signature(secret: string, body: string): string {
  const t = Math.floor(systemNow() / 1000);
  return `t=${t},v1=${crypto.hmac('sha256', secret, `${t}.${body}`, 'hex')}`;
}

export function deliver(
  target: Target,
  body: string,
  key: string,
  tags: Record<string, string>,
): RefinedResponse<ResponseType> {
  return http.post(`${target.syncUrl}/webhooks/crm`, body, {
    headers: {
      'content-type': 'application/json',
      'x-corebridge-signature': signature(target.webhookSecret, body),
      'idempotency-key': key,
    },
    tags: { name: 'POST /webhooks/crm', ...tags },
  });
}
