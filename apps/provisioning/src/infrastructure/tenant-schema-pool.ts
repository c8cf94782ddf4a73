/**
 * Keeps TENANT_SCHEMA_POOL_SIZE schemas ready in the shared tenant database for new schema-tier
 * tenants (README, "Schema pool"). It makes them one at a time, and only once no tenant has been
 * created for TENANT_SCHEMA_POOL_IDLE_MS: the pool absorbs a burst of new tenants, and refilling it
 * never takes the CPU from one being created. Several replicas may fill at once; the pool is then
 * briefly a few over its size, which costs a few spare schemas and nothing else.
 */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { WorkerLoop } from '@tenantry/messaging';
import { Logger } from '@tenantry/observability';
import { LOGGER } from '@tenantry/service';
import { ProvisioningConfig, schemaTierInUse } from '../provisioning.config';
import { TenantDatabase } from './tenant-database';

@Injectable()
export class TenantSchemaPool implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop = new WorkerLoop();

  constructor(
    private readonly tenantDatabase: TenantDatabase,
    private readonly config: ProvisioningConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.TENANT_SCHEMA_POOL_SIZE === 0 || !schemaTierInUse(this.config)) return;
    this.loop.start(() => this.work());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  private async work(): Promise<void> {
    const idleMs = this.config.TENANT_SCHEMA_POOL_IDLE_MS;
    // Not during start-up either: the first check comes one idle period after it.
    await this.loop.sleep(idleMs);
    while (this.loop.running) {
      try {
        const quietFor = Date.now() - this.tenantDatabase.lastCreateAt();
        if (quietFor < idleMs) {
          await this.loop.sleep(idleMs - quietFor);
          continue;
        }
        if ((await this.tenantDatabase.pooledSchemas()) >= this.config.TENANT_SCHEMA_POOL_SIZE) {
          await this.loop.sleep(idleMs);
          continue;
        }
        await this.tenantDatabase.addPooledSchema();
      } catch (error) {
        this.logger.warn({ err: error }, 'cannot refill the tenant schema pool; retrying (new tenants are created without it meanwhile)');
        await this.loop.sleep(Math.max(idleMs, 5_000));
      }
    }
  }
}
