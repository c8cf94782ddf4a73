/** The public bulk-job routes: authorised and audited here, answered by the tenant registry (which validates, runs and streams). */
import { Body, Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { invalidFields, UuidParamPipe } from '@tenantry/service';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { MeterKeys } from '../limits/meter-keys';
import { callerOf, ReplyLike, UpstreamProxy, writeReply } from '../upstream';
import { BulkDryRunDto, BulkJobViewDto, StartBulkJobDto } from './dto/bulk-job.dto';

const INTERNAL = '/internal/v1/bulk-jobs';

@ApiTags('bulk-jobs')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard)
@Controller('api/v1/platform/bulk-jobs')
export class BulkJobsController {
  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly meters: MeterKeys,
  ) {}

  @Post()
  @PlatformOperation(
    'startBulkJob',
    'Act on many tenants at once',
    'A selection (a filter as on GET /tenants, or an explicit list) and one action: change-plan, set-limits, suspend, reactivate, patch-configuration (JSON merge patch), schedule-maintenance, notify-admins. `dryRun: true` answers per tenant what would change (200) and changes nothing; otherwise 202 and the job runs asynchronously with bounded concurrency, each tenant audited in its own history (actor, correlation id `bulk-job:<id>`).',
  )
  @ApiBody({ type: StartBulkJobDto })
  @ApiOkResponse({ type: BulkDryRunDto, description: 'Dry run: what would change per tenant' })
  @ApiResponse({ status: 202, type: BulkJobViewDto, description: 'The job, started' })
  @ApiProblems(400, 403, 422)
  async start(@Body() body: unknown, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    // A set-limits action's meters must exist, as on PUT …/limits (the registry knows no meters).
    const action = typeof body === 'object' && body !== null ? (body as { action?: { type?: unknown; limits?: unknown } }).action : undefined;
    if (action?.type === 'set-limits') {
      const check = await this.meters.undefinedIn(callerOf(request), action.limits, 'action.limits.');
      if ('reply' in check) return writeReply(reply, check.reply, request.url);
      if (check.problems.length > 0) throw invalidFields(check.problems);
    }
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'POST', path: INTERNAL, body });
  }

  @Get(':jobId')
  @PlatformOperation('getBulkJob', 'A bulk job', 'Its status, progress counts and per-tenant results and errors.')
  @ApiOkResponse({ type: BulkJobViewDto, description: 'The job' })
  @ApiProblems(400, 403, 404)
  async get(@Param('jobId', UuidParamPipe) jobId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'GET', path: `${INTERNAL}/${jobId}` });
  }

  @Get(':jobId/events')
  @PlatformOperation('streamBulkJobEvents', "A bulk job's progress as server-sent events", '`event: progress` with the job and its counts at least every second while it runs, then `event: done` and the stream ends.')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of progress events (data: the job as on GET, without items)' })
  @ApiProblems(400, 403, 404)
  async events(@Param('jobId', UuidParamPipe) jobId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'GET', path: `${INTERNAL}/${jobId}/events` });
  }

  @Post(':jobId/cancel')
  @PlatformOperation('cancelBulkJob', 'Cancel a bulk job', 'Tenants not yet worked on are left alone (their items `cancelled`); those done stay done. 409 when it is already over.')
  @ApiOkResponse({ type: BulkJobViewDto, description: 'The job, cancelled' })
  @ApiProblems(400, 403, 404, 409)
  async cancel(@Param('jobId', UuidParamPipe) jobId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'POST', path: `${INTERNAL}/${jobId}/cancel` });
  }
}
