/**
 * Receives an import file as it streams in: each row is read, checked field by field and, when
 * valid, staged in provisioning's own database in batches, so memory does not grow with the file.
 * Past IMPORT_MAX_BYTES or IMPORT_MAX_ROWS, or when the file's structure is broken, the upload is
 * refused (413 or 400) the moment that is known and the job and its staged rows are removed: a
 * refused upload leaves nothing. A received file becomes a `validating` job (202) that the
 * ImportRunner takes from there; nothing is written into the tenant's database here.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { ProvisioningConfig } from '../../../provisioning.config';
import { PROVISIONING_PROBLEMS } from '../../../provisioning.problems';
import { TenantCredentialRepository } from '../../../provisioning/tenant-credential.repository';
import { tenantIdentityOrNotFound } from '../../../users/tenant-identity';
import { ImportFormatError, readRows } from '../../import-rows';
import { ImportRunner } from '../../import-runner';
import { ImportRowError, MAX_KEPT_ERRORS, StagedUserRow, TenantImport } from '../../tenant-import';
import { TenantImportRepository } from '../../tenant-import.repository';
import { validateUserRow } from '../../user-row.validator';
import { StartImportCommand } from './start-import.command';

const STAGE_BATCH = 2_000;
export const IMPORT_LEASE_MS = 30_000;

export interface StartedImport {
  job: TenantImport;
  /** An earlier job under the same Idempotency-Key: its file was not read again. */
  replayed: boolean;
}

/** The body's chunks, counted: one byte past `max` ends the upload with 413 naming the limit. */
async function* limited(body: Readable, max: number, counted: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of body as AsyncIterable<Buffer>) {
    counted.bytes += chunk.length;
    if (counted.bytes > max) throw PROVISIONING_PROBLEMS['import-too-large'](`The file is larger than the limit of ${max} bytes (IMPORT_MAX_BYTES).`, { limit: 'bytes', max });
    yield chunk;
  }
}

@Injectable()
export class StartImportUseCase {
  constructor(
    private readonly credentials: TenantCredentialRepository,
    private readonly imports: TenantImportRepository,
    private readonly runner: ImportRunner,
    private readonly clock: Clock,
    private readonly config: ProvisioningConfig,
  ) {}

  async execute(command: StartImportCommand): Promise<StartedImport> {
    await tenantIdentityOrNotFound(this.credentials, command.tenantId);
    const scope = tenantScope(command.tenantId);
    if (command.idempotencyKey) {
      const earlier = await this.imports.findByIdempotencyKey(scope, command.actor, command.idempotencyKey);
      if (earlier) {
        command.body.resume();
        return { job: earlier, replayed: true };
      }
    }
    const max = this.config.IMPORT_MAX_BYTES;
    if (command.declaredBytes !== undefined && command.declaredBytes > max) {
      command.body.resume();
      throw PROVISIONING_PROBLEMS['import-too-large'](`The file (${command.declaredBytes} bytes) is larger than the limit of ${max} bytes (IMPORT_MAX_BYTES).`, { limit: 'bytes', max });
    }
    const now = this.clock.now();
    const job: TenantImport = {
      id: randomUUID(),
      tenantId: command.tenantId,
      target: command.target,
      format: command.format,
      dryRun: command.dryRun,
      status: 'receiving',
      rowsTotal: 0,
      rowsValid: 0,
      rowsInvalid: 0,
      rowsImported: 0,
      bytes: 0,
      errors: [],
      failure: null,
      usersLimit: command.usersLimit,
      idempotencyKey: command.idempotencyKey,
      invitationExpiresAt: null,
      createdBy: command.actor,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    try {
      await this.imports.create(job, this.leaseFrom(now));
    } catch (error) {
      // Two uploads racing under one Idempotency-Key: the second answers the first's job.
      const earlier = command.idempotencyKey ? await this.imports.findByIdempotencyKey(scope, command.actor, command.idempotencyKey) : undefined;
      if (!earlier) throw error;
      command.body.resume();
      return { job: earlier, replayed: true };
    }
    // The lease says "an upload is coming in": renewed on a timer, since a slow client may send few rows per minute.
    const heartbeat = setInterval(() => {
      this.imports.heartbeat(job.id, this.leaseFrom(this.clock.now())).catch(() => undefined);
    }, IMPORT_LEASE_MS / 3);
    try {
      await this.receive(job, command);
    } catch (error) {
      // Drained, not destroyed: the answer goes back on this request's connection.
      command.body.resume();
      await this.imports.remove(job.id);
      if (error instanceof ImportFormatError) throw PROVISIONING_PROBLEMS['malformed-import'](error.message, { field: error.field });
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
    this.runner.wake();
    const received = await this.imports.find(scope, job.id);
    return { job: received ?? job, replayed: false };
  }

  private async receive(job: TenantImport, command: StartImportCommand): Promise<void> {
    const counted = { bytes: 0 };
    const errors: ImportRowError[] = [];
    let staged: StagedUserRow[] = [];
    let rowsTotal = 0;
    let rowsInvalid = 0;
    for await (const raw of readRows(limited(command.body, this.config.IMPORT_MAX_BYTES, counted), command.format)) {
      rowsTotal += 1;
      if (rowsTotal > this.config.IMPORT_MAX_ROWS) {
        throw PROVISIONING_PROBLEMS['import-too-many-rows'](`The file has more than the limit of ${this.config.IMPORT_MAX_ROWS} rows (IMPORT_MAX_ROWS).`, {
          limit: 'rows',
          max: this.config.IMPORT_MAX_ROWS,
        });
      }
      const checked = validateUserRow(raw);
      if (Array.isArray(checked)) {
        rowsInvalid += 1;
        for (const error of checked) if (errors.length < MAX_KEPT_ERRORS) errors.push(error);
        continue;
      }
      staged.push(checked);
      if (staged.length >= STAGE_BATCH) {
        await this.imports.stage(job.id, staged);
        staged = [];
      }
    }
    await this.imports.stage(job.id, staged);
    // Leased for a moment more: the runner that wake() starts takes it at once; another process after a crash.
    const received = await this.imports.update(
      job.id,
      ['receiving'],
      'validating',
      { rowsTotal, rowsInvalid, rowsValid: rowsTotal - rowsInvalid, bytes: counted.bytes, errors },
      this.clock.now(),
      { leaseUntil: null },
    );
    // Cancelled while the file was arriving: the job stays `cancelled` and its staged rows go.
    if (!received) await this.imports.clearStaged(job.id);
  }

  private leaseFrom(now: Date): Date {
    return new Date(now.getTime() + IMPORT_LEASE_MS);
  }
}
