import { winBackExclusion } from './run-journeys.use-case';

describe('win-back exclusions', () => {
  const candidate = { tenantId: '00000000-0000-4000-8000-000000000001', removedAt: new Date(0), suspendedReason: null, removalReason: null, writtenOff: false };

  it('sends a win-back to a tenant that left for an ordinary reason or none', () => {
    expect(winBackExclusion(candidate)).toBeNull();
    expect(winBackExclusion({ ...candidate, removalReason: 'customer request', suspendedReason: 'unpaid invoices' })).toBeNull();
  });

  it('sends none after a write-off, an abuse removal or a suspension for abuse still in force', () => {
    expect(winBackExclusion({ ...candidate, writtenOff: true })).toBe('non-payment write-off (dunning reached written_off)');
    expect(winBackExclusion({ ...candidate, removalReason: 'abuse' })).toBe('removed: abuse');
    expect(winBackExclusion({ ...candidate, suspendedReason: 'ToS violation: spam' })).toBe('suspended: ToS violation: spam');
  });
});
