/** A small HTTP client for the registry's internal API, as the gateway would call it. */
import { randomBytes } from 'node:crypto';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export function suffix(): string {
  return randomBytes(5).toString('hex');
}

export class RegistryClient {
  constructor(
    private readonly baseUrl: string,
    private readonly actor = 'key:int-test',
  ) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'x-tenantry-actor': this.actor, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
  }

  create(body: unknown, headers: Record<string, string> = {}): Promise<Answer<TenantViewBody>> {
    return this.call<TenantViewBody>('POST', '/internal/v1/tenants', body, headers);
  }

  get(id: string): Promise<Answer<TenantViewBody>> {
    return this.call<TenantViewBody>('GET', `/internal/v1/tenants/${id}`);
  }
}

export interface TenantViewBody {
  id: string;
  slug: string;
  name: string;
  status: string;
  statusReason: string | null;
  plan: { id: string; trial: boolean; duration: number | null; trialEndsAt: string | null };
  version: number;
  [field: string]: unknown;
}
