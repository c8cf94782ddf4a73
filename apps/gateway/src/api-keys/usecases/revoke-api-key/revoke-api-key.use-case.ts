/** Revokes a key: from the next request on it authenticates nobody. */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { ApiKeyRepository } from '../../../auth';
import { GATEWAY_PROBLEMS } from '../../../problems';

@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
  ) {}

  async execute(id: string): Promise<void> {
    if (!(await this.keys.revoke(id, this.clock.now(), 'revoked'))) throw GATEWAY_PROBLEMS['api-key-not-found'](`No API key ${id}.`);
  }
}
