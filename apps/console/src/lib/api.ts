/** The console's only way to the platform: the public API under /api/v1/platform, with the signed-in key. */
import { ApiError, Problem } from './problem';

export const API_BASE = '/api/v1/platform';
const KEY_STORAGE = 'tenantry.console.apiKey';

/** The key lives in session storage only: gone when the tab closes, never in a URL or a log. */
export const keyStore = {
  get: (): string | null => sessionStorage.getItem(KEY_STORAGE),
  set: (key: string): void => sessionStorage.setItem(KEY_STORAGE, key),
  clear: (): void => sessionStorage.removeItem(KEY_STORAGE),
};

export interface CallOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  key?: string;
  headers?: Record<string, string>;
}

export async function api<T>(path: string, options: CallOptions = {}): Promise<T> {
  const key = options.key ?? keyStore.get();
  const url = new URL(`${API_BASE}${path}`, window.location.origin);
  for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
  if (key) headers['authorization'] = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch {
    throw new ApiError(0, { title: 'The gateway cannot be reached: check your connection and try again.' });
  }
  return answerOf<T>(response);
}

/**
 * Sends a file as the raw request body (the data import route reads it as a stream, never as JSON),
 * with its own media type; answers and failures as `api`.
 */
export async function apiUpload<T>(path: string, file: Blob, options: { contentType: string; query?: CallOptions['query'] }): Promise<T> {
  const key = keyStore.get();
  const url = new URL(`${API_BASE}${path}`, window.location.origin);
  for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'content-type': options.contentType };
  if (key) headers['authorization'] = `Bearer ${key}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: file });
  } catch {
    throw new ApiError(0, { title: 'The gateway cannot be reached: check your connection and try again.' });
  }
  return answerOf<T>(response);
}

async function answerOf<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw new ApiError(response.status, (parsed as Problem) ?? {});
  return parsed as T;
}

// The API's shapes the console reads (see the gateway's OpenAPI at /docs).
export type Role = 'platform-admin' | 'support' | 'billing' | 'read-only' | 'tenant-admin';
export interface Caller {
  keyId: string;
  role: Role;
  tenantId: string | null;
  operations: { operation: string; grant: 'any' | 'own' }[];
}
export interface Tenant {
  id: string;
  slug: string;
  name: string;
  status: string;
  statusReason: string | null;
  domain: { type: string; value: string; hostname: string; ssl: boolean };
  plan: { id: string; trial: boolean; duration: number | null; trialEndsAt: string | null };
  adminEmail: string;
  configuration: { theme: string; language: string; timezone: string; currency: string };
  resources: { storage: number; bandwidth: number; users: number };
  version: number;
  createdAt: string;
  updatedAt: string;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface Transition {
  from: string | null;
  to: string;
  reason: string | null;
  actor: string;
  requestId: string | null;
  at: string;
}
export interface Saga {
  tenantId: string;
  kind: string;
  status: string;
  steps: { name: string; status: string; attempts: number; error: string | null; startedAt: string | null; finishedAt: string | null }[];
}
export interface ApiKey {
  id: string;
  name: string;
  prefix: string | null;
  role: Role;
  tenantId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
}
export interface AuditEntry {
  id: string;
  apiKeyId: string | null;
  role: string | null;
  method: string;
  route: string;
  path: string;
  status: number;
  tenantId: string | null;
  requestId: string;
  at: string;
}
export interface UsageView {
  tenantId: string;
  granularity: string;
  series: { metric: string; points: { windowStart: string; value: string }[] }[];
  current: { metric: string; periodStart: string; value: string }[];
}

/** A fresh Idempotency-Key for one action: a retry of the same dialog sends it again and is answered the same. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
