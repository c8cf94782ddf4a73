import { Logger } from '@tenantry/observability';
import { Transaction } from '@tenantry/persistence';
import { ManualClock } from '@tenantry/service/testing';
import { ApiKeySecrets, CURRENT_HASH_SCHEME } from '../../../auth';
import { InMemoryApiKeyRepository } from '../../../auth/testing/in-memory-api-key.repository';
import { GatewayConfig } from '../../../gateway.config';
import { TenantStatusRecord } from '../../tenant-status.row';
import { TenantStatusRepository } from '../../tenant-status.repository';
import { RecordTenantDeletionCommand } from './record-tenant-deletion.command';
import { RecordTenantDeletionUseCase } from './record-tenant-deletion.use-case';

class RecordedStatuses extends TenantStatusRepository {
  readonly records: TenantStatusRecord[] = [];
  async find(): Promise<TenantStatusRecord | undefined> {
    return undefined;
  }
  async record(_tx: Transaction, entity: TenantStatusRecord): Promise<void> {
    this.records.push(entity);
  }
  async findPlan(): Promise<string | undefined> {
    return undefined;
  }
  async recordPlan(): Promise<void> {
    return undefined;
  }
}

describe(RecordTenantDeletionUseCase.name, () => {
  const tx = {} as Transaction;
  const secrets = new ApiKeySecrets(Object.assign(new GatewayConfig(), { API_KEY_PEPPER: 'p'.repeat(32) }));
  const clock = new ManualClock(new Date('2026-11-30T12:00:00Z'));
  const logger = { info: () => undefined } as unknown as Logger;
  const gone = '11111111-1111-4111-8111-111111111111';
  const kept = '22222222-2222-4222-8222-222222222222';

  async function keyOf(keys: InMemoryApiKeyRepository, tenantId: string | null) {
    const secret = secrets.generate();
    return keys.insert({
      id: `${tenantId}-${keys.keys.length}`,
      name: 'k',
      prefix: secrets.displayPrefix(secret),
      keyHash: secrets.hash(secret),
      hashScheme: CURRENT_HASH_SCHEME,
      role: tenantId ? 'tenant-admin' : 'support',
      tenantId,
      bootstrap: false,
      createdAt: clock.now(),
    });
  }

  it("records the deletion and revokes only that tenant's active keys, with the reason", async () => {
    const keys = new InMemoryApiKeyRepository();
    const statuses = new RecordedStatuses();
    const [a, b, other, staff] = [await keyOf(keys, gone), await keyOf(keys, gone), await keyOf(keys, kept), await keyOf(keys, null)];
    const earlier = new Date('2026-11-01T00:00:00Z');
    await keys.revoke(b.id, earlier, 'revoked');

    await new RecordTenantDeletionUseCase(statuses, keys, clock, logger).execute(new RecordTenantDeletionCommand(gone, new Date('2026-11-30T11:59:00Z')), tx);

    expect(statuses.records).toEqual([{ tenantId: gone, status: 'deleted', changedAt: new Date('2026-11-30T11:59:00Z') }]);
    expect(a).toMatchObject({ revokedAt: clock.now(), revokedReason: 'tenant-deleted' });
    expect(b).toMatchObject({ revokedAt: earlier, revokedReason: 'revoked' });
    expect(other.revokedAt).toBeNull();
    expect(staff.revokedAt).toBeNull();
  });
});
