import { statusAfter } from './tenant-status';

describe(statusAfter.name, () => {
  it.each([
    ['TenantCreated', 'known'],
    ['TenantActivated', 'active'],
    ['TenantTrialStarted', 'active'],
    ['TenantReactivated', 'active'],
    ['TenantSuspended', 'suspended'],
    ['TenantDeactivated', 'inactive'],
    ['TenantOffboardingStarted', 'deleted'],
    ['TenantDeleted', 'deleted'],
  ] as const)('%s → %s', (event, status) => {
    expect(statusAfter(event)).toBe(status);
  });
});
