/** Issues a key: a random secret returned once, stored as its SHA-256 with a short display prefix. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { ApiKey, ApiKeyRepository, ApiKeySecrets } from '../../../auth';
import { CreateApiKeyCommand } from './create-api-key.command';

@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly secrets: ApiKeySecrets,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateApiKeyCommand): Promise<{ key: ApiKey; secret: string }> {
    const secret = this.secrets.generate();
    const key = await this.keys.insert({
      id: randomUUID(),
      name: command.name,
      prefix: this.secrets.displayPrefix(secret),
      keyHash: this.secrets.hash(secret),
      role: command.role,
      tenantId: command.role === 'tenant-admin' ? (command.tenantId?.toLowerCase() ?? null) : null,
      bootstrap: false,
      createdAt: this.clock.now(),
    });
    return { key, secret };
  }
}
