/** The tenants' file storage: one root directory per tenant with its quota recorded beside the files. */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const QUOTA_FILE = '.quota.json';
const GB = 1024 ** 3;

export interface StorageQuota {
  tenantId: string;
  quotaGb: number;
  quotaBytes: number;
}

export abstract class TenantStorage {
  abstract rootOf(tenantId: string): string;
  abstract ensure(tenantId: string, quotaGb: number): Promise<{ root: string; quota: StorageQuota }>;
  abstract exists(tenantId: string): Promise<boolean>;
  abstract remove(tenantId: string): Promise<void>;
}

export class FsTenantStorage extends TenantStorage {
  private readonly base: string;

  constructor(base: string) {
    super();
    this.base = resolve(base);
  }

  rootOf(tenantId: string): string {
    return join(this.base, tenantId);
  }

  async ensure(tenantId: string, quotaGb: number): Promise<{ root: string; quota: StorageQuota }> {
    const root = this.rootOf(tenantId);
    await mkdir(join(root, 'files'), { recursive: true, mode: 0o750 });
    const quota: StorageQuota = { tenantId, quotaGb, quotaBytes: Math.round(quotaGb * GB) };
    await writeFile(join(root, QUOTA_FILE), `${JSON.stringify(quota, null, 2)}\n`, { mode: 0o640 });
    return { root, quota };
  }

  async exists(tenantId: string): Promise<boolean> {
    return stat(this.rootOf(tenantId)).then(
      (info) => info.isDirectory(),
      () => false,
    );
  }

  async remove(tenantId: string): Promise<void> {
    await rm(this.rootOf(tenantId), { recursive: true, force: true });
  }
}
