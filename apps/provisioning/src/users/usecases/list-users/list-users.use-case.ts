/** The tenant's users, or one of them, read from its own database. */
import { Injectable } from '@nestjs/common';
import { PROVISIONING_PROBLEMS } from '../../../provisioning.problems';
import { TenantCredentialRepository } from '../../../provisioning/tenant-credential.repository';
import { tenantIdentityOrNotFound } from '../../tenant-identity';
import { TenantUser } from '../../tenant-user';
import { TenantUsersStore } from '../../tenant-users.store';

@Injectable()
export class ListUsersUseCase {
  constructor(
    private readonly credentials: TenantCredentialRepository,
    private readonly users: TenantUsersStore,
  ) {}

  async execute(tenantId: string): Promise<TenantUser[]> {
    return this.users.list(await tenantIdentityOrNotFound(this.credentials, tenantId));
  }

  async one(tenantId: string, userId: string): Promise<TenantUser> {
    const user = await this.users.get(await tenantIdentityOrNotFound(this.credentials, tenantId), userId);
    if (!user) throw PROVISIONING_PROBLEMS['user-not-found'](`No user ${userId} in this tenant.`);
    return user;
  }
}
