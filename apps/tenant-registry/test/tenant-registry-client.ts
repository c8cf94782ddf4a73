/** A small HTTP client for the registry's internal API, as the gateway would call it, and the registry process it talks to. */
import { randomBytes } from 'node:crypto';
import { internalToken, InternalTokenOptions, RunningService, startService, waitUntilReady } from '@tenantry/testing';

/** What the gateway-signed token of one call says (audience tenant-registry, actor the client's). */
export type TokenClaims = Omit<InternalTokenOptions, 'audience'>;

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

  /** One call with a valid internal token (its claims adjustable with `token`); `headers` may replace its authorization. */
  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, token: TokenClaims = {}): Promise<Answer<T>> {
    const authorization = `Bearer ${internalToken({ audience: 'tenant-registry', actor: this.actor, ...token })}`;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
  }

  create(body: unknown, headers: Record<string, string> = {}, token: TokenClaims = {}): Promise<Answer<TenantViewBody>> {
    return this.call<TenantViewBody>('POST', '/internal/v1/tenants', body, headers, token);
  }

  get(id: string): Promise<Answer<TenantViewBody>> {
    return this.call<TenantViewBody>('GET', `/internal/v1/tenants/${id}`);
  }

  /** Creates a tenant with a fresh name and domain; the test fails unless the registry answers 201. */
  async createTenant(plan: string, overrides: Record<string, unknown> = {}): Promise<TenantViewBody> {
    const label = `t-${suffix()}`;
    const answer = await this.create({ name: `Tenant ${label}`, domain: label, plan, adminEmail: `ops@${label}.example`, ...overrides });
    expect(answer.status).toBe(201);
    return answer.body;
  }
}

/**
 * Starts the registry process before the file's tests (trial checks out of the way) and stops it
 * after them; `api()` calls it.
 */
export function registryUnderTest(): { api: () => RegistryClient; service: () => RunningService } {
  let service: RunningService | undefined;
  let api: RegistryClient | undefined;
  beforeAll(async () => {
    service = await startService('tenant-registry', { TRIAL_CHECK_INTERVAL_MS: '3600000' });
    await waitUntilReady(service);
    api = new RegistryClient(service.url);
  });
  afterAll(async () => {
    await service?.process.kill('SIGTERM');
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the registry is started in beforeAll');
    return value;
  };
  return { api: () => started(api), service: () => started(service) };
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
