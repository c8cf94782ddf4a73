// The hard API-call limit at the gateway: metering's UsageLimitExceeded blocks a tenant's own keys with 429 until the
// month resets, and the registry's TenantLimitsChanged raising the limit lifts it. Real Kafka, Postgres and gateway.
import { TOPICS } from '@tenantry/contracts';
import { caughtUp, eventMessage, produce, testKafka, waitFor } from '@tenantry/testing';
import { FakeUpstream } from './support/fake-upstream';
import { CallResult, GatewayClient, GatewayOnFakeRegistry, problemType, startGatewayOnFakeRegistry } from './support/gateway-client';

jest.setTimeout(120_000);

const QUOTA_GROUP = 'gateway.quota';

function monthStart(offset: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
}

function limitExceeded(tenantId: string, overrides: { metric?: string; mode?: 'soft' | 'hard'; limit?: string; periodStart?: Date } = {}) {
  const limit = overrides.limit ?? '1000';
  return eventMessage('UsageLimitExceeded', {
    tenantId,
    metric: overrides.metric ?? 'api_calls',
    periodStart: (overrides.periodStart ?? monthStart(0)).toISOString(),
    usage: String(Number(limit) + 1),
    limit,
    mode: overrides.mode ?? 'hard',
    at: new Date().toISOString(),
  });
}

describe('gateway API-call quota', () => {
  const kafka = testKafka();
  let stack: GatewayOnFakeRegistry;
  let registry: FakeUpstream;
  let gateway: GatewayClient;

  beforeAll(async () => {
    stack = await startGatewayOnFakeRegistry();
    ({ gateway, registry } = stack);
  });

  afterAll(() => stack?.stop());

  async function quotaCaughtUp(): Promise<void> {
    await waitFor(async () => (await caughtUp(kafka, QUOTA_GROUP, TOPICS.METERING_ALERTS.name)) && (await caughtUp(kafka, QUOTA_GROUP, TOPICS.TENANT_LIFECYCLE.name)), {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: 'the quota consumer to catch up',
    });
  }

  async function statusBecomes(path: string, key: string, status: number): Promise<CallResult> {
    return waitFor(
      async () => {
        const result = await gateway.call('GET', path, { key });
        return result.status === status ? result : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `GET ${path} to answer ${status}` },
    );
  }

  it("answers 429 to the blocked tenant's keys only, until a higher limit lifts the block", async () => {
    const blocked = stack.tenant();
    const other = stack.tenant();
    const blockedKey = (await gateway.issueKey('tenant-admin', blocked)).key;
    const otherKey = (await gateway.issueKey('tenant-admin', other)).key;
    const supportKey = (await gateway.issueKey('support')).key;
    expect((await gateway.call('GET', `/tenants/${blocked}`, { key: blockedKey })).status).toBe(200);

    await produce(kafka, TOPICS.METERING_ALERTS.name, [limitExceeded(blocked)]);

    const refused = await statusBecomes(`/tenants/${blocked}`, blockedKey, 429);
    const resetAt = monthStart(1);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: problemType('api-call-limit-exceeded'), status: 429, limit: 1000, resetAt: resetAt.toISOString() });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(Math.abs(retryAfter - (resetAt.getTime() - Date.now()) / 1000)).toBeLessThan(120);

    // Every route, platform-wide ones included, for the blocked tenant's key; nobody else's.
    expect((await gateway.call('GET', '/tenants', { key: blockedKey })).status).toBe(429);
    expect((await gateway.call('GET', `/tenants/${other}`, { key: otherKey })).status).toBe(200);
    expect((await gateway.call('GET', `/tenants/${blocked}`)).status).toBe(200);
    expect((await gateway.call('GET', `/tenants/${blocked}`, { key: supportKey })).status).toBe(200);
    const requestsBefore = registry.received((request) => request.url === `/internal/v1/tenants/${blocked}`).length;
    expect((await gateway.call('GET', `/tenants/${blocked}`, { key: blockedKey })).status).toBe(429);
    expect(registry.received((request) => request.url === `/internal/v1/tenants/${blocked}`)).toHaveLength(requestsBefore);

    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantLimitsChanged', {
        tenantId: blocked,
        version: 7,
        limits: [
          { metric: 'storage_bytes', limit: '10000000000', mode: 'soft' },
          { metric: 'api_calls', limit: '2000', mode: 'hard' },
        ],
        at: new Date().toISOString(),
      }),
    ]);
    await statusBecomes(`/tenants/${blocked}`, blockedKey, 200);

    // An alert raised for the old, lower limit is stale now and blocks nothing.
    await produce(kafka, TOPICS.METERING_ALERTS.name, [limitExceeded(blocked, { limit: '1000' })]);
    await quotaCaughtUp();
    expect((await gateway.call('GET', `/tenants/${blocked}`, { key: blockedKey })).status).toBe(200);
  });

  it('does not block for soft limits, other metrics or months already over', async () => {
    const tenant = stack.tenant();
    const key = (await gateway.issueKey('tenant-admin', tenant)).key;

    await produce(kafka, TOPICS.METERING_ALERTS.name, [
      limitExceeded(tenant, { mode: 'soft' }),
      limitExceeded(tenant, { metric: 'storage_bytes' }),
      limitExceeded(tenant, { periodStart: monthStart(-2) }),
    ]);
    await quotaCaughtUp();

    expect((await gateway.call('GET', `/tenants/${tenant}`, { key })).status).toBe(200);
  });

  it('lifts a block when the API-call limit is removed or made soft, and ignores an older limits version', async () => {
    const removed = stack.tenant();
    const softened = stack.tenant();
    const removedKey = (await gateway.issueKey('tenant-admin', removed)).key;
    const softenedKey = (await gateway.issueKey('tenant-admin', softened)).key;
    const limits = (tenantId: string, version: number, apiCalls?: { limit: string; mode: 'soft' | 'hard' }) =>
      eventMessage('TenantLimitsChanged', {
        tenantId,
        version,
        limits: [{ metric: 'active_users', limit: '5', mode: 'soft' }, ...(apiCalls ? [{ metric: 'api_calls', ...apiCalls }] : [])],
        at: new Date().toISOString(),
      });

    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [limits(removed, 2, { limit: '500', mode: 'hard' }), limits(softened, 2, { limit: '500', mode: 'hard' })]);
    await quotaCaughtUp();
    await produce(kafka, TOPICS.METERING_ALERTS.name, [limitExceeded(removed, { limit: '500' }), limitExceeded(softened, { limit: '500' })]);
    await statusBecomes(`/tenants/${removed}`, removedKey, 429);
    await statusBecomes(`/tenants/${softened}`, softenedKey, 429);

    // Version 1 is older than what the gateway knows: it lifts nothing.
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [limits(removed, 1)]);
    await quotaCaughtUp();
    expect((await gateway.call('GET', `/tenants/${removed}`, { key: removedKey })).status).toBe(429);

    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [limits(removed, 3), limits(softened, 3, { limit: '500', mode: 'soft' })]);
    await statusBecomes(`/tenants/${removed}`, removedKey, 200);
    await statusBecomes(`/tenants/${softened}`, softenedKey, 200);
  });
});
