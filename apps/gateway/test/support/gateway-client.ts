/** Starts the compiled gateway for a test file and calls it as a client would. */
import { randomBytes, randomUUID } from 'node:crypto';
import { RunningService, startService, waitUntilReady } from '@tenantry/testing';
import { closedPort, FakeUpstream } from './fake-upstream';

export interface CallResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

export class GatewayClient {
  constructor(
    readonly service: RunningService,
    readonly adminKey: string,
  ) {}

  get url(): string {
    return this.service.url;
  }

  async call(
    method: string,
    path: string,
    options: { key?: string | null; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<CallResult> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? this.adminKey : options.key;
    if (key !== null) headers['authorization'] = `Bearer ${key}`;
    let body: string | Buffer | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.url}/api/v1/platform${path}`, { method, headers, body, signal: options.signal });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = {};
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  /** Issues a key with the admin key and returns its secret. */
  async issueKey(role: string, tenantId?: string): Promise<{ id: string; key: string }> {
    const result = await this.call('POST', '/api-keys', { body: { name: `test-${role}`, role, ...(tenantId ? { tenantId } : {}) } });
    if (result.status !== 201) throw new Error(`could not issue a ${role} key: ${result.status} ${result.text}`);
    return { id: result.body['id'] as string, key: result.body['key'] as string };
  }

  async stop(): Promise<void> {
    // SIGTERM, not SIGKILL: the consumer leaves its group, so the next gateway joins without waiting out a session.
    await this.service.process.kill('SIGTERM');
  }
}

export function randomAdminKey(): string {
  return `test-admin-${randomBytes(16).toString('hex')}`;
}

export async function startGateway(env: Record<string, string> = {}): Promise<GatewayClient> {
  const adminKey = randomAdminKey();
  const service = await startService('gateway', { TENANTRY_BOOTSTRAP_ADMIN_KEY: adminKey, ...env });
  await waitUntilReady(service);
  return new GatewayClient(service, adminKey);
}

export interface GatewayOnFakeRegistry {
  gateway: GatewayClient;
  registry: FakeUpstream;
  /**
   * A tenant the fake registry knows (its GET answers a tenant view in this status), as if just
   * created: the gateway's status projection has not heard of it. Returns its id.
   */
  tenant(status?: string, id?: string): string;
  stop(): Promise<void>;
}

/** The registry's GET /internal/v1/tenants/{id} answer for a tenant in `status`. */
export function fakeTenantView(id: string, status = 'active'): Record<string, unknown> {
  return { id, slug: `t-${id.slice(0, 8)}`, name: 'Fake tenant', status, version: 1, plan: { id: 'starter', trial: false } };
}

/**
 * The compiled gateway in front of a fake registry (routes registered with `registry.on`, before or
 * after the start) and a provisioning address nothing listens on. The fake registry knows no tenant
 * (GET /internal/v1/tenants/{id} → 404 tenant-not-found) until one is made with `tenant()`.
 */
export async function startGatewayOnFakeRegistry(env: Record<string, string> = {}): Promise<GatewayOnFakeRegistry> {
  const registry = await new FakeUpstream().start();
  registry.on((request) =>
    request.method === 'GET' && /^\/internal\/v1\/tenants\/[0-9a-f-]{36}$/.test(request.url)
      ? { status: 404, headers: { 'content-type': 'application/problem+json' }, body: { type: problemType('tenant-not-found'), title: 'Tenant not found', status: 404 } }
      : undefined,
  );
  const gateway = await startGateway({ REGISTRY_URL: registry.url, PROVISIONING_URL: `http://127.0.0.1:${await closedPort()}`, ...env });
  return {
    gateway,
    registry,
    tenant(status = 'active', id = randomUUID()) {
      registry.on((request) => (request.method === 'GET' && request.url === `/internal/v1/tenants/${id}` ? { status: 200, body: fakeTenantView(id, status) } : undefined));
      return id;
    },
    async stop() {
      await gateway.stop();
      await registry.stop();
    },
  };
}

/** The gateway's setting for where each upstream that specs run behind it lives. */
const UPSTREAM_URL_SETTINGS = { billing: 'BILLING_URL', 'health-scoring': 'HEALTH_SCORING_URL', notifications: 'NOTIFICATIONS_URL' } as const;

/**
 * The real `upstream` service as a process (with `env`), once it reports ready, and the gateway on
 * the fake registry (as startGatewayOnFakeRegistry) sending that service's routes to it. `stop()`
 * stops the gateway, the registry and the service.
 */
export async function startGatewayWith(upstream: keyof typeof UPSTREAM_URL_SETTINGS, env: Record<string, string> = {}): Promise<GatewayOnFakeRegistry> {
  const service = await startService(upstream, env);
  try {
    await waitUntilReady(service);
    const stack = await startGatewayOnFakeRegistry({ [UPSTREAM_URL_SETTINGS[upstream]]: service.url });
    return {
      ...stack,
      async stop() {
        await stack.stop();
        await service.process.kill('SIGTERM');
      },
    };
  } catch (error) {
    await service.process.kill('SIGTERM');
    throw error;
  }
}

export function problemType(code: string): string {
  return `https://tenantry.dev/problems/${code}`;
}
