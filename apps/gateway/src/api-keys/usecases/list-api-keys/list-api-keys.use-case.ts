/** Every key, revoked ones included (with their revocation time), never a secret. */
import { Injectable } from '@nestjs/common';
import { ApiKey, ApiKeyRepository } from '../../../auth';

@Injectable()
export class ListApiKeysUseCase {
  constructor(private readonly keys: ApiKeyRepository) {}

  execute(): Promise<ApiKey[]> {
    return this.keys.list();
  }
}
