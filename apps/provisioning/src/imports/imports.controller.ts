/**
 * A tenant's data imports on the internal API (/internal/v1/tenants/:id/imports), for the gateway
 * only: POST streams the file in (application/octet-stream) and answers 202 with the job; GET shows
 * its progress; POST …/:importId/cancel stops one that is not over. A caller bound to a tenant reaches only its own tenant's jobs.
 */
import { Readable } from 'node:stream';
import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Caller, COMMON_PROBLEMS, FieldProblem, invalidFields, InternalCaller, recordedActor, UuidParamPipe } from '@tenantry/service';
import { UsersLimit } from '../users/tenant-user';
import { IMPORT_FORMATS, ImportFormat } from './import-rows';
import { IMPORT_TARGET_NAMES, ImportTarget } from './tenant-import';
import { TenantImportView, toTenantImportView } from './tenant-import.mapper';
import { CancelImportUseCase } from './usecases/cancel-import/cancel-import.use-case';
import { GetImportUseCase } from './usecases/get-import/get-import.use-case';
import { StartImportCommand } from './usecases/start-import/start-import.command';
import { StartImportUseCase } from './usecases/start-import/start-import.use-case';

interface UploadRequest {
  headers: Record<string, string | string[] | undefined>;
  /** The Node request: the file, unread (import-uploads.ts). */
  raw: Readable;
}

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

export interface ImportQuery {
  target?: string;
  format?: string;
  dryRun?: string;
  usersLimit?: string;
  usersLimitMode?: string;
}

function ownTenant(caller: InternalCaller, tenantId: string): void {
  if (caller.tenantId !== null && caller.tenantId !== tenantId.toLowerCase()) throw COMMON_PROBLEMS['tenant-not-found'](`No tenant ${tenantId}.`);
}

function parseQuery(query: ImportQuery): { target: ImportTarget; format: ImportFormat; dryRun: boolean; usersLimit: UsersLimit | null } {
  const errors: FieldProblem[] = [];
  const target = query.target ?? 'users';
  const format = query.format;
  const dryRun = query.dryRun ?? 'false';
  if (!(IMPORT_TARGET_NAMES as readonly string[]).includes(target)) errors.push({ field: 'target', message: `target must be one of ${IMPORT_TARGET_NAMES.join(', ')}` });
  if (format === undefined || !(IMPORT_FORMATS as readonly string[]).includes(format)) errors.push({ field: 'format', message: `format must be one of ${IMPORT_FORMATS.join(', ')}` });
  if (dryRun !== 'true' && dryRun !== 'false') errors.push({ field: 'dryRun', message: 'dryRun must be true or false' });
  let usersLimit: UsersLimit | null = null;
  if (query.usersLimit !== undefined) {
    const limit = Number(query.usersLimit);
    if (!/^\d{1,9}$/.test(query.usersLimit) || (query.usersLimitMode !== 'hard' && query.usersLimitMode !== 'soft')) {
      errors.push({ field: 'usersLimit', message: 'usersLimit must be an integer ≥ 0 with usersLimitMode hard or soft' });
    } else usersLimit = { limit, mode: query.usersLimitMode };
  }
  if (errors.length > 0) throw invalidFields(errors);
  return { target: target as ImportTarget, format: format as ImportFormat, dryRun: dryRun === 'true', usersLimit };
}

@Controller('internal/v1/tenants/:id/imports')
export class ImportsController {
  constructor(
    private readonly startImport: StartImportUseCase,
    private readonly getImport: GetImportUseCase,
    private readonly cancelImport: CancelImportUseCase,
  ) {}

  @Post()
  async start(
    @Param('id', UuidParamPipe) tenantId: string,
    @Query() query: ImportQuery,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: UploadRequest,
    @Res() reply: ReplyLike,
    @Caller() caller: InternalCaller,
  ): Promise<void> {
    ownTenant(caller, tenantId);
    const { target, format, dryRun, usersLimit } = parseQuery(query);
    if (!String(request.headers['content-type'] ?? '').startsWith('application/octet-stream')) throw COMMON_PROBLEMS['unsupported-media-type']('An import file is sent as application/octet-stream.');
    if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 200)) throw invalidFields([{ field: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
    const length = Number(request.headers['content-length']);
    const { job, replayed } = await this.startImport.execute(
      new StartImportCommand(tenantId, target, format, dryRun, usersLimit, idempotencyKey ?? null, recordedActor(caller), request.raw, Number.isFinite(length) ? length : undefined),
    );
    reply
      .status(replayed ? 200 : 202)
      .header('location', `/internal/v1/tenants/${tenantId}/imports/${job.id}`)
      .send(toTenantImportView(job));
  }

  @Get()
  async list(@Param('id', UuidParamPipe) tenantId: string, @Caller() caller: InternalCaller): Promise<{ imports: TenantImportView[] }> {
    ownTenant(caller, tenantId);
    return { imports: (await this.getImport.list(tenantId)).map(toTenantImportView) };
  }

  @Get(':importId')
  async get(@Param('id', UuidParamPipe) tenantId: string, @Param('importId', UuidParamPipe) importId: string, @Caller() caller: InternalCaller): Promise<TenantImportView> {
    ownTenant(caller, tenantId);
    return toTenantImportView(await this.getImport.execute(tenantId, importId));
  }

  @Post(':importId/cancel')
  @HttpCode(200)
  async cancel(@Param('id', UuidParamPipe) tenantId: string, @Param('importId', UuidParamPipe) importId: string, @Caller() caller: InternalCaller): Promise<TenantImportView> {
    ownTenant(caller, tenantId);
    return toTenantImportView(await this.cancelImport.execute(tenantId, importId));
  }
}
