import { TENANT_STATUSES, TenantStatus } from '@tenantry/contracts';
import { ProblemException } from '@tenantry/service';
import { assertTransition, assertUpdatable, canTransition, transitionEvent } from './tenant-lifecycle';

const LEGAL: [TenantStatus, TenantStatus][] = [
  ['provisioning', 'trial'],
  ['provisioning', 'active'],
  ['provisioning', 'provisioning_failed'],
  ['provisioning_failed', 'provisioning'],
  ['trial', 'active'],
  ['trial', 'suspended'],
  ['trial', 'inactive'],
  ['active', 'suspended'],
  ['suspended', 'active'],
  ['suspended', 'inactive'],
  ['provisioning_failed', 'offboarding'],
  ['trial', 'offboarding'],
  ['active', 'offboarding'],
  ['suspended', 'offboarding'],
  ['inactive', 'offboarding'],
  ['offboarding', 'deleted'],
];

describe('tenant lifecycle', () => {
  it.each(LEGAL)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it('refuses every other pair with a 409 naming the current status', () => {
    const legal = new Set(LEGAL.map(([from, to]) => `${from}>${to}`));
    let refused = 0;
    for (const from of TENANT_STATUSES) {
      for (const to of TENANT_STATUSES) {
        if (legal.has(`${from}>${to}`)) continue;
        refused += 1;
        expect(canTransition(from, to)).toBe(false);
        const error = (() => {
          try {
            assertTransition(from, to);
          } catch (caught) {
            return caught;
          }
          return undefined;
        })();
        expect(error).toBeInstanceOf(ProblemException);
        const problem = error as ProblemException;
        expect(problem.getStatus()).toBe(409);
        expect(problem.code).toBe('illegal-transition');
        expect(problem.detail).toContain(`is ${from}`);
        expect(problem.extensions).toEqual({ currentStatus: from });
      }
    }
    expect(refused).toBe(TENANT_STATUSES.length ** 2 - LEGAL.length);
  });

  it('names the event of each transition', () => {
    expect(transitionEvent('provisioning', 'trial')).toBe('TenantTrialStarted');
    expect(transitionEvent('provisioning', 'active')).toBe('TenantActivated');
    expect(transitionEvent('trial', 'active')).toBe('TenantActivated');
    expect(transitionEvent('suspended', 'active')).toBe('TenantReactivated');
    expect(transitionEvent('active', 'suspended')).toBe('TenantSuspended');
    expect(transitionEvent('trial', 'inactive')).toBe('TenantDeactivated');
    expect(transitionEvent('active', 'offboarding')).toBe('TenantOffboardingStarted');
    expect(transitionEvent('offboarding', 'deleted')).toBe('TenantDeleted');
    expect(transitionEvent('provisioning_failed', 'provisioning')).toBe('TenantProvisioningRetryRequested');
    expect(transitionEvent('provisioning', 'provisioning_failed')).toBeNull();
  });

  it('refuses descriptive updates once offboarding has started', () => {
    expect(() => assertUpdatable('active')).not.toThrow();
    expect(() => assertUpdatable('offboarding')).toThrow(ProblemException);
    expect(() => assertUpdatable('deleted')).toThrow(expect.objectContaining({ code: 'illegal-transition', detail: 'The tenant is deleted and cannot be updated' }));
  });
});
