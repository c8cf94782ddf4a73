/** Usage totals per tenant, period and metric, fed from UsageRecorded; reads name the tenant. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { CountedEvent, PeriodMember, TotalContribution } from './usage-total.row';

/** The key of one tenant's period in `totalsOf`. */
export function periodKey(tenantId: string, periodStart: Date): string {
  return `${tenantId}|${periodStart.toISOString().slice(0, 10)}`;
}

export abstract class UsageTotalsRepository {
  /** Records the events not counted before and returns their keys (`eventKey`). */
  abstract markCounted(tx: Transaction, events: readonly CountedEvent[]): Promise<Set<string>>;
  /** Records members not seen before in their period and returns their keys (`memberKey`). */
  abstract addMembers(tx: Transaction, members: readonly PeriodMember[]): Promise<Set<string>>;
  abstract apply(tx: Transaction, contributions: readonly TotalContribution[]): Promise<void>;
  /**
   * Per tenant (of those given that have a subscription), the earliest period whose late usage can
   * still be billed: the tenant's earliest period not invoiced for good (its oldest draft, else its
   * subscription's current period) less `pastPeriods` months. Older usage is not billed any more.
   */
  abstract billableFrom(tx: Transaction, tenantIds: readonly string[], pastPeriods: number): Promise<Map<string, Date>>;
  /** The tenant's totals of one period, by metric (decimal strings). */
  abstract totals(scope: TenantScope & { periodStart: Date }, tx?: Transaction): Promise<Map<string, string>>;

  /** `totals` of several (tenant, period) pairs at once, by `periodKey`. */
  async totalsOf(periods: readonly (TenantScope & { periodStart: Date })[], tx?: Transaction): Promise<Map<string, Map<string, string>>> {
    const found = new Map<string, Map<string, string>>();
    for (const period of periods) found.set(periodKey(period.tenantId, period.periodStart), await this.totals(period, tx));
    return found;
  }
}
