/**
 * Starts an impersonation: checks who asks (write only for platform admins; a credential that is
 * itself an impersonation never gets here, the authorization guard refuses it), asks the registry
 * for the tenant's current state (suspended, offboarding or deleted: 409 naming it), then stores the
 * credential's hash and ImpersonationStarted in one transaction. The token is returned once.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { ApiKeySecrets, generateImpersonationToken, Impersonation, ImpersonationRepository } from '../../../auth';
import { GATEWAY_PROBLEMS } from '../../../problems';
import { parseDocument, UpstreamProxy, UpstreamReply } from '../../../upstream';
import { IMPERSONATION_PROBLEMS } from '../../impersonation.problems';
import { CreateImpersonationCommand } from './create-impersonation.command';

const REFUSED_STATES = new Set(['suspended', 'offboarding', 'deleted']);

export type CreateImpersonationResult = { created: Impersonation; token: string } | { upstream: UpstreamReply };

@Injectable()
export class CreateImpersonationUseCase {
  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly impersonations: ImpersonationRepository,
    private readonly secrets: ApiKeySecrets,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateImpersonationCommand): Promise<CreateImpersonationResult> {
    const { principal } = command.caller;
    if (command.write && principal.role !== 'platform-admin') {
      throw GATEWAY_PROBLEMS.forbidden('Only a platform-admin may ask for write access when impersonating.', { field: 'write' });
    }
    const tenant = await this.upstream.read(command.caller, { upstream: 'tenant-registry', method: 'GET', path: `/internal/v1/tenants/${command.tenantId}` });
    if (tenant.status !== 200) return { upstream: tenant };
    const status = parseDocument(tenant.body)?.['status'];
    if (typeof status === 'string' && REFUSED_STATES.has(status)) {
      throw IMPERSONATION_PROBLEMS['tenant-not-impersonable'](`Tenant ${command.tenantId} is ${status}: it cannot be impersonated.`, { state: status });
    }
    const token = generateImpersonationToken();
    const now = this.clock.now();
    const created: Impersonation = {
      id: randomUUID(),
      tenantId: command.tenantId.toLowerCase(),
      actorKeyId: principal.keyId,
      actorRole: principal.role,
      reason: command.reason,
      write: command.write,
      tokenHash: this.secrets.hash(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + command.ttlMinutes * 60_000),
      revokedAt: null,
      revokedBy: null,
    };
    await this.transactions.run(async (tx) => {
      await this.impersonations.insert(tx, created);
      await this.outbox.publish(tx, 'ImpersonationStarted', {
        impersonationId: created.id,
        tenantId: created.tenantId,
        actorKeyId: created.actorKeyId,
        actorRole: created.actorRole,
        reason: created.reason,
        write: created.write,
        startedAt: created.createdAt.toISOString(),
        expiresAt: created.expiresAt.toISOString(),
      });
    });
    return { created, token };
  }
}
