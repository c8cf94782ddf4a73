import { decideTenantState } from './tenant-state-policy';

describe(decideTenantState.name, () => {
  const sut = decideTenantState;

  it('lets an unknown tenant through: the registry decides whether it exists', () => {
    expect(sut({ status: undefined, operation: 'updateTenant', kind: 'write', platformRole: false })).toEqual({ allowed: true });
  });

  it('refuses a suspended tenant to its own admin, reads included', () => {
    expect(sut({ status: 'suspended', operation: 'getTenant', kind: 'read', platformRole: false })).toEqual({ allowed: false, refusal: 'tenant-suspended' });
    expect(sut({ status: 'suspended', operation: 'updateTenant', kind: 'write', platformRole: false })).toEqual({ allowed: false, refusal: 'tenant-suspended' });
  });

  it('lets platform roles read, change, reactivate and offboard a suspended tenant', () => {
    expect(sut({ status: 'suspended', operation: 'getTenant', kind: 'read', platformRole: true }).allowed).toBe(true);
    expect(sut({ status: 'suspended', operation: 'reactivateTenant', kind: 'write', platformRole: true }).allowed).toBe(true);
    expect(sut({ status: 'suspended', operation: 'deleteTenant', kind: 'write', platformRole: true }).allowed).toBe(true);
    expect(sut({ status: 'suspended', operation: 'updateTenant', kind: 'write', platformRole: true })).toEqual({ allowed: true });
    expect(sut({ status: 'suspended', operation: 'suspendTenant', kind: 'write', platformRole: true })).toEqual({ allowed: true });
    expect(sut({ status: 'suspended', operation: 'setLimits', kind: 'write', platformRole: true })).toEqual({ allowed: true });
  });

  it('hides a deleted tenant except from platform reads', () => {
    expect(sut({ status: 'deleted', operation: 'getTenant', kind: 'read', platformRole: false })).toEqual({ allowed: false, refusal: 'tenant-not-found' });
    expect(sut({ status: 'deleted', operation: 'updateTenant', kind: 'write', platformRole: true })).toEqual({ allowed: false, refusal: 'tenant-not-found' });
    expect(sut({ status: 'deleted', operation: 'getTenantHistory', kind: 'read', platformRole: true }).allowed).toBe(true);
  });

  it.each(['provisioning', 'provisioning_failed', 'trial', 'active', 'inactive', 'offboarding'] as const)('allows calls on a %s tenant', (status) => {
    expect(sut({ status, operation: 'updateTenant', kind: 'write', platformRole: false }).allowed).toBe(true);
  });
});
