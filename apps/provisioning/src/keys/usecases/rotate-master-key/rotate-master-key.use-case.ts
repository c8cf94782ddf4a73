/**
 * Master-key rotation and the migration of pre-envelope secrets, in one idempotent, resumable pass:
 * 1. every tenant data key wrapped under another master key than SECRET_KEY is unwrapped (with a
 *    key of SECRET_KEY_PREVIOUS) and re-wrapped under SECRET_KEY;
 * 2. tenant secrets still sealed the old way (`v1.`: one key for every tenant) are re-sealed with
 *    the tenant's data key; the CA's key is re-sealed under SECRET_KEY.
 * Each batch commits on its own, so an interrupted run loses nothing and the next one carries on;
 * rows another instance is re-wrapping are skipped. Runs in the background at every start, and on
 * demand as `node dist/apps/provisioning/src/rotate-keys.js` (exit 0 once nothing is left under an
 * older key; only then may the older key leave SECRET_KEY_PREVIOUS).
 */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@tenantry/observability';
import { tenantScope } from '@tenantry/persistence';
import { LOGGER } from '@tenantry/service';
import { CA_KEY_PURPOSE } from '../../../infrastructure/certificate-issuer';
import { MasterKeyring } from '../../../infrastructure/master-keys';
import { SealedSecretRepository } from '../../sealed-secret.repository';
import { TenantDataKeyRepository } from '../../tenant-data-key.repository';
import { TenantKeys } from '../../tenant-keys';

const BATCH = 100;

export interface RotationReport {
  masterKeyId: string;
  dataKeysRewrapped: number;
  secretsResealed: number;
  /** What could not be opened with any configured key (`tenant:<id>` or `<kind>:<ref>`); left as it was. */
  failed: string[];
  /** Still under an older key or format after this pass (failed ones included). */
  remaining: number;
}

@Injectable()
export class RotateMasterKeyUseCase implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running?: Promise<unknown>;

  constructor(
    private readonly master: MasterKeyring,
    private readonly dataKeys: TenantDataKeyRepository,
    private readonly secrets: SealedSecretRepository,
    private readonly tenantKeys: TenantKeys,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.execute().then(
      (report) => {
        if (report.dataKeysRewrapped + report.secretsResealed > 0 || report.remaining > 0) {
          this.logger[report.failed.length > 0 ? 'error' : 'info']({ ...report, failed: report.failed.slice(0, 20) }, 'master key rotation pass finished');
        }
      },
      (error: unknown) => this.logger.error({ err: error }, 'master key rotation pass failed; it runs again at the next start'),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.running;
  }

  async execute(): Promise<RotationReport> {
    const current = this.master.current.id;
    const failed: string[] = [];
    let dataKeysRewrapped = 0;
    for (;;) {
      const skip = failed.filter((ref) => ref.startsWith('tenant:')).map((ref) => ref.slice('tenant:'.length));
      const batch = await this.dataKeys.rewrapBatch(current, BATCH, skip, (key) => this.master.wrap(key.tenantId, this.master.unwrap(key.tenantId, key.wrapped)));
      dataKeysRewrapped += batch.rewrapped;
      failed.push(...batch.failed.map((tenantId) => `tenant:${tenantId}`));
      if (batch.rewrapped === 0 && batch.failed.length === 0) break;
    }
    let secretsResealed = 0;
    for (;;) {
      const batch = await this.secrets.needingReseal(current, BATCH, failed);
      if (batch.length === 0) break;
      for (const secret of batch) {
        try {
          const resealed = secret.tenantId
            ? await this.tenantKeys.seal(tenantScope(secret.tenantId), await this.tenantKeys.open(tenantScope(secret.tenantId), secret.sealed))
            : this.master.seal(CA_KEY_PURPOSE, this.master.open(CA_KEY_PURPOSE, secret.sealed));
          await this.secrets.replace(secret, resealed);
          secretsResealed += 1;
        } catch {
          failed.push(`${secret.kind}:${secret.ref}`);
        }
      }
    }
    const remaining = (await this.dataKeys.countNotUnder(current)) + (await this.secrets.countNeedingReseal(current));
    return { masterKeyId: current, dataKeysRewrapped, secretsResealed, failed, remaining };
  }
}
