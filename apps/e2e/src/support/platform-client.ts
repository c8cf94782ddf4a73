/** A platform API client for the end-to-end tests: calls the gateway's public API with a key. */
import { randomBytes } from 'node:crypto';

export interface Call {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export function suffix(): string {
  return randomBytes(4).toString('hex');
}

/** The short create body: `{name, domain, plan, adminEmail}`. */
export function shortForm(tag: string) {
  return { name: `E2E ${tag}`, domain: `e2e-${tag}`, plan: 'starter', adminEmail: `ops+${tag}@e2e.example` };
}

export class PlatformClient {
  constructor(
    private readonly gatewayUrl: () => string,
    private readonly adminKey: string,
  ) {}

  async call(method: string, path: string, options: { key?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Call> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.key ?? this.adminKey}`, ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.gatewayUrl()}/api/v1/platform${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    return { status: response.status, headers: response.headers, body };
  }

  async createTenant(tag = suffix()): Promise<string> {
    const created = await this.call('POST', '/tenants', { body: shortForm(tag) });
    if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body['id'] as string;
  }

  async tenantAdminKey(tenantId: string): Promise<string> {
    const issued = await this.call('POST', '/api-keys', { body: { name: `e2e-${tenantId}`, role: 'tenant-admin', tenantId } });
    if (issued.status !== 201) throw new Error(`key failed: ${issued.status} ${JSON.stringify(issued.body)}`);
    return issued.body['key'] as string;
  }

  async statusOf(tenantId: string): Promise<string | undefined> {
    const tenant = await this.call('GET', `/tenants/${tenantId}`);
    return tenant.status === 200 ? (tenant.body['status'] as string) : undefined;
  }
}
