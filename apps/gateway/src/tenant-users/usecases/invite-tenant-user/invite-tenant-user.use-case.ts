/**
 * Invites a user: reads the tenant's `users` limit from the registry (the owner of limits), then asks
 * provisioning (the owner of tenant databases) to store the invitation with that limit, which it
 * enforces under a lock in the tenant's own database.
 */
import { Injectable } from '@nestjs/common';
import { parseDocument, UpstreamProxy, UpstreamReply } from '../../../upstream';
import { InviteTenantUserCommand } from './invite-tenant-user.command';

@Injectable()
export class InviteTenantUserUseCase {
  constructor(private readonly upstream: UpstreamProxy) {}

  async execute(command: InviteTenantUserCommand): Promise<UpstreamReply> {
    const limits = await this.upstream.read(command.caller, { upstream: 'tenant-registry', method: 'GET', path: `/internal/v1/tenants/${command.tenantId}/limits` });
    if (limits.status !== 200) return limits;
    const users = parseDocument(limits.body)?.['users'] as { limit?: unknown; mode?: unknown } | undefined;
    const usersLimit = users && typeof users.limit === 'number' ? { limit: users.limit, mode: users.mode === 'hard' ? 'hard' : 'soft' } : null;
    return this.upstream.forward(command.caller, {
      upstream: 'provisioning',
      method: 'POST',
      path: `/internal/v1/tenants/${command.tenantId}/users`,
      body: { email: command.email, role: command.role, usersLimit },
    });
  }
}
