/** The tenant a configuration call is about: 404 for an unknown or deleted one (as every tenant read answers). */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { Tenant } from '../tenant.row';
import { tenantNotFound } from '../tenant.problems';
import { TenantRepository } from '../tenant.repository';

export async function findLiveTenant(repository: TenantRepository, scope: TenantScope): Promise<Tenant> {
  const tenant = await repository.findTenant(scope);
  if (!tenant || tenant.status === 'deleted') throw tenantNotFound(scope.tenantId);
  return tenant;
}

export async function lockLiveTenant(repository: TenantRepository, tx: Transaction, scope: TenantScope): Promise<Tenant> {
  const tenant = await repository.lockTenant(tx, scope);
  if (!tenant || tenant.status === 'deleted') throw tenantNotFound(scope.tenantId);
  return tenant;
}
