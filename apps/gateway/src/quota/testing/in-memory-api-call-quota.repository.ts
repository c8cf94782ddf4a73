/** An ApiCallQuotaRepository in memory for unit specs: a block counts while its reset lies ahead, as in the SQL. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { ApiCallBlock, KnownApiCallLimit } from '../api-call-block.row';
import { ApiCallQuotaRepository } from '../api-call-quota.repository';

export class InMemoryApiCallQuotaRepository extends ApiCallQuotaRepository {
  /** How often the hot-path lookup ran. */
  lookups = 0;
  readonly blocks = new Map<string, ApiCallBlock>();
  readonly limits = new Map<string, KnownApiCallLimit>();

  constructor(blocks: readonly ApiCallBlock[] = []) {
    super();
    for (const block of blocks) this.blocks.set(block.tenantId, block);
  }

  async activeBlock(scope: TenantScope, now: Date): Promise<ApiCallBlock | undefined> {
    this.lookups += 1;
    const block = this.blocks.get(scope.tenantId);
    return block && block.resetAt > now ? block : undefined;
  }

  async lockTenant(_tx: Transaction, _scope: TenantScope): Promise<void> {
    // One process and no interleaving awaits here: nothing to serialise.
  }

  async findBlock(_tx: Transaction, scope: TenantScope): Promise<ApiCallBlock | null> {
    return this.blocks.get(scope.tenantId) ?? null;
  }

  async block(_tx: Transaction, block: ApiCallBlock): Promise<void> {
    const current = this.blocks.get(block.tenantId);
    if (!current || current.resetAt <= block.resetAt) this.blocks.set(block.tenantId, block);
  }

  async lift(_tx: Transaction, scope: TenantScope): Promise<void> {
    this.blocks.delete(scope.tenantId);
  }

  async knownLimit(_tx: Transaction, scope: TenantScope): Promise<KnownApiCallLimit | null> {
    return this.limits.get(scope.tenantId) ?? null;
  }

  async saveKnownLimit(_tx: Transaction, known: KnownApiCallLimit): Promise<boolean> {
    const current = this.limits.get(known.tenantId);
    if (current && current.version >= known.version) return false;
    this.limits.set(known.tenantId, known);
    return true;
  }
}
