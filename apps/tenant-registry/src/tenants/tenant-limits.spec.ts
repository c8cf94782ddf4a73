import { deriveLimits, gigabytesToBytes, shiftDecimal, toTenantLimitsChangedPayload } from './tenant-limits';

describe(gigabytesToBytes.name, () => {
  const sut = gigabytesToBytes;

  it.each([
    [0, '0'],
    [50, '50000000000'],
    [0.5, '500000000'],
    [1.123456789, '1123456789'],
    [1_000_000, '1000000000000000'],
    [1e-9, '1'],
    [2.5e-10, '0.25'],
  ])('turns %p GB into %p bytes exactly', (gigabytes, bytes) => {
    expect(sut(gigabytes)).toBe(bytes);
  });

  it('writes counts without exponents', () => {
    expect(shiftDecimal(1e21, 0)).toBe('1000000000000000000000');
    expect(shiftDecimal(100000, 0)).toBe('100000');
  });
});

describe(toTenantLimitsChangedPayload.name, () => {
  const sut = toTenantLimitsChangedPayload;

  it('announces derived limits in metering units, soft and without an API-call limit', () => {
    const limits = { tenantId: 't', limits: deriveLimits({ storage: 10, bandwidth: 100, users: 25 }), explicit: false, version: 1, updatedAt: new Date('2026-03-01T00:00:00Z') };

    expect(sut(limits)).toEqual({
      tenantId: 't',
      version: 1,
      at: '2026-03-01T00:00:00.000Z',
      limits: [
        { metric: 'storage_bytes', limit: '10000000000', mode: 'soft' },
        { metric: 'bandwidth_bytes', limit: '100000000000', mode: 'soft' },
        { metric: 'active_users', limit: '25', mode: 'soft' },
      ],
    });
  });

  it('adds api_calls with its mode when set', () => {
    const set = { ...deriveLimits({ storage: 1, bandwidth: 1, users: 1 }), apiCalls: { limit: 100000, mode: 'hard' as const } };
    expect(sut({ tenantId: 't', limits: set, explicit: true, version: 4, updatedAt: new Date(0) }).limits).toContainEqual({ metric: 'api_calls', limit: '100000', mode: 'hard' });
  });
});
