import { Bucket, bucketsFor, Caller, parsePlanLimits, rateLimitHeaders, RateLimits, retryAfterSeconds } from './rate-limit-policy';

function twoBuckets(limits: RateLimits, caller: Caller): [Bucket, Bucket] {
  const [first, second] = bucketsFor(limits, caller);
  if (!first || !second) throw new Error('expected two buckets');
  return [first, second];
}

describe('rate-limit policy', () => {
  const limits: RateLimits = {
    plans: parsePlanLimits('free=10:20,enterprise=100:200'),
    defaultPlan: 'free',
    operator: { rate: 200, burst: 400 },
    anonymous: { rate: 5, burst: 20 },
    prefix: 'p:',
  };

  it("charges a tenant's key to its own bucket and its tenant's, at the plan's limit", () => {
    expect(bucketsFor(limits, { kind: 'tenant-key', keyId: 'k1', tenantId: 't1', plan: 'enterprise' })).toEqual([
      { policy: 'key', key: 'p:{t:t1}:key:k1', rate: 100, burst: 200 },
      { policy: 'tenant', key: 'p:{t:t1}:tenant', rate: 100, burst: 200 },
    ]);
  });

  it('uses the default plan for an unknown or unconfigured plan', () => {
    for (const plan of [undefined, 'custom-plan']) {
      expect(bucketsFor(limits, { kind: 'tenant-key', keyId: 'k1', tenantId: 't1', plan }).map((b) => b.rate)).toEqual([10, 10]);
    }
  });

  it('falls back to the smallest plan when the default plan is not configured either', () => {
    expect(bucketsFor({ ...limits, defaultPlan: 'typo' }, { kind: 'tenant-key', keyId: 'k', tenantId: 't', plan: undefined })[0]?.rate).toBe(10);
  });

  it('gives a platform key one operator bucket and an anonymous call its address bucket', () => {
    expect(bucketsFor(limits, { kind: 'platform-key', keyId: 'k2' })).toEqual([{ policy: 'key', key: 'p:{k:k2}:key', rate: 200, burst: 400 }]);
    expect(bucketsFor(limits, { kind: 'anonymous', address: '10.0.0.1' })).toEqual([{ policy: 'address', key: 'p:{a:10.0.0.1}:address', rate: 5, burst: 20 }]);
  });

  it('writes RateLimit-Policy and RateLimit as structured-field lists, one item per bucket', () => {
    const [key, tenant] = twoBuckets(limits, { kind: 'tenant-key', keyId: 'k', tenantId: 't', plan: 'free' });
    const headers = rateLimitHeaders({ allowed: true, states: [{ bucket: key, tokens: 14.6 }, { bucket: tenant, tokens: 3.2 }] });
    expect(headers).toEqual({ 'RateLimit-Policy': '"key";q=20;w=2, "tenant";q=20;w=2', RateLimit: '"key";r=14;t=1, "tenant";r=3;t=2' });
  });

  it('adds Retry-After when refused: the wait for a token in every empty bucket, at least 1 s', () => {
    const [key, tenant] = twoBuckets({ ...limits, plans: parsePlanLimits('free=0.5:2') }, { kind: 'tenant-key', keyId: 'k', tenantId: 't', plan: 'free' });
    const outcome = { allowed: false, states: [{ bucket: key, tokens: 1.5 }, { bucket: tenant, tokens: 0.2 }] };
    expect(retryAfterSeconds(outcome)).toBe(2);
    expect(rateLimitHeaders(outcome)).toMatchObject({ RateLimit: '"key";r=1;t=1, "tenant";r=0;t=4', 'Retry-After': '2' });
    expect(retryAfterSeconds({ allowed: false, states: [{ bucket: key, tokens: 0.99 }] })).toBe(1);
  });
});
