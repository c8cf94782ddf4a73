/** Usage totals per tenant, period and metric, fed from UsageRecorded; reads name the tenant. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { CountedEvent, PeriodMember, TotalContribution } from './usage-total.row';

export abstract class UsageTotalsRepository {
  /** Records the events not counted before and returns their keys (`eventKey`). */
  abstract markCounted(tx: Transaction, events: readonly CountedEvent[]): Promise<Set<string>>;
  /** Records members not seen before in their period and returns their keys (`memberKey`). */
  abstract addMembers(tx: Transaction, members: readonly PeriodMember[]): Promise<Set<string>>;
  abstract apply(tx: Transaction, contributions: readonly TotalContribution[]): Promise<void>;
  /** The tenant's totals of one period, by metric (decimal strings). */
  abstract totals(scope: TenantScope & { periodStart: Date }, tx?: Transaction): Promise<Map<string, string>>;
}
