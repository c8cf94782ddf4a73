/**
 * The public configuration routes: the published JSON Schema (served here from @tenantry/tenant-api),
 * and a tenant's versioned configuration, authorised here and answered by tenant-registry, which
 * validates every change against the schema. Writes are audited like every mutating call.
 */
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiHeader, ApiOkResponse, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { UuidParamPipe } from '@tenantry/service';
import {
  CONFIGURATION_SCHEMA,
  ConfigurationDiffDto,
  ConfigurationPreviewDto,
  ConfigurationVersionDto,
  ConfigurationVersionPageDto,
  ConfigurationViewDto,
  RollbackConfigurationDto,
} from '@tenantry/tenant-api';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { TenantStateGuard } from '../tenant-status';
import { queryString, ReplyLike, UpstreamProxy } from '../upstream';

const TENANTS = '/internal/v1/tenants';
const IF_MATCH = { name: 'If-Match', required: false, description: 'W/"<version>" from the ETag; a stale one gives 412 `configuration-changed` and changes nothing. Optional: without it the change applies to the current version.' };
const REASON = { name: 'reason', required: true, type: String, description: 'Why the configuration changes (1–500 characters), kept with the version' };
const DRY_RUN = { name: 'dryRun', required: false, type: Boolean, description: 'true: answer the changes (paths, before/after, secrets masked) without storing anything' };
const DOCUMENT_BODY = { schema: { type: 'object', additionalProperties: true, description: 'A configuration document or merge patch: its JSON Schema is GET /api/v1/platform/configuration/schema' } } as const;

const CHANGE_RESPONSE = {
  description: 'The new effective configuration and its ETag; with dryRun=true the changes it would make, nothing stored',
  schema: { oneOf: [{ $ref: getSchemaPath(ConfigurationViewDto) }, { $ref: getSchemaPath(ConfigurationPreviewDto) }] },
};

function optionalQuery(query: Record<string, unknown>, names: string[]): string {
  return queryString(Object.fromEntries(names.map((name) => [name, typeof query[name] === 'string' ? query[name] : undefined])));
}

