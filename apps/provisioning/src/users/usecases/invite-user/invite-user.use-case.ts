/**
 * Invites a user into the tenant's own database, then publishes TenantUserInvited through the outbox.
 * The two databases cannot share a transaction: the user row commits first, then the event (the
 * reverse order could mail a link to a user who does not exist). A crash in between leaves an invited
 * user without a mail and the caller without an answer; the caller's retry repairs it, since inviting
 * a user whose invitation is still pending renews it (new token and expiry) and publishes it again.
 * Like the first admin's, the token is derived from INVITATION_KEY and only its SHA-256 is stored.
 */
import { Injectable } from '@nestjs/common';
import { deriveInvitationToken } from '@tenantry/internal-auth';
import { OutboxWriter } from '@tenantry/messaging';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { sha256Hex } from '../../../infrastructure/token-generator';
import { ProvisioningConfig } from '../../../provisioning.config';
import { PROVISIONING_PROBLEMS } from '../../../provisioning.problems';
import { TenantCredentialRepository } from '../../../provisioning/tenant-credential.repository';
import { tenantIdentityOrNotFound } from '../../tenant-identity';
import { StoredInvitation } from '../../tenant-user';
import { TenantUsersStore } from '../../tenant-users.store';
import { InviteUserCommand } from './invite-user.command';

const HOUR_MS = 3_600_000;

@Injectable()
export class InviteUserUseCase {
  constructor(
    private readonly credentials: TenantCredentialRepository,
    private readonly users: TenantUsersStore,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly config: ProvisioningConfig,
  ) {}

  async execute(command: InviteUserCommand): Promise<StoredInvitation> {
    const identity = await tenantIdentityOrNotFound(this.credentials, command.tenantId);
    const email = command.email.toLowerCase();
    const expiresAt = new Date(this.clock.now().getTime() + this.config.INVITATION_TTL_HOURS * HOUR_MS);
    const token = deriveInvitationToken(this.config.INVITATION_KEY, { tenantId: command.tenantId, email, expiresAt: expiresAt.toISOString() });
    const result = await this.users.invite(identity, {
      email,
      role: command.role,
      invitationTokenSha256: sha256Hex(token),
      invitationExpiresAt: expiresAt,
      usersLimit: command.usersLimit,
      actor: command.actor,
    });
    if ('refused' in result) {
      switch (result.refused) {
        case 'user-exists':
          throw PROVISIONING_PROBLEMS['user-exists'](`${email} is already a user of this tenant (${result.user.status}).`, { field: 'email', userId: result.user.id });
        case 'users-limit-reached':
          throw PROVISIONING_PROBLEMS['users-limit-reached'](`The tenant has ${result.current} invited or active users and a hard users limit of ${result.limit}.`, {
            limit: 'users',
            max: result.limit,
            current: result.current,
          });
      }
    }
    await this.transactions.run((tx) =>
      this.outbox.publish(tx, 'TenantUserInvited', {
        tenantId: command.tenantId,
        userId: result.id,
        email,
        role: result.role,
        invitationExpiresAt: expiresAt.toISOString(),
        invitedBy: command.actor,
      }),
    );
    return result;
  }
}
