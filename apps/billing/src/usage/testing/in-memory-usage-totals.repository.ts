/** UsageTotalsRepository in memory, for unit specs: the same dedup keys and merge rules as Postgres. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { Decimal, decimal } from '../../money/money';
import { CountedEvent, eventKey, memberKey, PeriodMember, TotalContribution } from '../usage-total.row';
import { UsageTotalsRepository } from '../usage-totals.repository';

export class InMemoryUsageTotalsRepository extends UsageTotalsRepository {
  readonly seen = new Set<string>();
  readonly members = new Set<string>();
  readonly rows = new Map<string, { value: Decimal; latestAt: Date; events: number }>();

  markCounted(_tx: Transaction, events: readonly CountedEvent[]): Promise<Set<string>> {
    const fresh = new Set<string>();
    for (const e of events) {
      if (this.seen.has(eventKey(e))) continue;
      this.seen.add(eventKey(e));
      fresh.add(eventKey(e));
    }
    return Promise.resolve(fresh);
  }

  addMembers(_tx: Transaction, members: readonly PeriodMember[]): Promise<Set<string>> {
    const fresh = new Set<string>();
    for (const m of members) {
      if (this.members.has(memberKey(m))) continue;
      this.members.add(memberKey(m));
      fresh.add(memberKey(m));
    }
    return Promise.resolve(fresh);
  }

  apply(_tx: Transaction, contributions: readonly TotalContribution[]): Promise<void> {
    for (const c of contributions) {
      const key = `${c.tenantId}|${c.periodStart.toISOString()}|${c.metric}`;
      const row = this.rows.get(key);
      const value = decimal(c.value);
      if (!row) this.rows.set(key, { value, latestAt: c.latestAt, events: c.events });
      else {
        if (c.aggregation === 'sum' || c.aggregation === 'unique') row.value = row.value.plus(value);
        else if (c.aggregation === 'max') row.value = Decimal.max(row.value, value);
        else if (c.latestAt >= row.latestAt) row.value = value;
        if (c.latestAt > row.latestAt) row.latestAt = c.latestAt;
        row.events += c.events;
      }
    }
    return Promise.resolve();
  }

  totals(scope: TenantScope & { periodStart: Date }): Promise<Map<string, string>> {
    const prefix = `${scope.tenantId}|${scope.periodStart.toISOString()}|`;
    return Promise.resolve(new Map([...this.rows].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v.value.toFixed()])));
  }

  /** Periods from which late usage is still billed, per tenant (tests set it; none: every period). */
  readonly billable = new Map<string, Date>();

  async billableFrom(_tx: Transaction, tenantIds: readonly string[]): Promise<Map<string, Date>> {
    return new Map([...this.billable].filter(([tenant]) => tenantIds.includes(tenant)));
  }
}
