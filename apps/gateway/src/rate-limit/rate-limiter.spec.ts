import { ServiceMetrics } from '@tenantry/observability';
import { ProblemException } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { GatewayRequest } from '../auth/principal';
import { GatewayConfig } from '../gateway.config';
import { TenantStatusRepository } from '../tenant-status/tenant-status.repository';
import { RateLimiter } from './rate-limiter';
import { FakeRateLimitStore } from './testing/fake-rate-limit.store';
import { TenantPlans } from './tenant-plans';

class Plans extends TenantStatusRepository {
  plans = new Map<string, string>();
  reads = 0;
  find = async () => undefined;
  record = async () => undefined;
  recordPlan = async () => undefined;
  findPlan = async (scope: { tenantId: string }) => {
    this.reads += 1;
    return this.plans.get(scope.tenantId);
  };
}

describe(RateLimiter.name, () => {
  const config = Object.assign(new GatewayConfig(), { RATE_LIMIT_PLANS: 'free=1:2,growth=1:5', RATE_LIMIT_DEFAULT_PLAN: 'free', RATE_LIMIT_ANONYMOUS: '1:1' });
  let store: FakeRateLimitStore;
  let plans: Plans;
  let clock: ManualClock;
  let sut: RateLimiter;
  let headers: Record<string, string>;
  const reply = { header: (name: string, value: string) => (headers[name] = value) };
  const request = (): GatewayRequest => ({ id: 'r', method: 'GET', url: '/', headers: {} });

  beforeEach(() => {
    store = new FakeRateLimitStore();
    plans = new Plans();
    clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    sut = new RateLimiter(config, store, new TenantPlans(plans, clock, config), clock, new ServiceMetrics('gateway'));
    headers = {};
  });

  it("lets a key through while its buckets hold tokens, then refuses with 429 rate-limited and marks the request", async () => {
    const tenantKey = { keyId: 'k', tenantId: 't' };
    await sut.admit(tenantKey, request(), reply);
    await sut.admit(tenantKey, request(), reply);
    expect(headers['RateLimit']).toBe('"key";r=0;t=2, "tenant";r=0;t=2');
    const refused = request();
    const error = await sut.admit(tenantKey, refused, reply).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemException);
    expect((error as ProblemException).getStatus()).toBe(429);
    expect(headers['Retry-After']).toBe('1');
    expect(refused.gateway?.rateLimited).toBe(true);
  });

  it("takes the limit from the tenant's plan, read once per cache period", async () => {
    plans.plans.set('t', 'growth');
    for (let i = 0; i < 5; i++) await sut.admit({ keyId: 'k', tenantId: 't' }, request(), reply);
    expect(headers['RateLimit-Policy']).toBe('"key";q=5;w=5, "tenant";q=5;w=5');
    expect(plans.reads).toBe(1);
    clock.advance(config.RATE_LIMIT_PLAN_CACHE_MS + 1);
    await expect(sut.admit({ keyId: 'k', tenantId: 't' }, request(), reply)).rejects.toThrow(ProblemException);
    expect(plans.reads).toBe(2);
  });

  it('refuses a caller refused moments ago in memory, without asking the store, until a token can be back', async () => {
    const tenantKey = { keyId: 'k', tenantId: 't' };
    await sut.admit(tenantKey, request(), reply, 'key:h');
    await sut.admit(tenantKey, request(), reply, 'key:h');
    await expect(sut.admit(tenantKey, request(), reply, 'key:h')).rejects.toThrow(ProblemException);
    const asked = store.calls;
    headers = {};
    const again = request();
    expect(() => sut.refuseRecent('key:h', again, reply)).toThrow(ProblemException);
    expect(store.calls).toBe(asked);
    expect(again.gateway?.rateLimited).toBe(true);
    expect(headers).toMatchObject({ 'Retry-After': '1', RateLimit: '"key";r=0;t=2, "tenant";r=0;t=2' });
    expect(() => sut.refuseRecent('key:other', request(), reply)).not.toThrow();
    clock.advance(1_000);
    expect(() => sut.refuseRecent('key:h', request(), reply)).not.toThrow();
  });

  it('limits calls without a key by address', async () => {
    await sut.admit({ address: '10.0.0.1' }, request(), reply);
    await expect(sut.admit({ address: '10.0.0.1' }, request(), reply)).rejects.toThrow(ProblemException);
    await sut.admit({ address: '10.0.0.2' }, request(), reply);
  });

  it('lets calls through without headers when the store does not answer (fail open)', async () => {
    store.down = true;
    for (let i = 0; i < 5; i++) await sut.admit({ keyId: 'k', tenantId: 't' }, request(), reply);
    expect(headers).toEqual({});
  });

  it('checks nothing when disabled', async () => {
    const off = new RateLimiter(Object.assign(new GatewayConfig(), { RATE_LIMIT_ENABLED: false }), store, new TenantPlans(plans, clock, config), clock, new ServiceMetrics('gateway'));
    for (let i = 0; i < 5; i++) await off.admit({ address: 'a' }, request(), reply);
    expect(store.calls).toBe(0);
  });
});
