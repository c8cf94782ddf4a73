/**
 * Starts a data import: checks the media type and query, reads the tenant's `users` limit from the
 * registry (the owner of limits), then streams the client's file on to provisioning (the owner of
 * tenant databases) as it arrives — never held whole — counting bytes: one past IMPORT_MAX_BYTES
 * cuts the upload off (provisioning then drops what it staged) and answers 413 naming the limit.
 */
import { Transform, TransformCallback } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { FieldProblem, invalidFields, COMMON_PROBLEMS, ProblemException } from '@tenantry/service';
import { charsetOf } from '../../../json-bodies';
import { GatewayConfig } from '../../../gateway.config';
import { GATEWAY_PROBLEMS } from '../../../problems';
import { parseDocument, queryString, UpstreamProxy, UpstreamReply } from '../../../upstream';
import { StartTenantImportCommand } from './start-tenant-import.command';

/** Media type → format; the `format` query parameter, when given, must agree. */
const FORMATS: Record<string, string> = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson', 'application/json': 'json' };
/** Provisioning answers once the whole file is read and staged: a 100 MB upload takes longer than UPSTREAM_TIMEOUT_MS. */
const UPLOAD_HEADERS_TIMEOUT_MS = 600_000;

/** Passes bytes through until one past `max`, then fails with 413 (`exceeded` says so). */
class ByteLimit extends Transform {
  bytes = 0;
  exceeded?: ProblemException;

  constructor(private readonly max: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) {
      this.exceeded = tooLarge(this.max);
      callback(this.exceeded);
      return;
    }
    callback(null, chunk);
  }
}

function tooLarge(max: number, declared?: number): ProblemException {
  const size = declared === undefined ? 'The file is' : `The file (${declared} bytes) is`;
  return GATEWAY_PROBLEMS['import-too-large'](`${size} larger than the import limit of ${max} bytes (IMPORT_MAX_BYTES).`, { limit: 'bytes', max });
}

@Injectable()
export class StartTenantImportUseCase {
  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly config: GatewayConfig,
  ) {}

  async execute(command: StartTenantImportCommand): Promise<UpstreamReply> {
    const format = this.formatOf(command);
    const max = this.config.IMPORT_MAX_BYTES;
    if (command.declaredBytes !== undefined && command.declaredBytes > max) throw tooLarge(max, command.declaredBytes);
    const limits = await this.upstream.read(command.caller, { upstream: 'tenant-registry', method: 'GET', path: `/internal/v1/tenants/${command.tenantId}/limits` });
    if (limits.status !== 200) return limits;
    const users = parseDocument(limits.body)?.['users'] as { limit?: unknown; mode?: unknown } | undefined;
    const usersLimit = users && typeof users.limit === 'number' ? { usersLimit: users.limit, usersLimitMode: users.mode === 'hard' ? 'hard' : 'soft' } : {};
    const counter = new ByteLimit(max);
    command.body.on('error', (error) => counter.destroy(error));
    command.body.pipe(counter);
    try {
      return await this.upstream.forward(command.caller, {
        upstream: 'provisioning',
        method: 'POST',
        path: `/internal/v1/tenants/${command.tenantId}/imports${queryString({ target: command.query.target ?? 'users', format, dryRun: command.query.dryRun ?? 'false', ...usersLimit })}`,
        upload: counter,
        headersTimeoutMs: UPLOAD_HEADERS_TIMEOUT_MS,
        ...(command.idempotencyKey !== undefined ? { idempotencyKey: command.idempotencyKey } : {}),
      });
    } catch (error) {
      throw counter.exceeded ?? error;
    } finally {
      command.body.unpipe(counter);
    }
  }

  private formatOf(command: StartTenantImportCommand): string {
    const mediaType = (command.mediaType?.split(';')[0] ?? '').trim().toLowerCase();
    const format = FORMATS[mediaType];
    if (!format) {
      throw COMMON_PROBLEMS['unsupported-media-type'](
        `An import file is text/csv, application/x-ndjson or application/json (a JSON array of objects), in UTF-8; this one is ${mediaType || 'without a Content-Type'}.`,
      );
    }
    const charset = charsetOf(command.mediaType);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw COMMON_PROBLEMS['unsupported-media-type'](`An import file is UTF-8; this one is in charset ${charset}.`);
    const errors: FieldProblem[] = [];
    if (command.query.format !== undefined && command.query.format !== format) errors.push({ field: 'format', message: `format ${command.query.format} does not match the Content-Type ${mediaType} (format ${format})` });
    if (command.query.target !== undefined && command.query.target !== 'users') errors.push({ field: 'target', message: 'target must be users' });
    if (command.query.dryRun !== undefined && command.query.dryRun !== 'true' && command.query.dryRun !== 'false') errors.push({ field: 'dryRun', message: 'dryRun must be true or false' });
    if (command.idempotencyKey !== undefined && (command.idempotencyKey.length < 1 || command.idempotencyKey.length > 200)) errors.push({ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 characters' });
    if (errors.length > 0) throw invalidFields(errors);
    return format;
  }
}
