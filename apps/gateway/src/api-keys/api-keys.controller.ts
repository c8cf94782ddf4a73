/** Platform admins issue, list and revoke API keys. */
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { UuidParamPipe } from '@tenantry/service';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { callerOf } from '../upstream';
import { toApiKeyDto, toCreatedApiKeyDto } from './api-key.mapper';
import { ApiKeyListDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { CreateApiKeyCommand } from './usecases/create-api-key/create-api-key.command';
import { CreateApiKeyUseCase } from './usecases/create-api-key/create-api-key.use-case';
import { ListApiKeysUseCase } from './usecases/list-api-keys/list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './usecases/revoke-api-key/revoke-api-key.use-case';

@ApiTags('api-keys')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 403, 429)
@UseGuards(AuthenticationGuard, AuthorizationGuard)
@Controller('api/v1/platform/api-keys')
export class ApiKeysController {
  constructor(
    private readonly createKey: CreateApiKeyUseCase,
    private readonly listKeys: ListApiKeysUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
  ) {}

  @Post()
  @PlatformOperation(
    'createApiKey',
    'Issue an API key',
    'The response holds the key itself; it is shown this once. A tenant-admin key needs a tenant that exists and is not being offboarded or deleted (422 `unknown-tenant` naming `tenantId` otherwise); deleting the tenant later revokes its keys.',
  )
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The new key, with its secret' })
  @ApiProblems(400, 422, 503)
  async create(@Body() body: CreateApiKeyDto, @Req() request: GatewayRequest): Promise<CreatedApiKeyDto> {
    const { key, secret } = await this.createKey.execute(new CreateApiKeyCommand(body.name, body.role, body.tenantId ?? null, callerOf(request)));
    return toCreatedApiKeyDto(key, secret);
  }

  @Get()
  @PlatformOperation('listApiKeys', 'List API keys', 'Every key with its role, state and revocation reason; never a secret, and nothing of a secret a human chose.')
  @ApiOkResponse({ type: ApiKeyListDto, description: 'The keys' })
  async list(): Promise<ApiKeyListDto> {
    return { items: (await this.listKeys.execute()).map(toApiKeyDto) };
  }

  @Delete(':id')
  @HttpCode(204)
  @PlatformOperation('revokeApiKey', 'Revoke an API key', 'From the next request on, the key is refused with 401.')
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(400, 404)
  async revoke(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.revokeKey.execute(id);
  }
}
