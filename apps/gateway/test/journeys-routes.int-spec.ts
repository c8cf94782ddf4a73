// The public lifecycle-journey routes through the compiled gateway to the real health-scoring
// service (fed real events on Kafka): a tenant admin reads its own onboarding and records its own
// offboarding feedback and gets 404 for another tenant's; retention check-ins are for operators
// (read-only reads, support completes, a tenant admin and billing are refused); bodies validated at
// the door; the writes audited.
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
    name: 'Journey tenant',
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: 'starter', trial: false },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 5 },
    createdAt: new Date(Date.now() - 60_000).toISOString(),
  };
}

describe('gateway lifecycle-journey routes', () => {
  let stack: GatewayOnFakeRegistry;

  beforeAll(async () => {
    stack = await startGatewayWith('health-scoring', { HEALTH_RECOMPUTE_INTERVAL_MS: '3600000' });
  });

  afterAll(() => stack?.stop());

  it('answers a tenant admin its own onboarding and offboarding feedback, 404 for another tenant, and validates and audits the feedback', async () => {
    const { gateway } = stack;
    const tenantId = stack.tenant();
    const other = stack.tenant();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', tenantCreated(tenantId)), eventMessage('TenantCreated', tenantCreated(other))]);
    const admin = (await gateway.issueKey('tenant-admin', tenantId)).key;
    const onboarding = await waitFor(
      async () => {
        const answer = await gateway.call('GET', `/tenants/${tenantId}/onboarding`, { key: admin });
        return answer.status === 200 ? answer : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the onboarding of the tenant through the gateway' },
    );
    expect(onboarding.body).toMatchObject({ tenantId, progressPercent: 0, complete: false });
    expect((onboarding.body['items'] as { item: string; status: string }[]).find((i) => i.item === 'domain-verified')).toMatchObject({ status: 'not-applicable' });

    for (const [method, path] of [['GET', `/tenants/${other}/onboarding`], ['GET', `/tenants/${other}/offboarding-feedback`], ['POST', `/tenants/${other}/offboarding-feedback`]] as const) {
      const refused = await gateway.call(method, path, { key: admin, body: method === 'POST' ? { reason: 'other', score: 5 } : undefined });
      expect({ path, method, status: refused.status, type: refused.body['type'] }).toEqual({ path, method, status: 404, type: problemType('tenant-not-found') });
    }
    expect((await gateway.call('GET', `/tenants/${other}/onboarding`)).status).toBe(200);
    expect((await gateway.call('GET', `/tenants/${randomUUID()}/onboarding`)).status).toBe(404);

    const bad = await gateway.call('POST', `/tenants/${tenantId}/offboarding-feedback`, { key: admin, body: { reason: 'meh', score: -1, comment: 7 } });
    expect(bad.status).toBe(400);
    expect([...new Set((bad.body['errors'] as { field: string }[]).map((e) => e.field))].sort()).toEqual(['comment', 'reason', 'score']);
    const recorded = await gateway.call('POST', `/tenants/${tenantId}/offboarding-feedback`, { key: admin, body: { reason: 'missing-features', score: 6, comment: 'No SSO' } });
    expect(recorded).toMatchObject({ status: 201, body: { tenantId, reason: 'missing-features', score: 6, comment: 'No SSO' } });
    expect((await gateway.call('GET', `/tenants/${tenantId}/offboarding-feedback`, { key: admin })).body['items']).toMatchObject([{ reason: 'missing-features', score: 6 }]);

    for (const role of ['read-only', 'billing']) {
      const key = (await gateway.issueKey(role)).key;
      expect((await gateway.call('POST', `/tenants/${tenantId}/offboarding-feedback`, { key, body: { reason: 'other', score: 1 } })).status).toBe(403);
      expect((await gateway.call('GET', `/tenants/${tenantId}/onboarding`, { key })).status).toBe(200);
    }
    const audit = await gateway.call('GET', '/audit?limit=50');
    expect(audit.body['items']).toContainEqual(expect.objectContaining({ role: 'tenant-admin', method: 'POST', route: '/api/v1/platform/tenants/:id/offboarding-feedback', status: 201, tenantId }));
  });

  it('lists retention check-ins to operators and lets support complete one, refusing tenant admins and billing', async () => {
    const { gateway } = stack;
    const tenantId = stack.tenant();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', tenantCreated(tenantId))]);
    await produce(kafka, TOPICS.HEALTH.name, [eventMessage('ChurnRiskDetected', { tenantId, risk: 'high', reasons: ['payment-failures', 'usage-decline'], details: ['2 failed payments', 'API calls down 50 %'], at: new Date().toISOString() })]);
    const readOnly = (await gateway.issueKey('read-only')).key;
    const checkIn = await waitFor(
      async () => ((await gateway.call('GET', '/retention/check-ins?status=open', { key: readOnly })).body['items'] as { id: string; tenantId: string }[] | undefined)?.find((c) => c.tenantId === tenantId),
      { timeoutMs: 60_000, intervalMs: 200, what: 'the check-in through the gateway' },
    );
    expect(checkIn).toMatchObject({ kind: 'churn-risk', status: 'open', reasons: ['payment-failures', 'usage-decline'] });

    const admin = (await gateway.issueKey('tenant-admin', tenantId)).key;
    expect((await gateway.call('GET', '/retention/check-ins', { key: admin })).status).toBe(403);
    expect((await gateway.call('GET', '/retention/check-ins', { key: (await gateway.issueKey('billing')).key })).status).toBe(403);
    expect((await gateway.call('POST', `/retention/check-ins/${checkIn.id}/complete`, { key: readOnly, body: { note: 'x' } })).status).toBe(403);
    const badStatus = await gateway.call('GET', '/retention/check-ins?status=someday', { key: readOnly });
    expect(badStatus.status).toBe(400);

    const support = (await gateway.issueKey('support')).key;
    const emptyNote = await gateway.call('POST', `/retention/check-ins/${checkIn.id}/complete`, { key: support, body: {} });
    expect({ status: emptyNote.status, fields: [...new Set((emptyNote.body['errors'] as { field: string }[]).map((e) => e.field))] }).toEqual({ status: 400, fields: ['note'] });
    const done = await gateway.call('POST', `/retention/check-ins/${checkIn.id}/complete`, { key: support, body: { note: 'Offered a payment plan.' } });
    expect(done).toMatchObject({ status: 200, body: { id: checkIn.id, status: 'completed', note: 'Offered a payment plan.' } });
    expect(String(done.body['completedBy'])).toMatch(/^key:/);
    expect((await gateway.call('POST', `/retention/check-ins/${checkIn.id}/complete`, { key: support, body: { note: 'again' } })).status).toBe(409);
    const audit = await gateway.call('GET', '/audit?limit=50');
    expect(audit.body['items']).toContainEqual(expect.objectContaining({ role: 'support', method: 'POST', route: '/api/v1/platform/retention/check-ins/:checkInId/complete', status: 200 }));
  });
});
