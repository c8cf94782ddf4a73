/**
 * Keeps billing's own usage totals per tenant, UTC-month period and metric from metering's
 * UsageRecorded stream (billing never reads metering's tables). Each (tenant, source, eventId) counts
 * once, as in metering: a copy published again under another CloudEvents id (a retry) is dropped
 * here. A metric the platform measures (storage, database size, active users) counts only from the
 * collector; from any other source it is dead-lettered, as metering does.
 * Totals aggregate like metering's month windows (sum, max, latest, unique: the distinct `member`s
 * of any unique meter, custom ones included). Runs in the batch's
 * transaction, so the totals commit with the inbox rows.
 * Late usage is billed for up to ADJUSTABLE_PAST_PERIODS periods before the tenant's earliest period
 * not finalized yet (as adjustment lines on its next invoice); usage of an older period is logged
 * (warn, with tenant, period and metric) and ignored: it is not counted.
 */
import { Inject, Injectable } from '@nestjs/common';
import { NonRetryableError } from '@tenantry/messaging';
import type { Logger } from '@tenantry/observability';
import { Transaction } from '@tenantry/persistence';
import { LOGGER } from '@tenantry/service';
import { ADJUSTABLE_PAST_PERIODS } from '../../../invoices/adjustment-calculation';
import { Decimal, decimal } from '../../../money/money';
import { periodStartOf } from '../../../subscriptions/billing-period';
import { Aggregation, billableMetric, mayCount, memberOf } from '../../billable-metrics';
import { CountedEvent, eventKey, memberKey, PeriodMember, TotalContribution } from '../../usage-total.row';
import { UsageTotalsRepository } from '../../usage-totals.repository';
import { RecordUsageCommand } from './record-usage.command';

interface Candidate extends CountedEvent {
  metric: string;
  quantity: string;
  at: Date;
  aggregation: Aggregation;
  member?: string;
}

@Injectable()
export class RecordUsageUseCase {
  constructor(
    private readonly totals: UsageTotalsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: RecordUsageCommand, tx: Transaction): Promise<{ counted: number }> {
    const firstCopies = new Map<string, Candidate>();
    for (const payload of command.events) {
      const at = new Date(payload.timestamp);
      const metric = billableMetric(payload.metric);
      // Ingestion refuses these and metering dead-letters them; billing does not count them either.
      if (!mayCount(payload.metric, payload.source)) throw new NonRetryableError(`${payload.metric} is measured by the platform, not recorded by ${payload.source}`);
      // Metering decided when recording it whether its source counts for the meter (issue 13): a source the meter does not count is not billed.
      if (payload.counted === false) continue;
      // The event names its meter's aggregation (custom meters included); older events: the built-in table.
      const aggregation = payload.aggregation ?? metric.aggregation;
      // A unique meter's member is on the event (metering puts it there, custom meters included); events recorded before carry only the properties (active_users: userId).
      const member = aggregation === 'unique' ? (payload.member ?? memberOf(metric, payload.properties)) : undefined;
      const candidate: Candidate = { tenantId: payload.tenantId.toLowerCase(), source: payload.source, eventId: payload.eventId, periodStart: periodStartOf(at), metric: payload.metric, quantity: aggregation === 'count' ? '1' : payload.quantity, at, aggregation, member };
      if (!firstCopies.has(eventKey(candidate))) firstCopies.set(eventKey(candidate), candidate);
    }
    const billableFrom = await this.totals.billableFrom(tx, [...new Set([...firstCopies.values()].map((c) => c.tenantId))], ADJUSTABLE_PAST_PERIODS);
    for (const [key, c] of firstCopies) {
      const from = billableFrom.get(c.tenantId);
      if (from === undefined || c.periodStart >= from) continue;
      this.logger.warn({ tenantId: c.tenantId, period: c.periodStart.toISOString().slice(0, 7), metric: c.metric, eventId: c.eventId, source: c.source, billableFrom: from.toISOString().slice(0, 7) },
        'late usage older than the adjustable periods ignored');
      firstCopies.delete(key);
    }
    const fresh = await this.totals.markCounted(tx, [...firstCopies.values()]);
    const counted = [...firstCopies.values()].filter((c) => fresh.has(eventKey(c)));

    const members: PeriodMember[] = counted.flatMap((c) => (c.member === undefined ? [] : [{ tenantId: c.tenantId, periodStart: c.periodStart, metric: c.metric, member: c.member }]));
    const newMembers = await this.totals.addMembers(tx, members);

    const combined = new Map<string, TotalContribution & { exact: Decimal }>();
    for (const c of counted) {
      const aggregation = c.aggregation;
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
      if (aggregation === 'sum' || aggregation === 'count' || aggregation === 'unique') existing.exact = existing.exact.plus(value);
      else if (aggregation === 'max') existing.exact = Decimal.max(existing.exact, value);
      else if (c.at >= existing.latestAt) existing.exact = value;
      if (c.at > existing.latestAt) existing.latestAt = c.at;
    }
    await this.totals.apply(tx, [...combined.values()].map(({ exact, ...rest }) => ({ ...rest, value: exact.toFixed() })));
    return { counted: counted.length };
  }
}
