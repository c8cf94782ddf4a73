/** POST /tenants: forwards to the registry; with an Idempotency-Key, at most once per key and body. */
import { Injectable } from '@nestjs/common';
import { IdempotencyService, requestFingerprint } from '../../../idempotency';
import { BufferedReply, UpstreamProxy } from '../../../upstream';
import { CreateTenantCommand } from './create-tenant.command';

export interface CreateTenantResult {
  reply: BufferedReply;
  replayed: boolean;
}

@Injectable()
export class CreateTenantUseCase {
  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly idempotency: IdempotencyService,
  ) {}

  async execute(command: CreateTenantCommand): Promise<CreateTenantResult> {
    const work = () => this.upstream.read(command.caller, { upstream: 'tenant-registry', method: 'POST', path: '/internal/v1/tenants', body: command.body });
    if (!command.idempotencyKey) return { reply: await work(), replayed: false };
    const outcome = await this.idempotency.run({ apiKeyId: command.caller.principal.keyId, key: command.idempotencyKey }, requestFingerprint('POST', command.path, command.body), work);
    return { reply: outcome.response, replayed: outcome.replayed };
  }
}
