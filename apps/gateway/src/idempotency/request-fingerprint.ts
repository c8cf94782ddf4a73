/** A stable hash of what a request asks for, so the same request under one Idempotency-Key is recognised. */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: `{a, b}` and `{b, a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`, 'utf8').digest('hex');
}

/** Printable ASCII, 1–255 characters (the IETF draft leaves the format to the server). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
