/** Which of some tenant ids the gateway's tenant_status projection knows: usage and performance are reported for those only. */
import { Transaction } from '@tenantry/persistence';

export abstract class KnownTenantsRepository {
  abstract known(tx: Transaction, tenantIds: readonly string[]): Promise<Set<string>>;
}