@ApiTags('configuration')
@ApiExtraModels(ConfigurationViewDto, ConfigurationPreviewDto)
@ApiBearerAuth('apiKey')
@ApiProblems(401, 429, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform')
export class ConfigurationController {
  constructor(private readonly upstream: UpstreamProxy) {}

  @Get('configuration/schema')
  @PlatformOperation('getConfigurationSchema', 'The JSON Schema of tenant configuration', 'What PATCH and PUT /tenants/{id}/configuration validate against (JSON Schema draft-07). `limits` is read-only; secrets (`integrations.*.secrets.*`, `security.sso.clientSecret`) are write-only.')
  @ApiOkResponse({ description: 'The JSON Schema', schema: { type: 'object' } })
  @ApiProblems(403)
  schema(): typeof CONFIGURATION_SCHEMA {
    return CONFIGURATION_SCHEMA;
  }

  @Get('tenants/:id/configuration')
  @PlatformOperation(
    'getConfiguration',
    "A tenant's effective configuration",
    'Plan defaults under the tenant overrides, with the source of every value (`plan-default`, `tenant`, or `limits` for the read-only limits from GET /tenants/{id}/limits); secrets show as `********`. ETag W/"<version>".',
  )
  @ApiOkResponse({ type: ConfigurationViewDto })
  @ApiProblems(400, 403, 404)
  async get(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'GET', path: `${TENANTS}/${id}/configuration` });
  }

  @Patch('tenants/:id/configuration')
  @PlatformOperation(
    'patchConfiguration',
    "Change a tenant's configuration with a JSON merge patch",
    'RFC 7396 over what the tenant overrides: members merge, `null` removes an override (back to the plan default). The result is validated against the schema (400 `validation-failed` naming each bad path in `errors[].field` and `errors[].pointer`; nothing stored). A change is a new version with who/when/`reason`, and publishes TenantConfigChanged with the changed paths; the same patch again changes nothing. A secret sent as `********` keeps the stored one.',
  )
  @ApiConsumes('application/merge-patch+json', 'application/json')
  @ApiBody(DOCUMENT_BODY)
  @ApiHeader(IF_MATCH)
  @ApiQuery(REASON)
  @ApiQuery(DRY_RUN)
  @ApiOkResponse(CHANGE_RESPONSE)
  @ApiProblems(400, 403, 404, 409, 412)
  async patch(@Param('id', UuidParamPipe) id: string, @Body() body: unknown, @Query() query: Record<string, unknown>, @Headers('if-match') ifMatch: string | undefined, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'PATCH', path: `${TENANTS}/${id}/configuration${optionalQuery(query, ['reason', 'dryRun'])}`, body: body ?? null, ifMatch });
  }

  @Put('tenants/:id/configuration')
  @PlatformOperation(
    'replaceConfiguration',
    "Replace what a tenant overrides in its configuration",
    'The whole override document (anything left out falls back to the plan default); validated, versioned and announced as PATCH is.',
  )
  @ApiBody(DOCUMENT_BODY)
  @ApiHeader(IF_MATCH)
  @ApiQuery(REASON)
  @ApiQuery(DRY_RUN)
  @ApiOkResponse(CHANGE_RESPONSE)
  @ApiProblems(400, 403, 404, 409, 412)
  async put(@Param('id', UuidParamPipe) id: string, @Body() body: unknown, @Query() query: Record<string, unknown>, @Headers('if-match') ifMatch: string | undefined, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'PUT', path: `${TENANTS}/${id}/configuration${optionalQuery(query, ['reason', 'dryRun'])}`, body: body ?? null, ifMatch });
  }

  @Get('tenants/:id/configuration/versions')
  @PlatformOperation('listConfigurationVersions', "A tenant's configuration versions", 'Newest first (at most 200): what the tenant overrode in each, the paths each changed, who, when and why; secrets masked.')
  @ApiOkResponse({ type: ConfigurationVersionPageDto })
  @ApiProblems(400, 403, 404)
  async versions(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'GET', path: `${TENANTS}/${id}/configuration/versions` });
  }

  @Get('tenants/:id/configuration/versions/:version')
  @PlatformOperation('getConfigurationVersion', 'One configuration version')
  @ApiOkResponse({ type: ConfigurationVersionDto })
  @ApiProblems(400, 403, 404)
  async version(@Param('id', UuidParamPipe) id: string, @Param('version') version: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'GET', path: `${TENANTS}/${id}/configuration/versions/${encodeURIComponent(version)}` });
  }

  @Get('tenants/:id/configuration/diff')
  @PlatformOperation('diffConfiguration', 'What changed between two configuration versions', 'Each changed path with its value before and after (null: absent); secrets show as `********`.')
  @ApiQuery({ name: 'from', required: true, type: Number })
  @ApiQuery({ name: 'to', required: true, type: Number })
  @ApiOkResponse({ type: ConfigurationDiffDto })
  @ApiProblems(400, 403, 404)
  async diff(@Param('id', UuidParamPipe) id: string, @Query() query: Record<string, unknown>, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'GET', path: `${TENANTS}/${id}/configuration/diff${optionalQuery(query, ['from', 'to'])}` });
  }

  @Post('tenants/:id/configuration/versions/:version/rollback')
  @HttpCode(200)
  @PlatformOperation('rollbackConfiguration', 'Roll the configuration back to a version', "Restores that version's overrides as a new version (history is kept), with TenantConfigChanged; `reason` in the body or the query.")
  @ApiBody({ type: RollbackConfigurationDto, required: false })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ConfigurationViewDto, description: 'The new effective configuration and its ETag' })
  @ApiProblems(400, 403, 404, 409, 412)
  async rollback(
    @Param('id', UuidParamPipe) id: string,
    @Param('version') version: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: GatewayRequest,
    @Res() reply: ReplyLike,
  ): Promise<void> {
    await this.upstream.relay(request, reply, {
      upstream: 'tenant-registry',
      method: 'POST',
      path: `${TENANTS}/${id}/configuration/versions/${encodeURIComponent(version)}/rollback${optionalQuery(query, ['reason'])}`,
      body: body ?? {},
      ifMatch,
    });
  }
}
