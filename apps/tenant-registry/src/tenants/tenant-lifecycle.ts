/** The tenant lifecycle state machine: which status may follow which, and the event each transition announces. */
import { TenantStatus } from '@tenantry/contracts';
import { illegalTransition } from './tenant.problems';

export type TransitionEventName =
  | 'TenantActivated'
  | 'TenantTrialStarted'
  | 'TenantSuspended'
  | 'TenantReactivated'
  | 'TenantDeactivated'
  | 'TenantOffboardingStarted'
  | 'TenantDeleted'
  | 'TenantProvisioningRetryRequested';

function nextStatuses(from: TenantStatus): readonly TenantStatus[] {
  switch (from) {
    case 'provisioning':
      return ['trial', 'active', 'provisioning_failed'];
    case 'provisioning_failed':
      return ['provisioning', 'offboarding'];
    case 'trial':
      return ['active', 'suspended', 'inactive', 'offboarding'];
    case 'active':
      return ['suspended', 'offboarding'];
    case 'suspended':
      return ['active', 'inactive', 'offboarding'];
    case 'inactive':
      return ['offboarding'];
    case 'offboarding':
      return ['deleted'];
    case 'deleted':
      return [];
  }
}

export function canTransition(from: TenantStatus, to: TenantStatus): boolean {
  return nextStatuses(from).includes(to);
}

/** Throws the 409 `illegal-transition` problem, naming the current status, when `to` may not follow `from`. */
export function assertTransition(from: TenantStatus, to: TenantStatus): void {
  if (!canTransition(from, to)) throw illegalTransition(from, to);
}

/** Descriptive changes (PUT) are refused once the tenant is on its way out. */
export function assertUpdatable(status: TenantStatus): void {
  if (status === 'offboarding' || status === 'deleted') throw illegalTransition(status, 'updated');
}

/**
 * The lifecycle event of a legal transition. `provisioning_failed` has none of its own: the
 * provisioning service's TenantProvisioningFailed already announced it.
 */
export function transitionEvent(from: TenantStatus, to: TenantStatus): TransitionEventName | null {
  switch (to) {
    case 'trial':
      return 'TenantTrialStarted';
    case 'active':
      return from === 'suspended' ? 'TenantReactivated' : 'TenantActivated';
    case 'suspended':
      return 'TenantSuspended';
    case 'inactive':
      return 'TenantDeactivated';
    case 'offboarding':
      return 'TenantOffboardingStarted';
    case 'deleted':
      return 'TenantDeleted';
    case 'provisioning':
      return 'TenantProvisioningRetryRequested';
    case 'provisioning_failed':
      return null;
  }
}
