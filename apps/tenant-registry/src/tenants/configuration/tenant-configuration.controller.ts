/** The configuration routes of the internal API: read, change (merge patch or whole), versions, diff, rollback, and the schema. */
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { invalidField, UuidParamPipe } from '@tenantry/service';
import {
  CONFIGURATION_SCHEMA,
  ConfigurationDiffDto,
  ConfigurationPreviewDto,
  ConfigurationVersionDto,
  ConfigurationVersionPageDto,
  ConfigurationViewDto,
} from '@tenantry/tenant-api';
import { RequestActor } from '../request-actor';
import { ActorContext } from '../tenant-status-change';
import { TENANTS_PATH } from '../tenants.controller';
import { ChangeTenantConfigurationCommand } from '../usecases/change-tenant-configuration/change-tenant-configuration.command';
import { ChangeTenantConfigurationUseCase } from '../usecases/change-tenant-configuration/change-tenant-configuration.use-case';
import { DiffConfigurationVersionsCommand } from '../usecases/diff-configuration-versions/diff-configuration-versions.command';
import { DiffConfigurationVersionsUseCase } from '../usecases/diff-configuration-versions/diff-configuration-versions.use-case';
import { GetTenantConfigurationCommand } from '../usecases/get-tenant-configuration/get-tenant-configuration.command';
import { GetTenantConfigurationUseCase } from '../usecases/get-tenant-configuration/get-tenant-configuration.use-case';
import { ListConfigurationVersionsCommand } from '../usecases/list-configuration-versions/list-configuration-versions.command';
import { configurationVersionNotFound, ListConfigurationVersionsUseCase } from '../usecases/list-configuration-versions/list-configuration-versions.use-case';
import { RollbackTenantConfigurationCommand } from '../usecases/rollback-tenant-configuration/rollback-tenant-configuration.command';
import { RollbackTenantConfigurationUseCase } from '../usecases/rollback-tenant-configuration/rollback-tenant-configuration.use-case';
import { ConfigurationChangeResult } from './tenant-configurations';
import { configurationEtag, toConfigurationVersionView } from './tenant-configuration.mapper';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

function versionNumber(value: unknown, field: string): number {
  const text = typeof value === 'string' ? value : '';
  if (!/^[1-9]\d{0,8}$/.test(text)) throw invalidField(field, `${field} must be a version number (a positive integer)`);
  return Number(text);
}

function flag(value: unknown, field: string): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw invalidField(field, `${field} must be true or false`);
}

@Controller('internal/v1/configuration')
export class ConfigurationSchemaController {
  @Get('schema')
  schema(): typeof CONFIGURATION_SCHEMA {
    return CONFIGURATION_SCHEMA;
  }
}

@Controller(TENANTS_PATH)
export class TenantConfigurationController {
  constructor(
    private readonly getConfiguration: GetTenantConfigurationUseCase,
    private readonly changeConfiguration: ChangeTenantConfigurationUseCase,
    private readonly rollbackConfiguration: RollbackTenantConfigurationUseCase,
    private readonly listVersions: ListConfigurationVersionsUseCase,
    private readonly diffVersions: DiffConfigurationVersionsUseCase,
  ) {}

  @Get(':id/configuration')
  async get(@Param('id', UuidParamPipe) id: string, @Res({ passthrough: true }) reply: HeaderReply): Promise<ConfigurationViewDto> {
    return this.view(id, reply);
  }

  @Patch(':id/configuration')
  async patch(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: unknown,
    @Query('reason') reason: unknown,
    @Query('dryRun') dryRun: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @RequestActor() by: ActorContext,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ConfigurationViewDto | ConfigurationPreviewDto> {
    const result = await this.changeConfiguration.execute(new ChangeTenantConfigurationCommand(id, 'merge-patch', body, by, reason, ifMatch, flag(dryRun, 'dryRun')));
    return this.answer(id, result, flag(dryRun, 'dryRun'), reply);
  }

  @Put(':id/configuration')
  async put(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: unknown,
    @Query('reason') reason: unknown,
    @Query('dryRun') dryRun: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @RequestActor() by: ActorContext,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ConfigurationViewDto | ConfigurationPreviewDto> {
    const result = await this.changeConfiguration.execute(new ChangeTenantConfigurationCommand(id, 'replace', body, by, reason, ifMatch, flag(dryRun, 'dryRun')));
    return this.answer(id, result, flag(dryRun, 'dryRun'), reply);
  }

  @Get(':id/configuration/versions')
  async versions(@Param('id', UuidParamPipe) id: string): Promise<ConfigurationVersionPageDto> {
    return { items: (await this.listVersions.execute(new ListConfigurationVersionsCommand(id))).map(toConfigurationVersionView) };
  }

  @Get(':id/configuration/versions/:version')
  async version(@Param('id', UuidParamPipe) id: string, @Param('version') version: string): Promise<ConfigurationVersionDto> {
    const wanted = versionNumber(version, 'version');
    const [found] = await this.listVersions.execute(new ListConfigurationVersionsCommand(id, wanted));
    if (!found) throw configurationVersionNotFound(id, wanted);
    return toConfigurationVersionView(found);
  }

  @Get(':id/configuration/diff')
  async diff(@Param('id', UuidParamPipe) id: string, @Query('from') from: unknown, @Query('to') to: unknown): Promise<ConfigurationDiffDto> {
    return this.diffVersions.execute(new DiffConfigurationVersionsCommand(id, versionNumber(from, 'from'), versionNumber(to, 'to')));
  }

  @Post(':id/configuration/versions/:version/rollback')
  @HttpCode(200)
  async rollback(
    @Param('id', UuidParamPipe) id: string,
    @Param('version') version: string,
    @Body() body: { reason?: unknown } | undefined,
    @Query('reason') reason: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @RequestActor() by: ActorContext,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ConfigurationViewDto> {
    const why = reason ?? (body && typeof body === 'object' ? body.reason : undefined);
    await this.rollbackConfiguration.execute(new RollbackTenantConfigurationCommand(id, versionNumber(version, 'version'), by, why, ifMatch));
    return this.view(id, reply);
  }

  private async answer(id: string, result: ConfigurationChangeResult, dryRun: boolean, reply: HeaderReply): Promise<ConfigurationViewDto | ConfigurationPreviewDto> {
    if (dryRun) return { dryRun: true, version: result.version.version, changes: result.changes };
    return this.view(id, reply);
  }

  private async view(id: string, reply: HeaderReply): Promise<ConfigurationViewDto> {
    const view = await this.getConfiguration.execute(new GetTenantConfigurationCommand(id));
    reply.header('ETag', configurationEtag(view));
    return view;
  }
}
