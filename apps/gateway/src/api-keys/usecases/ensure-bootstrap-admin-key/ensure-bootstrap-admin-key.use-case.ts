/**
 * At start: makes sure someone can administer the platform. With TENANTRY_BOOTSTRAP_ADMIN_KEY set,
 * that secret is (again) a valid platform-admin key; without it, and with no admin key at all, one
 * is generated and printed once. A configured secret was chosen by a human: its row keeps no
 * prefix (listings show none of it), only its keyed hash.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@tenantry/observability';
import { Clock, LOGGER } from '@tenantry/service';
import { ApiKeyRepository, ApiKeySecrets, ApiKeyVerifier, CURRENT_HASH_SCHEME } from '../../../auth';
import { GatewayConfig } from '../../../gateway.config';

@Injectable()
export class EnsureBootstrapAdminKeyUseCase implements OnApplicationBootstrap {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly secrets: ApiKeySecrets,
    private readonly verifier: ApiKeyVerifier,
    private readonly clock: Clock,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.execute(this.config.TENANTRY_BOOTSTRAP_ADMIN_KEY);
  }

  async execute(configured: string | undefined): Promise<void> {
    await this.keys.withBootstrapLock(async () => {
      if (configured) {
        // Found under any scheme: a row from before the pepper is re-hashed here.
        const existing = await this.verifier.find(configured, { activeOnly: false });
        if (!existing) {
          await this.insert(configured, null);
          this.logger.info('bootstrap admin key from TENANTRY_BOOTSTRAP_ADMIN_KEY registered');
        } else if (existing.revokedAt) {
          // Setting the variable is how an operator who holds the environment regains access.
          await this.keys.reinstate(existing.id);
          this.logger.warn({ keyId: existing.id }, 'bootstrap admin key was revoked; reinstated because TENANTRY_BOOTSTRAP_ADMIN_KEY is set');
        }
        return;
      }
      if (await this.keys.hasActiveAdmin()) return;
      const secret = this.secrets.generate();
      await this.insert(secret, this.secrets.displayPrefix(secret));
      this.logger.warn(`bootstrap admin key: ${secret} (shown once; store it now, then create named keys and revoke this one)`);
    });
  }

  private async insert(secret: string, prefix: string | null): Promise<void> {
    await this.keys.insert({
      id: randomUUID(),
      name: 'bootstrap-admin',
      prefix,
      keyHash: this.secrets.hash(secret),
      hashScheme: CURRENT_HASH_SCHEME,
      role: 'platform-admin',
      tenantId: null,
      bootstrap: true,
      createdAt: this.clock.now(),
    });
  }
}
