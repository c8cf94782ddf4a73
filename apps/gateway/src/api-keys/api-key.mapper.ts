/** Entity → API representation of a key. */
import { ApiKey } from '../auth';
import { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

export function toApiKeyDto(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    role: key.role,
    tenantId: key.tenantId,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    revokedReason: key.revokedReason,
  };
}

export function toCreatedApiKeyDto(key: ApiKey, secret: string): CreatedApiKeyDto {
  return { ...toApiKeyDto(key), key: secret };
}
