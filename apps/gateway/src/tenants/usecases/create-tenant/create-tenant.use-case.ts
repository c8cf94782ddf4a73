/** POST /tenants: forwards to the registry; with an Idempotency-Key, at most once per key and body. */
import { Injectable } from '@nestjs/common';
import { IdempotencyService, requestFingerprint, StoredResponse } from '../../../idempotency';
import { BufferedResponse, ProxyReply } from '../../upstream/proxy-reply';
import { ForwardRequestCommand } from '../forward-request/forward-request.command';
import { ForwardRequestUseCase } from '../forward-request/forward-request.use-case';
import { CreateTenantCommand } from './create-tenant.command';

export interface CreateTenantResult {
  response: BufferedResponse;
  replayed: boolean;
  /** The created tenant's id, when the registry created one. */
  tenantId?: string;
}

@Injectable()
export class CreateTenantUseCase {
  constructor(
    private readonly forward: ForwardRequestUseCase,
    private readonly proxy: ProxyReply,
    private readonly idempotency: IdempotencyService,
  ) {}

  async execute(command: CreateTenantCommand): Promise<CreateTenantResult> {
    const work = async (): Promise<StoredResponse> => {
      const upstream = await this.forward.execute(new ForwardRequestCommand('tenant-registry', 'POST', '/internal/v1/tenants', command.principal, command.requestId, command.body));
      return this.proxy.buffer('tenant-registry', upstream, command.path);
    };
    const outcome = command.idempotencyKey
      ? await this.idempotency.run({ apiKeyId: command.principal.keyId, key: command.idempotencyKey }, requestFingerprint('POST', command.path, command.body), work)
      : { response: await work(), replayed: false };
    return { ...outcome, tenantId: createdId(outcome.response) };
  }
}

function createdId(response: BufferedResponse): string | undefined {
  if (response.status !== 201) return undefined;
  try {
    const id = (JSON.parse(response.body) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
