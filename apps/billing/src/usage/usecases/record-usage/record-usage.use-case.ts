/**
 * Keeps billing's own usage totals per tenant, UTC-month period and metric from metering's
 * UsageRecorded stream (billing never reads metering's tables). Each (tenant, source, eventId) counts
 * once, as in metering: a copy published again under another CloudEvents id (a retry) is dropped
 * here. A metric the platform measures (storage, database size, active users) counts only from the
 * collector; from any other source it is dead-lettered, as metering does.
 * Totals aggregate like metering's month windows (sum, max, latest, unique). Runs in the batch's
 * transaction, so the totals commit with the inbox rows.
 */
import { Injectable } from '@nestjs/common';
import { NonRetryableError } from '@tenantry/messaging';
import { Transaction } from '@tenantry/persistence';
import { Decimal, decimal } from '../../../money/money';
import { periodStartOf } from '../../../subscriptions/billing-period';
import { billableMetric, mayCount, memberOf } from '../../billable-metrics';
import { CountedEvent, eventKey, memberKey, PeriodMember, TotalContribution } from '../../usage-total.row';
import { UsageTotalsRepository } from '../../usage-totals.repository';
import { RecordUsageCommand } from './record-usage.command';

interface Candidate extends CountedEvent {
  metric: string;
  quantity: string;
  at: Date;
  member?: string;
}

@Injectable()
export class RecordUsageUseCase {
  constructor(private readonly totals: UsageTotalsRepository) {}

  async execute(command: RecordUsageCommand, tx: Transaction): Promise<{ counted: number }> {
    const firstCopies = new Map<string, Candidate>();
    for (const payload of command.events) {
      const at = new Date(payload.timestamp);
      const metric = billableMetric(payload.metric);
      // Ingestion refuses these and metering dead-letters them; billing does not count them either.
      if (!mayCount(payload.metric, payload.source)) throw new NonRetryableError(`${payload.metric} is measured by the platform, not recorded by ${payload.source}`);
      const candidate: Candidate = { tenantId: payload.tenantId.toLowerCase(), source: payload.source, eventId: payload.eventId, periodStart: periodStartOf(at), metric: payload.metric, quantity: payload.quantity, at, member: memberOf(metric, payload.properties) };
      if (!firstCopies.has(eventKey(candidate))) firstCopies.set(eventKey(candidate), candidate);
    }
    const fresh = await this.totals.markCounted(tx, [...firstCopies.values()]);
    const counted = [...firstCopies.values()].filter((c) => fresh.has(eventKey(c)));

    const members: PeriodMember[] = counted.flatMap((c) => (c.member === undefined ? [] : [{ tenantId: c.tenantId, periodStart: c.periodStart, metric: c.metric, member: c.member }]));
    const newMembers = await this.totals.addMembers(tx, members);

    const combined = new Map<string, TotalContribution & { exact: Decimal }>();
    for (const c of counted) {
      const aggregation = billableMetric(c.metric).aggregation;
      let value = decimal(c.quantity);
      if (aggregation === 'unique') {
        const key = c.member === undefined ? undefined : memberKey({ tenantId: c.tenantId, periodStart: c.periodStart, metric: c.metric, member: c.member });
        // A member counts once per period: the first event that brought it takes the 1.
        value = decimal(key !== undefined && newMembers.delete(key) ? 1 : 0);
      }
      const key = `${c.tenantId}\u0000${c.periodStart.getTime()}\u0000${c.metric}`;
      const existing = combined.get(key);
      if (!existing) {
        combined.set(key, { tenantId: c.tenantId, periodStart: c.periodStart, metric: c.metric, aggregation, value: '', exact: value, latestAt: c.at, events: 1 });
        continue;
      }
      existing.events += 1;
      if (aggregation === 'sum' || aggregation === 'unique') existing.exact = existing.exact.plus(value);
      else if (aggregation === 'max') existing.exact = Decimal.max(existing.exact, value);
      else if (c.at >= existing.latestAt) existing.exact = value;
      if (c.at > existing.latestAt) existing.latestAt = c.at;
    }
    await this.totals.apply(tx, [...combined.values()].map(({ exact, ...rest }) => ({ ...rest, value: exact.toFixed() })));
    return { counted: counted.length };
  }
}
