// Request-rate limits at the gateway: token buckets per key, tenant and source address in the real Redis
// (127.0.0.1:6379 unless REDIS_URL says otherwise), the plan tier from the real lifecycle events on Kafka,
// the audit in Postgres. Small limits so a handful of calls reach them.
import { randomBytes, randomUUID } from 'node:crypto';
import { TenantCreatedPayload, TOPICS } from '@tenantry/contracts';
import { caughtUp, eventMessage, produce, testKafka, waitFor } from '@tenantry/testing';
import { closedPort } from './support/fake-upstream';
import { CallResult, GatewayClient, GatewayOnFakeRegistry, problemType, startGateway, startGatewayOnFakeRegistry } from './support/gateway-client';

jest.setTimeout(180_000);

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const LIMITS = {
  REDIS_URL,
  RATE_LIMIT_PLANS: 'free=0.2:4,enterprise=50:50',
  RATE_LIMIT_DEFAULT_PLAN: 'free',
  RATE_LIMIT_OPERATOR: '100:200',
  RATE_LIMIT_ANONYMOUS: '1:3',
  RATE_LIMIT_PLAN_CACHE_MS: '200',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tenantCreated(tenantId: string, plan: string): TenantCreatedPayload {
  const slug = `t${tenantId.slice(0, 8)}`;
  return {
    tenantId,
    slug,
    name: `Tenant ${slug}`,
    domain: { type: 'subdomain', value: slug, ssl: false },
    plan: { id: plan, trial: false },
    adminEmail: `admin@${slug}.example.com`,
    configuration: { theme: 'dark', language: 'en-GB', timezone: 'Europe/Paris', currency: 'EUR' },
    resources: { storage: 10, bandwidth: 100, users: 25 },
    retentionDays: 30,
    createdAt: new Date().toISOString(),
  } as TenantCreatedPayload;
}

describe('gateway rate limits', () => {
  const kafka = testKafka();
  const prefix = `tenantry-test:${randomBytes(6).toString('hex')}:`;
  let stack: GatewayOnFakeRegistry;
  let gateway: GatewayClient;

  beforeAll(async () => {
    stack = await startGatewayOnFakeRegistry({ ...LIMITS, RATE_LIMIT_KEY_PREFIX: prefix });
    gateway = stack.gateway;
  });

  afterAll(() => stack?.stop());

  /** `count` calls one after another; the answers in order. */
  async function burst(count: number, call: () => Promise<CallResult>): Promise<CallResult[]> {
    const results: CallResult[] = [];
    for (let i = 0; i < count; i++) results.push(await call());
    return results;
  }

  const statuses = (results: CallResult[]) => results.map((r) => r.status);

  it("refuses a key over its limit with 429 rate-limited, RateLimit headers and Retry-After, lets it in again after Retry-After, and leaves other tenants' keys alone", async () => {
    const a = stack.tenant();
    const b = stack.tenant();
    const keyA = (await gateway.issueKey('tenant-admin', a)).key;
    const keyB = (await gateway.issueKey('tenant-admin', b)).key;

    // At once, so the bucket (burst 4, one more every 5 s) barely refills meanwhile.
    const results = await Promise.all(Array.from({ length: 8 }, () => gateway.call('GET', `/tenants/${a}`, { key: keyA })));
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(4);
    expect(ok.length).toBeLessThanOrEqual(5);
    expect(ok[0]?.headers.get('ratelimit-policy')).toBe('"key";q=4;w=20, "tenant";q=4;w=20');
    expect(ok.map((r) => r.headers.get('ratelimit'))).toContainEqual(expect.stringMatching(/^"key";r=3;t=\d+, "tenant";r=3;t=\d+$/));

    const refused = results.find((r) => r.status === 429) as CallResult;
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: problemType('rate-limited'), status: 429, retryAfter: expect.any(Number) });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 5).toBe(true);
    expect(refused.headers.get('ratelimit')).toMatch(/"key";r=0;t=\d+/);
    expect(refused.headers.get('ratelimit-policy')).toBe('"key";q=4;w=20, "tenant";q=4;w=20');

    // Another tenant's key, at the same moment: its own buckets.
    const other = await gateway.call('GET', `/tenants/${b}`, { key: keyB });
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit')).toMatch(/^"key";r=3;/);

    await sleep(retryAfter * 1000);
    expect((await gateway.call('GET', `/tenants/${a}`, { key: keyA })).status).toBe(200);
  });

  it("makes a tenant's keys share the tenant's bucket", async () => {
    const tenant = stack.tenant();
    const first = (await gateway.issueKey('tenant-admin', tenant)).key;
    const second = (await gateway.issueKey('tenant-admin', tenant)).key;
    await burst(6, () => gateway.call('GET', `/tenants/${tenant}`, { key: first }));
    const refused = await gateway.call('GET', `/tenants/${tenant}`, { key: second });
    expect(refused.status).toBe(429);
    expect(refused.body['policy']).toBe('tenant');
  });

  it('shares the buckets between gateway instances through Redis', async () => {
    const tenant = stack.tenant();
    const key = (await gateway.issueKey('tenant-admin', tenant)).key;
    const second = await startGateway({ ...LIMITS, RATE_LIMIT_KEY_PREFIX: prefix, REGISTRY_URL: stack.registry.url, PROVISIONING_URL: `http://127.0.0.1:${await closedPort()}` });
    try {
      // Ten calls alternating between the instances: separate buckets would let 4 + 4 through.
      const alternating: CallResult[] = [];
      for (let i = 0; i < 10; i++) alternating.push(await (i % 2 === 0 ? gateway : second).call('GET', `/tenants/${tenant}`, { key }));
      expect(statuses(alternating).filter((s) => s === 200).length).toBeLessThanOrEqual(6);
      expect(statuses(alternating.filter((_, i) => i % 2 === 0))).toContain(429);
      expect(statuses(alternating.filter((_, i) => i % 2 === 1))).toContain(429);
    } finally {
      await second.stop();
    }
  });

  it("takes the limit from the tenant's plan, and a plan change changes it", async () => {
    const onFree = stack.tenant();
    const onEnterprise = stack.tenant();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', tenantCreated(onFree, 'free')), eventMessage('TenantCreated', tenantCreated(onEnterprise, 'enterprise'))]);
    const freeKey = (await gateway.issueKey('tenant-admin', onFree)).key;
    const enterpriseKey = (await gateway.issueKey('tenant-admin', onEnterprise)).key;
    await lifecycleCaughtUp();
    await sleep(300);

    const enterprise = await burst(20, () => gateway.call('GET', `/tenants/${onEnterprise}`, { key: enterpriseKey }));
    expect(statuses(enterprise).every((s) => s === 200)).toBe(true);
    expect(enterprise[0]?.headers.get('ratelimit-policy')).toBe('"key";q=50;w=1, "tenant";q=50;w=1');
    const free = await burst(20, () => gateway.call('GET', `/tenants/${onFree}`, { key: freeKey }));
    expect(statuses(free).filter((s) => s === 200).length).toBeLessThanOrEqual(6);

    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantPlanChanged', { tenantId: onFree, fromPlanId: 'free', toPlanId: 'enterprise', at: new Date().toISOString() })]);
    await lifecycleCaughtUp();
    // A refused key is refused in memory until a token can be back (at most Retry-After): the new plan counts from then.
    const lastRefusal = [...free].reverse().find((r) => r.status === 429);
    await sleep(Math.max(1, Number(lastRefusal?.headers.get('retry-after') ?? 1)) * 1000);
    const upgraded = await burst(20, () => gateway.call('GET', `/tenants/${onFree}`, { key: freeKey }));
    expect(statuses(upgraded).every((s) => s === 200)).toBe(true);
  });

  it('limits calls without a valid key per source address, and audits such a flood once, not per call', async () => {
    const tenant = randomUUID();
    const results = await burst(20, () => gateway.call('POST', `/tenants/${tenant}/suspend`, { key: `tnt_${randomBytes(16).toString('hex')}`, body: { reason: 'flood' } }));
    expect(statuses(results).slice(0, 3)).toEqual([401, 401, 401]);
    const refused = results.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(15);
    expect(refused[0]?.body).toMatchObject({ type: problemType('rate-limited'), policy: 'address' });
    expect(Number(refused[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused[0]?.headers.get('ratelimit-policy')).toBe('"address";q=3;w=3');

    // The audit is written after the answer: give the last ones time to land, then count.
    await sleep(1_500);
    const audit = await gateway.call('GET', `/audit?tenantId=${tenant}&limit=100`);
    expect(audit.status).toBe(200);
    const items = audit.body['items'] as { status: number; apiKeyId: string | null }[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 401, apiKeyId: null });
  });

  it('lets calls through unthrottled when Redis does not answer (fail open), with a warning and a metric', async () => {
    const down = await startGateway({ ...LIMITS, REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, REGISTRY_URL: stack.registry.url, PROVISIONING_URL: `http://127.0.0.1:${await closedPort()}` });
    try {
      const tenant = stack.tenant();
      const key = (await down.issueKey('tenant-admin', tenant)).key;
      const results = await burst(10, () => down.call('GET', `/tenants/${tenant}`, { key }));
      expect(statuses(results)).toEqual(Array(10).fill(200));
      expect(results[0]?.headers.get('ratelimit')).toBeNull();
      const metrics = await (await fetch(`${down.service.managementUrl}/metrics`)).text();
      const unchecked = Number(/^tenantry_gateway_rate_limit_unavailable_total(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? 0);
      expect(unchecked).toBeGreaterThanOrEqual(11);
      expect(down.service.process.output()).toContain('rate-limit Redis unavailable');
    } finally {
      await down.stop();
    }
  });

  async function lifecycleCaughtUp(): Promise<void> {
    await waitFor(() => caughtUp(kafka, 'gateway.lifecycle', TOPICS.TENANT_LIFECYCLE.name), { timeoutMs: 60_000, intervalMs: 250, what: 'the lifecycle consumer to catch up' });
  }
});
