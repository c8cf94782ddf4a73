/**
 * Envelope encryption of tenant secrets: each tenant has a random 256-bit data key, stored only
 * wrapped by the master key (tenant_data_key); its secrets are sealed by that data key with the
 * tenant id as associated data. Destroying the wrapped key (offboarding) makes every copy of the
 * tenant's sealed secrets, backups included, undecryptable.
 */
import { Injectable } from '@nestjs/common';
import { TenantScope } from '@tenantry/persistence';
import { isDataKeySealed, isLegacySealed, MasterKeyring, openWithDataKey, sealWithDataKey } from '../infrastructure/master-keys';
import { TenantDataKeyRepository } from './tenant-data-key.repository';

export class TenantKeyShredded extends Error {
  constructor(tenantId: string) {
    super(`tenant ${tenantId} has no data key (never created, or destroyed at offboarding)`);
    this.name = 'TenantKeyShredded';
  }
}

@Injectable()
export class TenantKeys {
  constructor(
    private readonly master: MasterKeyring,
    private readonly dataKeys: TenantDataKeyRepository,
  ) {}

  /** Seals a tenant secret, creating the tenant's data key on first use. */
  async seal(scope: TenantScope, plain: string): Promise<string> {
    const stored = await this.dataKeys.ensure(scope, this.master.wrap(scope.tenantId, this.master.newDataKey()));
    const dataKey = this.master.unwrap(scope.tenantId, stored.wrapped);
    try {
      return sealWithDataKey(dataKey, scope.tenantId, plain);
    } finally {
      dataKey.fill(0);
    }
  }

  /** Opens a tenant secret: sealed by its data key, or still in the pre-envelope format. */
  async open(scope: TenantScope, sealed: string): Promise<string> {
    if (isLegacySealed(sealed)) return this.master.openLegacy(sealed);
    if (!isDataKeySealed(sealed)) throw new Error('not a sealed tenant secret');
    const stored = await this.dataKeys.find(scope);
    if (!stored) throw new TenantKeyShredded(scope.tenantId);
    const dataKey = this.master.unwrap(scope.tenantId, stored.wrapped);
    try {
      return openWithDataKey(dataKey, scope.tenantId, sealed);
    } finally {
      dataKey.fill(0);
    }
  }

  /** Crypto-shredding; returns whether a key was destroyed now. */
  destroy(scope: TenantScope): Promise<boolean> {
    return this.dataKeys.destroy(scope);
  }
}
