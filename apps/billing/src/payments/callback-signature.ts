/**
 * Signed provider callbacks, the scheme the sandbox uses (Stripe's shape): a header
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verification compares in
 * constant time, accepts any of several `v1` values (a secret rotation signs with both) and refuses a
 * timestamp more than `toleranceSeconds` away from now: a captured callback cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CallbackRejectedError } from './payment-provider';

export function callbackSignature(secret: string, timestamp: number, body: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export function verifyCallbackSignature(header: string | string[] | undefined, body: Buffer, secret: string, now: Date, toleranceSeconds: number): void {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) throw new CallbackRejectedError('missing-signature', 'the callback carries no signature');
  const parts = value.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k, v]) => k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => Buffer.from(v as string, 'hex'));
  if (!Number.isInteger(timestamp) || signatures.length === 0) throw new CallbackRejectedError('bad-signature', 'the signature header is not `t=<unix seconds>,v1=<hex>`');
  const expected = Buffer.from(callbackSignature(secret, timestamp, body).split('v1=')[1] as string, 'hex');
  if (!signatures.some((candidate) => timingSafeEqual(candidate, expected))) throw new CallbackRejectedError('bad-signature', 'the signature does not match the body');
  if (Math.abs(now.getTime() / 1_000 - timestamp) > toleranceSeconds) throw new CallbackRejectedError('stale', `the signed timestamp is more than ${toleranceSeconds} s from now`);
}
