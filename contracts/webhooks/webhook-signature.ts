import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, as Stripe signs webhooks. */
export const SIGNATURE_HEADER = 'x-corebridge-signature';

/** Senders and receivers agree on a tolerance; past it a replayed delivery is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureHeader(secret: string, rawBody: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'mismatch' | 'expired';

/**
 * Checks a signature against any of the active secrets (two during a rotation), in constant time,
 * and refuses timestamps further than the tolerance from `nowSeconds`.
 */
export function verifySignature(
  header: string | undefined,
  rawBody: string,
  secrets: readonly string[],
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return 'missing';
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return 'malformed';
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return 'expired';
  const given = Buffer.from(v1, 'hex');
  const matches = secrets.some((secret) => {
    const expected = Buffer.from(signatureHeader(secret, rawBody, t).split('v1=')[1] ?? '', 'hex');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  return matches ? 'valid' : 'mismatch';
}
