/** Platform admins read the audit log. */
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticationGuard, AuthorizationGuard, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { toAuditEntryDto } from './audit-entry.mapper';
import { AuditPageDto, AuditQueryDto } from './dto/audit.dto';
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
