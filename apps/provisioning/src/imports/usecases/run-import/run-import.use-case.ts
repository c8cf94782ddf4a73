/**
 * Takes a received import job to its end, and is what a restart resumes (ImportRunner claims jobs
 * whose lease ran out): `receiving` then means the upload was cut, so the job fails; `validating`
 * checks every staged row against the file (duplicates) and the tenant's users (taken e-mails, the
 * hard `users` limit) and ends a dry run; `importing` writes every row in ONE transaction in the
 * tenant's own database with one audit row naming the job, so a resumed job finds that row and
 * does not write twice, and a failed one has written nothing. Then, in provisioning's database, the
 * job's success, TenantDataImported and one TenantUserInvited per user (notifications mails the
 * invitations) commit together through the outbox.
 *
 * A cancelled job (CancelImportUseCase) is seen at each chunk boundary — before every batch of
 * BATCH rows and before the tenant transaction commits — and stops there: the tenant transaction
 * rolls back, so nothing is written, and no event is published (as for a failed job). A cancel
 * that lands after that last look, while the rows commit, keeps them: the job stays `cancelled`
 * with `rowsImported` saying how many were written, and their events are published all the same.
 */
import { Injectable } from '@nestjs/common';
import { deriveInvitationToken } from '@tenantry/internal-auth';
import { OutboxWriter } from '@tenantry/messaging';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { TenantDatabaseIdentity } from '../../../infrastructure/tenant-database';
import { sha256Hex } from '../../../infrastructure/token-generator';
import { ProvisioningConfig } from '../../../provisioning.config';
import { recordedIdentity } from '../../../provisioning/recorded-identity';
import { TenantCredentialRepository } from '../../../provisioning/tenant-credential.repository';
import { ImportedUser } from '../../../users/tenant-user';
import { TenantUsersStore } from '../../../users/tenant-users.store';
import { ImportFailure, ImportRowError, MAX_KEPT_ERRORS, TenantImport } from '../../tenant-import';
import { TenantImportRepository } from '../../tenant-import.repository';

const BATCH = 1_000;
const HOUR_MS = 3_600_000;

/** Thrown inside the tenant transaction to roll it back with the reason the job failed. */
class ImportAborted extends Error {
  constructor(
    readonly failure: ImportFailure,
    readonly errors: ImportRowError[] = [],
  ) {
    super(failure.message);
  }
}

/** Thrown at a chunk boundary when the job was cancelled: rolls the tenant transaction back. */
class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

@Injectable()
export class RunImportUseCase {
  constructor(
    private readonly imports: TenantImportRepository,
    private readonly credentials: TenantCredentialRepository,
    private readonly users: TenantUsersStore,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly config: ProvisioningConfig,
  ) {}

  async execute(job: TenantImport): Promise<void> {
    if (job.status === 'receiving') {
      await this.fail(job, ['receiving'], { code: 'upload-interrupted', message: 'The upload ended before the whole file was received (the connection or the service went down); nothing was written.' });
      return;
    }
    const identity = await recordedIdentity(this.credentials, job.tenantId);
    if (!identity) {
      await this.fail(job, ['validating', 'importing'], { code: 'internal', message: 'The tenant has no database any more; nothing was written.' });
      return;
    }
    let current = job;
    if (current.status === 'validating') {
      const next = await this.validate(current, identity);
      if (!next) return;
      current = next;
    }
    if (current.status === 'importing') await this.import(current, identity);
  }

  /** Returns the job when it goes on to `importing`; undefined when it ended here. */
  private async validate(job: TenantImport, identity: TenantDatabaseIdentity): Promise<TenantImport | undefined> {
    const errors: ImportRowError[] = [];
    let invalid = 0;
    let valid = 0;
    let counted: number;
    try {
      counted = await this.users.importSession(identity, async (session) => {
        for (let after = 0; ; ) {
          await this.stopIfCancelled(job);
          const rows = await this.imports.stagedRows(job.id, after, BATCH);
          if (rows.length === 0) break;
          after = rows[rows.length - 1]?.rowNo ?? after;
          const taken = new Set(await session.existingEmails(rows.filter((row) => !row.duplicate).map((row) => row.email)));
          for (const row of rows) {
            const message = row.duplicate ? 'email appears in an earlier row of the file' : taken.has(row.email) ? 'email is already a user of this tenant' : undefined;
            if (!message) {
              valid += 1;
              continue;
            }
            invalid += 1;
            if (job.errors.length + errors.length < MAX_KEPT_ERRORS) errors.push({ row: row.rowNo, field: 'email', message });
          }
        }
        return session.countedUsers();
      });
    } catch (error) {
      if (!(error instanceof ImportCancelled)) throw error;
      await this.imports.clearStaged(job.id);
      return undefined;
    }
    const rowsInvalid = job.rowsInvalid + invalid;
    const limit = job.usersLimit;
    const failure: ImportFailure | null =
      limit?.mode === 'hard' && counted + valid > limit.limit
        ? {
            code: 'users-limit-reached',
            message: `Importing ${valid} users would make ${counted + valid} invited or active users; the tenant's hard users limit is ${limit.limit}.`,
            limit: 'users',
            max: limit.limit,
            current: counted,
          }
        : rowsInvalid > 0 && !job.dryRun
          ? { code: 'invalid-rows', message: `${rowsInvalid} row(s) are invalid; an import is all or nothing, so none was written. Fix them and upload again.` }
          : null;
    const progress = { rowsValid: valid, rowsInvalid, errors, failure };
    const now = this.clock.now();
    if (job.dryRun || failure) {
      await this.imports.update(job.id, ['validating'], job.dryRun ? 'succeeded' : 'failed', progress, now);
      await this.imports.clearStaged(job.id);
      return undefined;
    }
    const invitationExpiresAt = new Date(now.getTime() + this.config.INVITATION_TTL_HOURS * HOUR_MS);
    if (!(await this.imports.update(job.id, ['validating'], 'importing', { ...progress, invitationExpiresAt }, now))) return undefined;
    return { ...job, status: 'importing', rowsValid: valid, rowsInvalid, invitationExpiresAt };
  }

