// The public health routes through the compiled gateway to the real health-scoring service (fed
// real events on Kafka): the tenant dashboard answered from health scoring's projection, a tenant
// admin reading its own dashboard and health and getting 404 for another tenant's, feedback
// validated at the door and audited, and the role matrix for the other roles.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, testKafka, waitFor } from '@tenantry/testing';
import { GatewayOnFakeRegistry, problemType, startGatewayWith } from './support/gateway-client';

jest.setTimeout(120_000);

const kafka = testKafka();

function tenantCreated(tenantId: string): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name: 'Dashboard tenant',
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: 'starter', trial: false },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 5 },
    createdAt: new Date(Date.now() - 60_000).toISOString(), // a minute before the test's other events
  };
}

describe('gateway health routes', () => {
  let stack: GatewayOnFakeRegistry;

  beforeAll(async () => {
    stack = await startGatewayWith('health-scoring', { HEALTH_RECOMPUTE_INTERVAL_MS: '3600000' });
  });

  afterAll(() => stack?.stop());

  it('answers a tenant admin its own dashboard with usage against limits and health, and 404 for another tenant', async () => {
    const { gateway } = stack;
    const tenantId = stack.tenant();
    const other = stack.tenant();
    const now = new Date().toISOString();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantCreated', tenantCreated(tenantId)),
      eventMessage('TenantCreated', tenantCreated(other)),
      eventMessage('TenantLimitsChanged', { tenantId, limits: [{ metric: 'api_calls', limit: '1000', mode: 'hard' }], version: 2, at: now }),
    ]);
    await produce(kafka, TOPICS.METERING_USAGE.name, [eventMessage('UsageRecorded', { tenantId, eventId: `gw-${randomUUID()}`, metric: 'api_calls', quantity: '250', timestamp: now, source: 'api' })]);
    const admin = (await gateway.issueKey('tenant-admin', tenantId)).key;
    // Lifecycle and usage arrive on two topics: wait until both are in the projection.
    const dashboard = await waitFor(
      async () => {
        const answer = await gateway.call('GET', `/tenants/${tenantId}/dashboard`, { key: admin });
        const recent = (answer.body['activity'] as { recentActions?: unknown[] } | undefined)?.recentActions ?? [];
        const health = answer.body['health'] as { components?: Record<string, unknown> } | undefined;
        return answer.status === 200 && recent.length === 2 && health?.components?.['activity'] ? answer : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the dashboard of the tenant through the gateway' },
    );
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toMatchObject({
      tenantId,
      status: { status: 'provisioning', name: 'Dashboard tenant', planId: 'starter' },
      usage: { metrics: expect.arrayContaining([{ metric: 'api_calls', used: 250, limit: '1000', mode: 'hard', percent: 25 }]) },
      users: { seats: 5 },
      revenue: { paymentStatus: 'none', mrrMinor: null },
      activity: { recentActions: [expect.objectContaining({ type: 'TenantLimitsChanged' }), expect.objectContaining({ type: 'TenantCreated' })] },
      health: {
        overall: 100,
        band: 'green',
        components: { activity: { score: 100, explanation: 'API calls: 250 in the last 30 days, none the 30 days before' }, compliance: { score: 100 }, performance: { score: 100 } },
        withoutData: ['revenue', 'satisfaction'],
      },
    });
    expect(typeof dashboard.body['asOf']).toBe('string');
    expect((await gateway.call('GET', `/tenants/${tenantId}/health/history`, { key: admin })).status).toBe(200);

    for (const path of [`/tenants/${other}/dashboard`, `/tenants/${other}/health`, `/tenants/${other}/health/history`]) {
      const refused = await gateway.call('GET', path, { key: admin });
      expect({ path, status: refused.status, type: refused.body['type'] }).toEqual({ path, status: 404, type: problemType('tenant-not-found') });
    }
    expect((await gateway.call('GET', `/tenants/${other}/dashboard`)).status).toBe(200);
    expect((await gateway.call('GET', `/tenants/${randomUUID()}/dashboard`)).status).toBe(404);
  });

  it('records feedback from a tenant admin for its own tenant, validated at the door and audited, and keeps it from read-only and billing keys', async () => {
    const { gateway } = stack;
    const tenantId = stack.tenant();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', tenantCreated(tenantId))]);
    const admin = (await gateway.issueKey('tenant-admin', tenantId)).key;

    const bad = await gateway.call('POST', `/tenants/${tenantId}/feedback`, { key: admin, body: { score: 11, comment: 5 } });
    expect(bad.status).toBe(400);
    expect([...new Set((bad.body['errors'] as { field: string }[]).map((e) => e.field))].sort()).toEqual(['comment', 'score']);

    const recorded = await gateway.call('POST', `/tenants/${tenantId}/feedback`, { key: admin, body: { score: 8, comment: 'Good so far' } });
    expect(recorded).toMatchObject({ status: 201, body: { tenantId, score: 8, comment: 'Good so far' } });
    const scored = await waitFor(
      async () => {
        const answer = await gateway.call('GET', `/tenants/${tenantId}/health`, { key: admin });
        return answer.status === 200 && (answer.body['components'] as Record<string, unknown>)['satisfaction'] ? answer.body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'the satisfaction component' },
    );
    expect((scored['components'] as Record<string, unknown>)['satisfaction']).toMatchObject({ score: 80, explanation: 'Average feedback 8/10 from 1 response in the last 90 days' });

    for (const role of ['read-only', 'billing']) {
      const key = (await gateway.issueKey(role)).key;
      expect((await gateway.call('POST', `/tenants/${tenantId}/feedback`, { key, body: { score: 1 } })).status).toBe(403);
      expect((await gateway.call('GET', `/tenants/${tenantId}/dashboard`, { key })).status).toBe(200);
    }
    const audit = await gateway.call('GET', '/audit?limit=50');
    expect(audit.body['items']).toContainEqual(expect.objectContaining({ role: 'tenant-admin', method: 'POST', route: '/api/v1/platform/tenants/:id/feedback', status: 201, tenantId }));
  });
});
