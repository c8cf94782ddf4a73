import { ManualClock } from '@tenantry/service/testing';
import { apiCallLimitOf, blockFor, compareDecimals, liftsBlock, nextMonthStart, retryAfterSeconds } from './api-call-quota-policy';

const TENANT = '6b0f7d1e-1111-4111-8111-111111111111';
const MARCH = new Date('2026-03-01T00:00:00.000Z');
const alert = { tenantId: TENANT, metric: 'api_calls', mode: 'hard' as const, limit: '1000', periodStart: MARCH };

describe(blockFor.name, () => {
  const clock = new ManualClock(new Date('2026-03-20T12:00:00.000Z'));
  const sut = blockFor;

  it('blocks a hard api_calls limit until the start of the next UTC month', () => {
    expect(sut(alert, null, clock.now())).toEqual({ tenantId: TENANT, limit: '1000', periodStart: MARCH, resetAt: new Date('2026-04-01T00:00:00.000Z') });
  });

  it('ignores soft limits, other metrics and periods already over', () => {
    expect(sut({ ...alert, mode: 'soft' }, null, clock.now())).toBeNull();
    expect(sut({ ...alert, metric: 'storage_bytes' }, null, clock.now())).toBeNull();
    const april = new ManualClock(new Date('2026-04-01T00:00:00.000Z'));
    expect(sut(alert, null, april.now())).toBeNull();
  });

  it('ignores an alert the known limits have made stale, but not one for the current or a lower limit', () => {
    const known = (limit: string | null, mode: 'soft' | 'hard' | null) => ({ tenantId: TENANT, version: 3, limit, mode });
    expect(sut(alert, known('2000', 'hard'), clock.now())).toBeNull();
    expect(sut(alert, known('1000', 'soft'), clock.now())).toBeNull();
    expect(sut(alert, known(null, null), clock.now())).toBeNull();
    expect(sut(alert, known('1000', 'hard'), clock.now())).not.toBeNull();
    expect(sut(alert, known('500', 'hard'), clock.now())).not.toBeNull();
  });
});

describe(liftsBlock.name, () => {
  const block = { tenantId: TENANT, limit: '1000', periodStart: MARCH, resetAt: new Date('2026-04-01T00:00:00.000Z') };

  it('lifts when the limit is removed, made soft or raised, and not when kept or lowered', () => {
    expect(liftsBlock(apiCallLimitOf(TENANT, 2, [{ metric: 'storage_bytes', limit: '1', mode: 'hard' }]), block)).toBe(true);
    expect(liftsBlock(apiCallLimitOf(TENANT, 2, [{ metric: 'api_calls', limit: '1000', mode: 'soft' }]), block)).toBe(true);
    expect(liftsBlock(apiCallLimitOf(TENANT, 2, [{ metric: 'api_calls', limit: '1001', mode: 'hard' }]), block)).toBe(true);
    expect(liftsBlock(apiCallLimitOf(TENANT, 2, [{ metric: 'api_calls', limit: '1000', mode: 'hard' }]), block)).toBe(false);
    expect(liftsBlock(apiCallLimitOf(TENANT, 2, [{ metric: 'api_calls', limit: '999', mode: 'hard' }]), block)).toBe(false);
  });
});

describe(retryAfterSeconds.name, () => {
  it('counts whole seconds to the reset, at least one', () => {
    const block = { tenantId: TENANT, limit: '1', periodStart: MARCH, resetAt: new Date('2026-04-01T00:00:00.000Z') };
    const clock = new ManualClock(new Date('2026-03-31T23:58:59.500Z'));
    expect(retryAfterSeconds(block, clock.now())).toBe(61);
    clock.set(block.resetAt);
    expect(retryAfterSeconds(block, clock.now())).toBe(1);
  });
});

describe(compareDecimals.name, () => {
  it.each([
    ['10', '9', 1],
    ['9', '10', -1],
    ['100000000000000000001', '100000000000000000000', 1],
    ['1.5', '1.50', 0],
    ['1.05', '1.5', -1],
    ['007', '7', 0],
  ])('compares %s with %s', (a, b, expected) => {
    expect(compareDecimals(a, b)).toBe(expected);
  });

  it('rolls December over into January', () => {
    expect(nextMonthStart(new Date('2026-12-31T23:59:59.999Z'))).toEqual(new Date('2027-01-01T00:00:00.000Z'));
  });
});
