/** Every error of the tenants feature besides the chassis' shared ones (validation-failed, tenant-not-found). */
import { COMMON_PROBLEMS, defineProblems, ProblemException } from '@tenantry/service';
import { TenantStatus } from '@tenantry/contracts';

export const TENANT_PROBLEMS = defineProblems({
  'illegal-transition': { status: 409, title: 'The tenant cannot make this transition' },
  'domain-taken': { status: 409, title: 'The domain is already taken' },
  'slug-taken': { status: 409, title: 'The slug is already taken' },
  'reserved-name': { status: 400, title: 'The name is reserved' },
  'unknown-plan': { status: 422, title: 'Unknown plan' },
  'precondition-failed': { status: 412, title: 'The tenant has changed since you read it' },
  'configuration-changed': { status: 412, title: 'The configuration has changed since you read it' },
});

export function tenantNotFound(tenantId: string): ProblemException {
  return COMMON_PROBLEMS['tenant-not-found'](`No tenant has the id ${tenantId}`);
}

export function illegalTransition(current: TenantStatus, to: TenantStatus | 'updated'): ProblemException {
  const action = to === 'updated' ? 'be updated' : `move to ${to}`;
  return TENANT_PROBLEMS['illegal-transition'](`The tenant is ${current} and cannot ${action}`, { currentStatus: current });
}
