// Bulk jobs and maintenance windows through the compiled gateway and the real registry (Kafka,
// Postgres): the role matrix, bad input, a job run and streamed, and a maintenance window that
// answers the tenant's key 503 + Retry-After while an operator's key works, then ends by itself.
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@tenantry/contracts';
import { readTopic, RunningService, startService, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';
import { closedPort } from './support/fake-upstream';
import { GatewayClient, problemType, startGateway } from './support/gateway-client';

jest.setTimeout(150_000);

describe('gateway bulk jobs and maintenance', () => {
  const kafka = testKafka();
  let registry: RunningService;
  let gateway: GatewayClient;

  beforeAll(async () => {
    registry = await startService('tenant-registry', { TRIAL_CHECK_INTERVAL_MS: '3600000', MAINTENANCE_TICK_MS: '200', BULK_JOB_POLL_INTERVAL_MS: '200' });
    await waitUntilReady(registry);
    gateway = await startGateway({ REGISTRY_URL: registry.url, PROVISIONING_URL: `http://127.0.0.1:${await closedPort()}`, MAINTENANCE_CACHE_MS: '300' });
  });

  afterAll(async () => {
    await gateway?.stop();
    await registry?.process.kill('SIGTERM');
  });

  async function tenant(plan = 'starter'): Promise<string> {
    const label = `gb-${randomUUID().slice(0, 8)}`;
    const created = await gateway.call('POST', '/tenants', { body: { name: `Bulk ${label}`, domain: label, plan, adminEmail: `ops@${label}.example` } });
    expect(created.status).toBe(201);
    return created.body['id'] as string;
  }

  it('applies the role matrix to bulk jobs and maintenance', async () => {
    const id = await tenant();
    const support = (await gateway.issueKey('support')).key;
    const readOnly = (await gateway.issueKey('read-only')).key;
    const tenantAdmin = (await gateway.issueKey('tenant-admin', id)).key;
    const body = { selection: { tenantIds: [id] }, action: { type: 'notify-admins', subject: 'Hi', message: 'Hello' } };
    for (const key of [support, readOnly, tenantAdmin]) {
      const refused = await gateway.call('POST', '/bulk-jobs', { key, body });
      expect(refused.status).toBe(403);
      expect(refused.body['type']).toBe(problemType('forbidden'));
      expect((await gateway.call('POST', '/maintenance', { key, body: { scope: 'global', emergency: true, durationSeconds: 5, reason: 'x' } })).status).toBe(403);
    }
    const started = await gateway.call('POST', '/bulk-jobs', { body });
    expect(started.status).toBe(202);
    const jobId = started.body['id'] as string;
    expect(started.headers.get('location')).toBe(`/api/v1/platform/bulk-jobs/${jobId}`);
    for (const key of [support, readOnly]) expect((await gateway.call('GET', `/bulk-jobs/${jobId}`, { key })).status).toBe(200);
    expect((await gateway.call('GET', `/bulk-jobs/${jobId}`, { key: tenantAdmin })).status).toBe(403);
    expect((await gateway.call('GET', '/maintenance', { key: tenantAdmin })).status).toBe(403);
    expect((await gateway.call('GET', '/maintenance', { key: readOnly })).status).toBe(200);
    expect((await gateway.call('POST', `/bulk-jobs/${jobId}/cancel`, { key: support })).status).toBe(403);
  });

  it('runs a job through the gateway: dry run changes nothing, the real run streams progress and is audited', async () => {
    const ids = [await tenant(), await tenant()];
    const dry = await gateway.call('POST', '/bulk-jobs', { body: { selection: { tenantIds: ids }, action: { type: 'set-limits', limits: { storage: 50, users: 5, bandwidth: 10 } }, dryRun: true } });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 2 });
    for (const id of ids) expect((await gateway.call('GET', `/tenants/${id}/limits`)).body['version']).toBe(1);

    const started = await gateway.call('POST', '/bulk-jobs', { body: { selection: { tenantIds: ids }, action: { type: 'set-limits', limits: { storage: 50, users: 5, bandwidth: 10 } } }, headers: { 'x-request-id': `bulk-${ids[0]}` } });
    expect(started.status).toBe(202);
    const jobId = started.body['id'] as string;
    const stream = await gateway.call('GET', `/bulk-jobs/${jobId}/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.text).toMatch(/event: done\ndata: .*"succeeded":2/);
    const job = await gateway.call('GET', `/bulk-jobs/${jobId}`);
    expect(job.body).toMatchObject({ status: 'completed', progress: { total: 2, succeeded: 2, failed: 0 } });
    for (const id of ids) {
      expect((await gateway.call('GET', `/tenants/${id}/limits`)).body).toMatchObject({ storage: { limit: 50 }, version: 2 });
      const history = await gateway.call('GET', `/tenants/${id}/history`);
      expect(history.body['items']).toContainEqual(expect.objectContaining({ correlationId: `bulk-job:${jobId}`, actor: expect.stringMatching(/^key:/) }));
    }
    const audit = await gateway.call('GET', '/audit?limit=100');
    expect(audit.body['items']).toContainEqual(expect.objectContaining({ method: 'POST', route: '/api/v1/platform/bulk-jobs', status: 202, correlationId: `bulk-${ids[0]}` }));
  });

  it('refuses bad input with 400 problem+json naming the field', async () => {
    const id = await tenant();
    const cases: [unknown, string][] = [
      [{ selection: { tenantIds: [id] }, action: { type: 'teleport' } }, 'action.type'],
      [{ selection: { tenantIds: [] }, action: { type: 'reactivate' } }, 'selection.tenantIds'],
      [{ selection: { filter: { plan: 'NOT A PLAN' } }, action: { type: 'reactivate' } }, 'selection.filter.plan'],
    ];
    for (const [body, field] of cases) {
      const answer = await gateway.call('POST', '/bulk-jobs', { body });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect((answer.body['errors'] as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    const bad = await gateway.call('POST', '/maintenance', { body: { scope: 'tenant', emergency: true, durationSeconds: 0, reason: '' } });
    expect(bad.status).toBe(400);
    expect((bad.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(expect.arrayContaining(['tenantId', 'durationSeconds', 'reason']));
  });

  it('answers a tenant in maintenance 503 with Retry-After, lets operators through, and ends the window by itself', async () => {
    const affected = await tenant();
    const other = await tenant();
    const key = (await gateway.issueKey('tenant-admin', affected)).key;
    const otherKey = (await gateway.issueKey('tenant-admin', other)).key;
    expect((await gateway.call('GET', `/tenants/${affected}`, { key })).status).toBe(200);

    const scheduled = await gateway.call('POST', '/maintenance', { body: { scope: 'tenant', tenantId: affected, emergency: true, durationSeconds: 6, reason: 'database upgrade' } });
    expect(scheduled.status).toBe(201);
    const maintenanceId = scheduled.body['id'] as string;
    expect(scheduled.body).toMatchObject({ status: 'active', emergency: true, scope: 'tenant', tenantId: affected });

    const refused = await waitFor(async () => {
      const answer = await gateway.call('GET', `/tenants/${affected}`, { key });
      return answer.status === 503 ? answer : undefined;
    }, { timeoutMs: 5000, intervalMs: 100 });
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body['type']).toBe(problemType('maintenance'));
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(6);
    // Operators keep access, other tenants are unaffected.
    expect((await gateway.call('GET', `/tenants/${affected}`)).status).toBe(200);
    expect((await gateway.call('GET', `/tenants/${other}`, { key: otherKey })).status).toBe(200);
    expect(((await gateway.call('GET', '/maintenance')).body['items'] as { id: string }[]).map((w) => w.id)).toContain(maintenanceId);

    // The window ends by itself.
    await waitFor(async () => ((await gateway.call('GET', `/tenants/${affected}`, { key })).status === 200 ? true : undefined), { timeoutMs: 15_000, intervalMs: 200 });
    // …and leaves the listing once the registry's clock has marked it ended (its tick may come a moment after the gateway lets traffic through).
    await waitFor(async () => (((await gateway.call('GET', '/maintenance')).body['items'] as { id: string }[]).some((w) => w.id === maintenanceId) ? undefined : true), { timeoutMs: 15_000, intervalMs: 200, what: 'the ended window to leave the listing' });

    const events = await readTopic(kafka, TOPICS.GATEWAY_OPERATIONS.name, (messages) => messages.filter((m) => m.key === maintenanceId).length >= 3, { timeoutMs: 30_000 });
    const types = events.filter((m) => m.key === maintenanceId).map((m) => m.headers['ce_type']);
    expect(types).toEqual(['MaintenanceScheduled', 'MaintenanceStarted', 'MaintenanceEnded']);
    expect(JSON.parse(events.filter((m) => m.key === maintenanceId)[2]?.value ?? '{}')).toMatchObject({ outcome: 'elapsed', tenantIds: [affected] });
  });

  it('cancels a scheduled window and ends an active one early', async () => {
    const planned = await gateway.call('POST', '/maintenance', { body: { scope: 'plan', planId: 'enterprise', startsAt: new Date(Date.now() + 3_600_000).toISOString(), durationSeconds: 600, reason: 'planned' } });
    expect(planned.status).toBe(201);
    expect(planned.body['status']).toBe('scheduled');
    const cancelled = await gateway.call('DELETE', `/maintenance/${planned.body['id'] as string}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body['status']).toBe('cancelled');
    expect((await gateway.call('DELETE', `/maintenance/${planned.body['id'] as string}`)).status).toBe(409);

    const affected = await tenant();
    const key = (await gateway.issueKey('tenant-admin', affected)).key;
    const active = await gateway.call('POST', '/maintenance', { body: { scope: 'tenant', tenantId: affected, emergency: true, durationSeconds: 3600, reason: 'incident' } });
    await waitFor(async () => ((await gateway.call('GET', `/tenants/${affected}`, { key })).status === 503 ? true : undefined), { timeoutMs: 5000, intervalMs: 100 });
    const ended = await gateway.call('DELETE', `/maintenance/${active.body['id'] as string}`);
    expect(ended.status).toBe(200);
    expect(ended.body['status']).toBe('ended');
    await waitFor(async () => ((await gateway.call('GET', `/tenants/${affected}`, { key })).status === 200 ? true : undefined), { timeoutMs: 5000, intervalMs: 100 });
  });
});
