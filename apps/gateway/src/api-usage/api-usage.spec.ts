import { ApiUsageCounters } from './api-usage-counters';
import { attributeRequest } from './attribution';

const TENANT = '6b0f7d1e-1111-4111-8111-111111111111';
const OTHER = '7c1f8e2f-2222-4222-8222-222222222222';

describe(attributeRequest.name, () => {
  const sut = attributeRequest;
  const admin = { keyId: 'k', role: 'platform-admin' as const, tenantId: null };
  const tenantAdmin = { keyId: 'k', role: 'tenant-admin' as const, tenantId: TENANT };

  it("gives a tenant key's calls to its tenant, whatever the route names", () => {
    expect(sut({ url: `/api/v1/platform/tenants/${OTHER}`, routeOptions: { url: '/api/v1/platform/tenants/:id' }, params: { id: OTHER }, gateway: { principal: tenantAdmin } })).toBe(TENANT);
    expect(sut({ url: '/api/v1/platform/usage/batch', routeOptions: { url: '/api/v1/platform/usage/batch' }, gateway: { principal: tenantAdmin } })).toBe(TENANT);
  });

  it("gives a platform key's calls to nobody, even those naming a tenant (an operator's calls are not the tenant's usage)", () => {
    expect(sut({ url: `/api/v1/platform/tenants/${TENANT}/usage`, routeOptions: { url: '/api/v1/platform/tenants/:id/usage' }, params: { id: TENANT }, gateway: { principal: admin } })).toBeUndefined();
    expect(sut({ url: `/api/v1/platform/tenants/${TENANT}`, routeOptions: { url: '/api/v1/platform/tenants/:id' }, params: { id: TENANT }, gateway: { principal: { ...admin, role: 'support' as const } } })).toBeUndefined();
    expect(sut({ url: '/api/v1/platform/tenants', routeOptions: { url: '/api/v1/platform/tenants' }, gateway: { principal: admin } })).toBeUndefined();
    expect(sut({ url: `/api/v1/platform/api-keys/${TENANT}`, routeOptions: { url: '/api/v1/platform/api-keys/:id' }, params: { id: TENANT }, gateway: { principal: admin } })).toBeUndefined();
    expect(sut({ url: '/api/v1/platform/tenants/nope', routeOptions: { url: '/api/v1/platform/tenants/:id' }, params: { id: 'nope' }, gateway: { principal: admin } })).toBeUndefined();
  });

  it('counts no unauthenticated call and nothing outside the public API', () => {
    expect(sut({ url: `/api/v1/platform/tenants/${TENANT}`, routeOptions: { url: '/api/v1/platform/tenants/:id' }, params: { id: TENANT } })).toBeUndefined();
    expect(sut({ url: '/health/ready', gateway: { principal: tenantAdmin } })).toBeUndefined();
  });
});

describe(ApiUsageCounters.name, () => {
  const start = new Date('2026-11-28T10:00:00Z');

  it('hands out the counts once and starts the next window at the sample', () => {
    const sut = new ApiUsageCounters(start);
    sut.count(TENANT, 10, 100);
    sut.count(TENANT, 5, 50);
    sut.count(OTHER, 0, 7);
    const sample = sut.take(new Date('2026-11-28T10:00:05Z'));
    expect(sample.counts).toEqual([
      { tenantId: TENANT, windowStart: start, apiCalls: 2, requestBytes: 15, responseBytes: 150 },
      { tenantId: OTHER, windowStart: start, apiCalls: 1, requestBytes: 0, responseBytes: 7 },
    ]);
    sut.count(TENANT, 1, 1);
    expect(sut.take(new Date('2026-11-28T10:00:10Z')).counts).toEqual([{ tenantId: TENANT, windowStart: new Date('2026-11-28T10:00:05Z'), apiCalls: 1, requestBytes: 1, responseBytes: 1 }]);
  });

  it('keeps the counts of a sample that was given back, from its earlier start, for the next one', () => {
    const sut = new ApiUsageCounters(start);
    sut.count(TENANT, 10, 100);
    const failed = sut.take(new Date('2026-11-28T10:00:05Z'));
    sut.count(TENANT, 1, 2);
    sut.restore(failed);
    expect(sut.take(new Date('2026-11-28T10:00:10Z')).counts).toEqual([{ tenantId: TENANT, windowStart: start, apiCalls: 2, requestBytes: 11, responseBytes: 102 }]);
  });
});
