/** Platform admins read the audit log. */
import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { UuidParamPipe } from '@tenantry/service';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticationGuard, AuthorizationGuard, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { toAuditEntryDto } from './audit-entry.mapper';
import { AuditPageDto, AuditQueryDto, TenantAuditQueryDto } from './dto/audit.dto';
import { ListAuditEntriesQuery } from './usecases/list-audit-entries/list-audit-entries.query';
import { ListAuditEntriesUseCase } from './usecases/list-audit-entries/list-audit-entries.use-case';

const DEFAULT_LIMIT = 50;

@ApiTags('audit')
@ApiBearerAuth('apiKey')
@UseGuards(AuthenticationGuard, AuthorizationGuard)
@Controller('api/v1/platform/audit')
export class AuditController {
  constructor(private readonly listEntries: ListAuditEntriesUseCase) {}

  @Get()
  @PlatformOperation('listAuditEntries', 'Read the audit log', 'Every mutating call, newest first: who (key and role), what (method, route, status), tenant, request id and time.')
  @ApiOkResponse({ type: AuditPageDto, description: 'A page of entries' })
  @ApiProblems(400, 401, 403, 429)
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const page = await this.listEntries.execute(new ListAuditEntriesQuery(query.limit ?? DEFAULT_LIMIT, query.cursor, query.tenantId));
    return { items: page.items.map(toAuditEntryDto), nextCursor: page.nextCursor };
  }
}

/** A tenant's own audit trail: every audited call on it, calls made by impersonation with both identities. */
@ApiTags('audit')
@ApiBearerAuth('apiKey')
@UseGuards(AuthenticationGuard, AuthorizationGuard)
@Controller('api/v1/platform/tenants/:id/audit')
export class TenantAuditController {
  constructor(private readonly listEntries: ListAuditEntriesUseCase) {}

  @Get()
  @PlatformOperation('listTenantAuditEntries', "A tenant's audit trail", "The tenant's audited calls, newest first; a call made with an impersonation credential carries `act` (who really acted) beside the impersonated tenant-admin role.")
  @ApiOkResponse({ type: AuditPageDto, description: 'A page of entries' })
  @ApiProblems(400, 401, 403, 404, 429)
  async list(@Param('id', UuidParamPipe) id: string, @Query() query: TenantAuditQueryDto): Promise<AuditPageDto> {
    const page = await this.listEntries.execute(new ListAuditEntriesQuery(query.limit ?? DEFAULT_LIMIT, query.cursor, id.toLowerCase()));
    return { items: page.items.map(toAuditEntryDto), nextCursor: page.nextCursor };
  }
}
