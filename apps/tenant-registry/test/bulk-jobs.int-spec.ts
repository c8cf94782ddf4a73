// Bulk jobs against the compiled registry with real Kafka and Postgres: dry run, a real run with
// progress and per-tenant results, the SSE stream, cancel, bad input, and resume after SIGKILL.
import { TOPICS } from '@tenantry/contracts';
import { eventMessage, internalToken, produce, RunningService, startService, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';
import { RegistryClient, suffix, TenantViewBody } from './tenant-registry-client';

/** The first element of a list a test made non-empty (fails loudly otherwise). */
function firstOf<T>(list: readonly T[]): T {
  const first = list[0];
  if (first === undefined) throw new Error('expected a non-empty list');
  return first;
}

jest.setTimeout(180_000);

// Slow enough (2 workers, 60 ms after each tenant) that a 50-tenant job is still running when killed.
const ENV = { TRIAL_CHECK_INTERVAL_MS: '3600000', BULK_JOB_CONCURRENCY: '2', BULK_JOB_ITEM_DELAY_MS: '60', BULK_JOB_POLL_INTERVAL_MS: '200' };

interface JobBody {
  id: string;
  status: string;
  progress: { total: number; pending: number; succeeded: number; failed: number; cancelled: number; done: number };
  items?: { tenantId: string; status: string; result: Record<string, unknown> | null; error: Record<string, unknown> | null }[];
}

describe('tenant-registry bulk jobs', () => {
  const kafka = testKafka();
  let registry: RunningService;
  let api: RegistryClient;

  const start = async (): Promise<void> => {
    registry = await startService('tenant-registry', ENV);
    await waitUntilReady(registry);
    api = new RegistryClient(registry.url, 'key:bulk-operator');
  };

  beforeAll(start);
  afterAll(async () => {
    await registry?.process.kill('SIGTERM');
  });

  /** `count` fresh tenants whose names share a unique label (a filter `q` finds exactly them). */
  async function tenants(count: number, plan = 'starter'): Promise<{ label: string; items: TenantViewBody[] }> {
    const label = `bk${suffix()}`;
    const items: TenantViewBody[] = [];
    for (let i = 0; i < count; i += 1) items.push(await api.createTenant(plan, { name: `${label} tenant ${i}`, domain: `${label}-${i}` }));
    return { label, items };
  }

  const job = (id: string) => api.call<JobBody>('GET', `/internal/v1/bulk-jobs/${id}`);
  const finished = (id: string, timeoutMs = 60_000) =>
    waitFor(async () => {
      const answer = await job(id);
      return answer.body.status !== 'running' ? answer.body : undefined;
    }, { timeoutMs, intervalMs: 200 });

  it('dry run answers per tenant what would change and changes nothing', async () => {
    const { items } = await tenants(3);
    const before = await Promise.all(items.map((t) => api.get(t.id)));
    const answer = await api.call<{ dryRun: boolean; total: number; items: { tenantId: string; wouldSucceed: boolean; result?: Record<string, unknown> }[] }>('POST', '/internal/v1/bulk-jobs', {
      selection: { tenantIds: items.map((t) => t.id) },
      action: { type: 'change-plan', plan: 'growth' },
      dryRun: true,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(3);
    for (const tenant of items) expect(answer.body.items).toContainEqual({ tenantId: tenant.id, wouldSucceed: true, result: { plan: { from: 'starter', to: 'growth' }, changed: true } });
    const after = await Promise.all(items.map((t) => api.get(t.id)));
    expect(after.map((a) => [a.body.plan.id, a.body.version])).toEqual(before.map((b) => [b.body.plan.id, b.body.version]));
  });

  it('runs a plan change over a filter asynchronously, reports per-tenant results, streams progress and records each tenant history', async () => {
    const { label, items } = await tenants(6);
    const started = await api.call<JobBody>('POST', '/internal/v1/bulk-jobs', { selection: { filter: { q: label, status: 'provisioning' } }, action: { type: 'change-plan', plan: 'growth' } }, { 'x-request-id': 'ignored' }, { requestId: 'req-bulk-1' });
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/internal/v1/bulk-jobs/${started.body.id}`);
    expect(started.body).toMatchObject({ status: 'running', progress: { total: 6 } });

    // The event stream ends with a `done` event carrying the final counts.
    const stream = await fetch(`${registry.url}/internal/v1/bulk-jobs/${started.body.id}/events`, { headers: { authorization: (await bearer()) } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const text = await stream.text();
    expect(text).toMatch(/event: done\ndata: .*"succeeded":6/);

    const done = (await job(started.body.id)).body;
    expect(done).toMatchObject({ status: 'completed', progress: { total: 6, succeeded: 6, failed: 0, pending: 0, done: 6 } });
    for (const tenant of items) {
      expect(done.items).toContainEqual(expect.objectContaining({ tenantId: tenant.id, status: 'succeeded', result: { plan: { from: 'starter', to: 'growth' }, changed: true } }));
      expect((await api.get(tenant.id)).body.plan.id).toBe('growth');
      const history = await api.call<{ items: { actor: string; correlationId: string | null; reason: string | null; requestId: string | null }[] }>('GET', `/internal/v1/tenants/${tenant.id}/history`);
      expect(history.body.items).toContainEqual(expect.objectContaining({ actor: 'key:bulk-operator', correlationId: `bulk-job:${started.body.id}`, requestId: 'req-bulk-1', reason: expect.stringContaining('plan changed to growth') }));
    }
  });

  async function bearer(): Promise<string> {
    return `Bearer ${internalToken({ audience: 'tenant-registry', actor: 'key:bulk-operator' })}`;
  }

  it('reports a failing tenant as failed with its problem, and the others succeed', async () => {
    const { items } = await tenants(2);
    const started = await api.call<JobBody>('POST', '/internal/v1/bulk-jobs', { selection: { tenantIds: [firstOf(items).id, '00000000-0000-4000-8000-000000000000'] }, action: { type: 'notify-admins', subject: 'Hello', message: 'A message' } });
    const done = await finished(started.body.id);
    expect(done.progress).toMatchObject({ succeeded: 1, failed: 1 });
    const full = (await job(started.body.id)).body;
    expect(full.items).toContainEqual(expect.objectContaining({ tenantId: '00000000-0000-4000-8000-000000000000', status: 'failed', error: expect.objectContaining({ status: 404, type: 'https://tenantry.dev/problems/tenant-not-found' }) }));
  });

  it('cancels a running job: pending items are cancelled and their tenants left alone', async () => {
    const { items } = await tenants(16);
    const started = await api.call<JobBody>('POST', '/internal/v1/bulk-jobs', { selection: { tenantIds: items.map((t) => t.id) }, action: { type: 'patch-configuration', patch: { theme: 'dark' } } });
    expect(started.status).toBe(202);
    const cancelled = await api.call<JobBody>('POST', `/internal/v1/bulk-jobs/${started.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const full = (await job(started.body.id)).body;
    expect(full.progress.cancelled).toBeGreaterThan(0);
    expect(full.progress.pending).toBe(0);
    for (const item of full.items ?? []) {
      const tenant = (await api.get(item.tenantId)).body;
      expect((tenant.configuration as { theme: string }).theme).toBe(item.status === 'succeeded' ? 'dark' : 'default');
    }
    expect((await api.call('POST', `/internal/v1/bulk-jobs/${started.body.id}/cancel`)).status).toBe(409);
  });

  it('refuses bad input with 400 naming the field and creates no job', async () => {
    const { items } = await tenants(1);
    const ids = { tenantIds: [firstOf(items).id] };
    const cases: [unknown, string][] = [
      [{ selection: ids, action: { type: 'explode' } }, 'action.type'],
      [{ selection: { tenantIds: [] }, action: { type: 'reactivate' } }, 'selection.tenantIds'],
      [{ selection: { filter: { status: 'sleepy' } }, action: { type: 'reactivate' } }, 'selection.filter.status'],
      [{ selection: { filter: { q: `none-${suffix()}` } }, action: { type: 'reactivate' } }, 'selection'],
      [{ selection: ids, action: { type: 'set-limits', limits: { storage: -1, users: 1, bandwidth: 1 } } }, 'action.limits.storage.limit'],
      [{ selection: ids, action: { type: 'change-plan' } }, 'action.plan'],
      [{ selection: ids, action: { type: 'reactivate' }, dryRun: 'yes' }, 'dryRun'],
    ];
    for (const [body, field] of cases) {
      const answer = await api.call<{ type: string; errors: { field: string }[] }>('POST', '/internal/v1/bulk-jobs', body);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.errors.map((e) => e.field)).toContain(field);
    }
    expect((await api.get(firstOf(items).id)).body.version).toBe(1);
  });

  it('resumes after SIGKILL without redoing finished items: each tenant is suspended exactly once', async () => {
    const { items } = await tenants(50, 'growth');
    // Suspension needs active tenants: provisioning's TenantProvisioned makes them so.
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, items.map((tenant) => eventMessage('TenantProvisioned', { tenantId: tenant.id, schemaName: `tenant_${tenant.id.slice(0, 8)}`, storageRoot: `/data/${tenant.id}`, hostname: 'x.tenantry.local', at: new Date().toISOString() })));
    for (const tenant of items) await waitFor(async () => ((await api.get(tenant.id)).body.status === 'active' ? true : undefined), { timeoutMs: 60_000, intervalMs: 100 });
    const started = await api.call<JobBody>('POST', '/internal/v1/bulk-jobs', { selection: { tenantIds: items.map((t) => t.id) }, action: { type: 'suspend', reason: 'bulk test' } });
    expect(started.status).toBe(202);
    await waitFor(async () => ((await job(started.body.id)).body.progress.succeeded >= 10 ? true : undefined), { timeoutMs: 30_000, intervalMs: 50 });
    await registry.process.kill('SIGKILL');
    await start();
    const done = await finished(started.body.id, 90_000);
    expect(done.progress).toMatchObject({ total: 50, succeeded: 50, failed: 0, cancelled: 0 });
    for (const tenant of items) {
      expect((await api.get(tenant.id)).body.status).toBe('suspended');
      const history = await api.call<{ items: { to: string; correlationId: string | null }[] }>('GET', `/internal/v1/tenants/${tenant.id}/history`);
      expect(history.body.items.filter((h) => h.to === 'suspended' && h.correlationId === `bulk-job:${started.body.id}`)).toHaveLength(1);
    }
  });
});
