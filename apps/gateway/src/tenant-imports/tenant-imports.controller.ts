/**
 * A tenant's data imports (onboarding): the file is the raw request body, streamed on to
 * provisioning, which validates and imports it as an asynchronous job; authorised and audited here.
 */
import { IncomingMessage } from 'node:http';
import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiOkResponse, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemException, UuidParamPipe } from '@tenantry/service';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { IMPORT_MEDIA_HEADER } from '../json-bodies';
import { ApiProblems } from '../openapi';
import { lingerBeforeClose } from '../http/lingering-close';
import { TenantStateGuard } from '../tenant-status';
import { callerOf, ReplyLike, UpstreamProxy, writeReply } from '../upstream';
import { TenantImportDto, TenantImportListDto } from './dto/tenant-import.dto';
import { StartTenantImportCommand } from './usecases/start-tenant-import/start-tenant-import.command';
import { StartTenantImportUseCase } from './usecases/start-tenant-import/start-tenant-import.use-case';

const TENANTS = '/internal/v1/tenants';
/** After an early 413, how long the rest of an upload is read and dropped before the connection closes. */
const LINGER_MS = 5_000;

type UploadRequest = GatewayRequest & { raw: IncomingMessage; headers: Record<string, string | string[] | undefined> };

function header(request: UploadRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

@ApiTags('tenant imports')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 429, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform/tenants/:id/imports')
export class TenantImportsController {
  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly startImport: StartTenantImportUseCase,
  ) {}

  @Post()
  @PlatformOperation(
    'startTenantImport',
    "Import data into a tenant's own database",
    "The request body is the file: `text/csv` (a header line naming `email`, `role`, `name`), `application/x-ndjson` (one object per line) or `application/json` (one array of objects), UTF-8, streamed (never held whole) up to IMPORT_MAX_BYTES (413 `import-too-large` the moment it is exceeded) and IMPORT_MAX_ROWS rows (413 `import-too-many-rows`). Answers 202 with the job and its Location; GET it for progress. Each row: `email` (required, unique in the file and not yet a user), `role` (admin, member, viewer; default member), `name`. `dryRun=true` reports per-row errors and writes nothing. A real run writes every row in one transaction, or none: any invalid row, or going over the hard `users` limit, fails the job with nothing written. Imported users are invited (each gets the invitation mail, TenantUserInvited), and TenantDataImported is published. An `Idempotency-Key` answers the first job (200) instead of starting another.",
  )
  @ApiConsumes('text/csv', 'application/x-ndjson', 'application/json')
  @ApiQuery({ name: 'target', required: false, enum: ['users'], description: 'What the rows become (default users)' })
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'ndjson', 'json'], description: 'Must agree with the Content-Type when given' })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'], description: 'Validate only (default false)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key answers the first job (200) and does not read the file again' })
  @ApiResponse({ status: 202, type: TenantImportDto, description: 'The file is received; the job validates (and imports) asynchronously' })
  @ApiResponse({ status: 200, type: TenantImportDto, description: 'The job started earlier under this Idempotency-Key' })
  @ApiProblems(400, 403, 404, 413, 415)
  async start(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: { target?: string; format?: string; dryRun?: string },
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: UploadRequest,
    @Res() reply: ReplyLike,
  ): Promise<void> {
    const length = Number(header(request, 'content-length'));
    const command = new StartTenantImportCommand(
      callerOf(request),
      id,
      header(request, IMPORT_MEDIA_HEADER),
      { target: query.target, format: query.format, dryRun: query.dryRun },
      idempotencyKey,
      Number.isFinite(length) ? length : undefined,
      request.raw,
    );
    try {
      writeReply(reply, await this.startImport.execute(command), request.url);
    } catch (error) {
      // Answered before the whole body was read (RFC 9112 §9.6): close, so the client does not reuse a connection mid-upload,
      // but linger, reading what the client still sends, so that a reset does not lose the answer before the client reads it.
      if (error instanceof ProblemException && error.getStatus() === 413) {
        reply.header('connection', 'close');
        lingerBeforeClose(request.raw, LINGER_MS);
      }
      throw error;
    }
  }

  @Get()
  @PlatformOperation('listTenantImports', "A tenant's data imports", 'The 50 newest import jobs with status and counts.')
  @ApiOkResponse({ type: TenantImportListDto })
  @ApiProblems(400, 403, 404)
  async list(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'provisioning', method: 'GET', path: `${TENANTS}/${id}/imports` });
  }

  @Get(':importId')
  @PlatformOperation('getTenantImport', 'A data import job', 'Its status (receiving, validating, importing, succeeded, failed, cancelled), progress counts, the first 100 per-row errors and, when it failed as a whole, why.')
  @ApiOkResponse({ type: TenantImportDto })
  @ApiProblems(400, 403, 404)
  async get(@Param('id', UuidParamPipe) id: string, @Param('importId', UuidParamPipe) importId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'provisioning', method: 'GET', path: `${TENANTS}/${id}/imports/${importId}` });
  }

  @Post(':importId/cancel')
  @HttpCode(200)
  @PlatformOperation(
    'cancelTenantImport',
    'Cancel a data import job',
    "A job still receiving, validating or importing ends `cancelled` at once, and its worker stops at the next chunk boundary (a batch of rows). Rows already applied are kept — and since a real run writes all its rows in one transaction, that is none (`rowsImported: 0`), unless the cancel came while they were committing: then all are kept, `rowsImported` says how many, and TenantDataImported is published as for a finished import. Otherwise no event is published (as for a failed job). 409 `import-finished` when the job is already over (its `importStatus` named); 404 `import-not-found` for another tenant's job.",
  )
  @ApiOkResponse({ type: TenantImportDto, description: 'The job, cancelled (GET it later: `rowsImported` is final once its worker stopped)' })
  @ApiProblems(400, 403, 404, 409)
  async cancel(@Param('id', UuidParamPipe) id: string, @Param('importId', UuidParamPipe) importId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'provisioning', method: 'POST', path: `${TENANTS}/${id}/imports/${importId}/cancel` });
  }
}