  private async import(job: TenantImport, identity: TenantDatabaseIdentity): Promise<void> {
    const expiresAt = job.invitationExpiresAt ?? new Date(this.clock.now().getTime() + this.config.INVITATION_TTL_HOURS * HOUR_MS);
    let imported = 0;
    try {
      imported = await this.users.importSession(identity, async (session) => {
        await session.lockUsers();
        let rows = 0;
        if (await session.alreadyImported(job.id)) {
          for (let after = 0; ; ) {
            const batch = await this.imports.stagedRows(job.id, after, BATCH);
            if (batch.length === 0) return rows;
            after = batch[batch.length - 1]?.rowNo ?? after;
            rows += batch.length;
          }
        }
        const limit = job.usersLimit;
        const counted = limit?.mode === 'hard' ? await session.countedUsers() : 0;
        for (let after = 0; ; ) {
          await this.stopIfCancelled(job);
          const batch = await this.imports.stagedRows(job.id, after, BATCH);
          if (batch.length === 0) break;
          after = batch[batch.length - 1]?.rowNo ?? after;
          const taken = new Set(await session.existingEmails(batch.map((row) => row.email)));
          const conflicts = batch.filter((row) => taken.has(row.email) || row.duplicate);
          if (conflicts.length > 0) {
            throw new ImportAborted(
              { code: 'conflict', message: `${conflicts.length} e-mail(s) became users after validation; an import is all or nothing, so none was written.` },
              conflicts.slice(0, MAX_KEPT_ERRORS).map((row) => ({ row: row.rowNo, field: 'email', message: 'email is already a user of this tenant' })),
            );
          }
          rows += batch.length;
          if (limit?.mode === 'hard' && counted + rows > limit.limit) {
            throw new ImportAborted({
              code: 'users-limit-reached',
              message: `Importing would exceed the tenant's hard users limit of ${limit.limit} (${counted} invited or active users now); none was written.`,
              limit: 'users',
              max: limit.limit,
              current: counted,
            });
          }
          const users: ImportedUser[] = batch.map((row) => ({
            email: row.email,
            role: row.role,
            name: row.name,
            invitationTokenSha256: sha256Hex(deriveInvitationToken(this.config.INVITATION_KEY, { tenantId: job.tenantId, email: row.email, expiresAt: expiresAt.toISOString() })),
            invitationExpiresAt: expiresAt,
          }));
          await session.insert(users);
        }
        await session.recordImport(job.id, job.createdBy, rows);
        return rows;
      });
    } catch (error) {
      if (error instanceof ImportCancelled) {
        await this.imports.clearStaged(job.id);
        return;
      }
      if (!(error instanceof ImportAborted)) throw error;
      await this.fail(job, ['importing'], error.failure, error.errors);
      return;
    }
    await this.finish(job, identity, imported, expiresAt);
  }

  /** The job's success and its events, in one transaction of provisioning's database. */
  private async finish(job: TenantImport, identity: TenantDatabaseIdentity, imported: number, expiresAt: Date): Promise<void> {
    const now = this.clock.now();
    await this.transactions.run(async (tx) => {
      // Cancelled after the last chunk boundary, while the rows committed: they are kept, and said so.
      const recorded =
        (await this.imports.update(job.id, ['importing'], 'succeeded', { rowsImported: imported }, now, { tx })) ||
        (await this.imports.update(job.id, ['cancelled'], 'cancelled', { rowsImported: imported }, now, { tx }));
      if (!recorded) return;
      await this.outbox.publish(tx, 'TenantDataImported', { tenantId: job.tenantId, importId: job.id, target: job.target, rowsImported: imported, importedBy: job.createdBy, at: now.toISOString() });
      await this.users.importSession(identity, async (session) => {
        for (let after = 0; ; ) {
          const batch = await this.imports.stagedRows(job.id, after, BATCH);
          if (batch.length === 0) return;
          after = batch[batch.length - 1]?.rowNo ?? after;
          for (const user of await session.idsOf(batch.map((row) => row.email))) {
            await this.outbox.publish(tx, 'TenantUserInvited', {
              tenantId: job.tenantId,
              userId: user.id,
              email: user.email,
              role: user.role,
              invitationExpiresAt: expiresAt.toISOString(),
              invitedBy: job.createdBy,
            });
          }
        }
      });
    });
    await this.imports.clearStaged(job.id);
  }

  private async stopIfCancelled(job: TenantImport): Promise<void> {
    if ((await this.imports.statusOf(job.id)) === 'cancelled') throw new ImportCancelled();
  }

  private async fail(job: TenantImport, from: TenantImport['status'][], failure: ImportFailure, errors: ImportRowError[] = []): Promise<void> {
    await this.imports.update(job.id, from, 'failed', { failure, errors, rowsImported: 0 }, this.clock.now());
    await this.imports.clearStaged(job.id);
  }
}
