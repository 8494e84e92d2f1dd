/**
 * Webhook signatures: HMAC-SHA256 with the endpoint's secret over `${timestamp}.${body}`, sent as
 * `X-ICSR-Signature: sha256=<hex>` beside `X-ICSR-Timestamp` (Unix seconds) and
 * `X-ICSR-Delivery-Id`. Signing the timestamp lets a receiver refuse old replays; the delivery id
 * lets it drop a duplicate (delivery is at least once).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'X-ICSR-Signature';
export const timestampHeader = 'X-ICSR-Timestamp';
export const deliveryIdHeader = 'X-ICSR-Delivery-Id';

/** A new endpoint secret: shown once to whoever registers the endpoint. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute the signature, compare in constant time, and refuse a timestamp
 * further than `toleranceSeconds` from its own clock.
 */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
