/** Disables a user (its invitation stops working, its logins are refused); the row stays for the audit trail. */
import { Injectable } from '@nestjs/common';
import { PROVISIONING_PROBLEMS } from '../../../provisioning.problems';
import { TenantCredentialRepository } from '../../../provisioning/tenant-credential.repository';
import { tenantIdentityOrNotFound } from '../../tenant-identity';
import { TenantUser } from '../../tenant-user';
import { TenantUsersStore } from '../../tenant-users.store';

@Injectable()
export class DisableUserUseCase {
  constructor(
    private readonly credentials: TenantCredentialRepository,
    private readonly users: TenantUsersStore,
  ) {}

  async execute(tenantId: string, userId: string, actor: string): Promise<TenantUser> {
    const user = await this.users.disable(await tenantIdentityOrNotFound(this.credentials, tenantId), userId, actor);
    if (!user) throw PROVISIONING_PROBLEMS['user-not-found'](`No user ${userId} in this tenant.`);
    return user;
  }
}
