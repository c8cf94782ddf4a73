/**
 * Records a sign-in: `last_login_at` is what metering's active_users collector counts, and an invited
 * user who signs in is active. For the tenant's application (through the gateway) when it has no
 * direct access to its database.
 */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { PROVISIONING_PROBLEMS } from '../../../provisioning.problems';
import { TenantCredentialRepository } from '../../../provisioning/tenant-credential.repository';
import { tenantIdentityOrNotFound } from '../../tenant-identity';
import { TenantUser } from '../../tenant-user';
import { TenantUsersStore } from '../../tenant-users.store';

@Injectable()
export class RecordLoginUseCase {
  constructor(
    private readonly credentials: TenantCredentialRepository,
    private readonly users: TenantUsersStore,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: string, userId: string, actor: string): Promise<TenantUser> {
    const result = await this.users.recordLogin(await tenantIdentityOrNotFound(this.credentials, tenantId), userId, this.clock.now(), actor);
    if (result === undefined) throw PROVISIONING_PROBLEMS['user-not-found'](`No user ${userId} in this tenant.`);
    if (result === 'disabled') throw PROVISIONING_PROBLEMS['user-disabled'](`User ${userId} is disabled: no sign-in is recorded.`);
    return result;
  }
}
